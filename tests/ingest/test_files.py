"""Plain text, folders, stdin, HTML files and SemEval folders read into articles."""

from __future__ import annotations

import io
import shutil
import sys
from datetime import date

from narrascope.errors import NarrascopeError
from narrascope.ingest import read_sources, read_text_file
from narrascope.model import Article

from .conftest import FIXTURES


def read(sources, settings) -> list:
    return list(read_sources([str(source) for source in sources], settings))


def test_text_file_keeps_its_characters_exactly(tmp_path, settings):
    text = "Storm closes harbour\r\n\r\nThe port authority shut the harbour on Friday.\n"
    path = tmp_path / "storm.txt"
    path.write_bytes(text.encode("utf-8"))
    [article] = read([path], settings)
    assert article.id == "storm.txt"
    assert article.source == str(path)
    assert article.raw_text == text
    assert article.metadata["format"] == "text"


def test_shared_examples_are_read_one_article_each(shared_examples, settings):
    articles = read([shared_examples[0].parent], settings)
    assert [article.id for article in articles] == [path.name for path in shared_examples]
    assert all(
        article.raw_text == path.read_text(encoding="utf-8")
        for article, path in zip(articles, shared_examples, strict=True)
    )


def test_folder_is_read_recursively_in_name_order_skipping_hidden_files(tmp_path, settings):
    (tmp_path / "b.txt").write_text("Second file at the top.")
    (tmp_path / "a.txt").write_text("First file at the top.")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.txt").write_text("A file one level down.")
    (tmp_path / ".hidden.txt").write_text("Editors leave files like this one.")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "HEAD").write_text("ref: refs/heads/main")
    articles = read([tmp_path], settings)
    assert [article.id for article in articles] == ["a.txt", "b.txt", "sub/c.txt"]
    assert articles[2].raw_text == "A file one level down."


def test_stdin_is_read_as_text_or_html(monkeypatch, settings):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO("Text from a pipe, with a café.".encode())))
    [article] = read(["-"], settings)
    assert article.source == "<stdin>"
    assert article.raw_text == "Text from a pipe, with a café."

    html = (FIXTURES / "ferry-strike.html").read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(html)))
    [article] = read(["-"], settings)
    assert article.title == "Ferry crews walk out over rota changes"
    assert "<p>" not in article.raw_text


def test_html_file_gives_main_text_and_metadata(settings):
    [article] = read([FIXTURES / "flood-wall.html"], settings)
    assert article.id == "flood-wall.html"
    assert article.title == "Harbour town votes on new flood wall"
    assert article.published == date(2024, 3, 14)
    assert article.outlet == "The Coastal Ledger"
    assert article.url == "https://ledger.example/news/flood-wall"
    assert article.language == "en"
    assert "Gwen Morley" in article.raw_text
    assert "All rights reserved" not in article.raw_text  # the footer is not the article
    assert "Sport" not in article.raw_text  # nor is the menu
    assert article.metadata["format"] == "html"


def test_html_is_recognised_by_content_whatever_the_extension(tmp_path, settings):
    saved = tmp_path / "saved-page.txt"
    shutil.copy(FIXTURES / "wetter.html", saved)
    [article] = read([saved], settings)
    assert article.title == "Starkregen überflutet Keller in der Altstadt"
    assert article.language == "de"  # from <meta http-equiv="content-language">, the page has no lang=
    assert "Feuerwehr" in article.raw_text and "<p>" not in article.raw_text


def test_html_in_a_legacy_encoding_is_decoded_by_its_meta_charset(tmp_path, settings):
    page = (
        (FIXTURES / "wetter.html")
        .read_text(encoding="utf-8")
        .replace("charset=utf-8", "charset=windows-1252")
    )
    path = tmp_path / "wetter-1252.html"
    path.write_bytes(page.encode("cp1252"))
    [article] = read([path], settings)
    assert "Straßen" in article.raw_text and "dreißig" in article.raw_text


def test_utf8_html_wins_over_a_wrong_meta_charset(tmp_path, settings):
    page = (
        (FIXTURES / "wetter.html").read_text(encoding="utf-8").replace("charset=utf-8", "charset=iso-8859-1")
    )
    path = tmp_path / "mislabelled.html"
    path.write_text(page, encoding="utf-8")
    [article] = read([path], settings)
    assert "Straßen" in article.raw_text


def test_semeval_training_folder_ids_are_file_names(semeval_dir, settings):
    folder = semeval_dir / "train" / "EN"
    files = sorted((folder / "raw-documents").glob("*.txt"))
    articles = read([folder / "raw-documents"], settings)
    assert all(isinstance(article, Article) for article in articles)
    assert len(articles) == len(files)
    assert [article.id for article in articles] == [path.name for path in files]
    assert {article.language for article in articles} == {"en"}
    # Annotation offsets count the characters of the file as stored: the text must be exactly that.
    assert all(
        article.raw_text == path.read_text(encoding="utf-8")
        for article, path in zip(articles, files, strict=True)
    )
    # The language folder (holding raw-documents/ beside the annotation files) reads the same articles.
    assert [article.id for article in read([folder], settings)] == [path.name for path in files]


def test_semeval_named_files_take_their_language_from_the_name(tmp_path, settings):
    for name in ("EN_UA_12.txt", "A6_CC_BG_10015.txt", "RU-URW-1001.txt", "PT_352..txt"):
        (tmp_path / name).write_text(f"Own test text for {name}.", encoding="utf-8")
    articles = read([tmp_path], settings)
    assert {article.id: article.language for article in articles} == {
        "A6_CC_BG_10015.txt": "bg",
        "EN_UA_12.txt": "en",
        "PT_352..txt": "pt",
        "RU-URW-1001.txt": "ru",
    }
    assert {article.metadata["format"] for article in articles} == {"semeval"}


def test_a_folder_with_other_text_files_is_not_taken_for_semeval(tmp_path, settings):
    (tmp_path / "EN_UA_12.txt").write_text("Looks like SemEval.")
    (tmp_path / "notes.txt").write_text("But this one does not.")
    articles = read([tmp_path], settings)
    assert [article.metadata["format"] for article in articles] == ["text", "text"]
    assert all(article.language is None for article in articles)


def test_nested_semeval_folders_inside_a_plain_folder(tmp_path, settings):
    (tmp_path / "EN" / "raw-documents").mkdir(parents=True)
    (tmp_path / "EN" / "raw-documents" / "EN_CC_7.txt").write_text("One article.")
    (tmp_path / "EN" / "subtask-2-annotations.txt").write_text("EN_CC_7.txt\tOther\tOther\n")
    (tmp_path / "readme.txt").write_text("What this corpus is.")
    results = read([tmp_path], settings)
    assert [article.id for article in results] == ["EN_CC_7.txt", "readme.txt"]  # not the annotation file
    assert not any(isinstance(result, NarrascopeError) for result in results)


def test_read_text_file_reads_whatever_is_there_as_text(tmp_path, settings):
    page = tmp_path / "EN_UA_99.txt"
    page.write_text("<html><body>Angle brackets are part of this text.</body></html>")
    article = read_text_file(page, settings)
    assert (article.id, article.raw_text) == ("EN_UA_99.txt", page.read_text())
