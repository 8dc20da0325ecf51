"""The ``narrascope`` command: parses arguments, calls the library, prints. Nothing else lives here."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)

from narrascope import __version__

app = typer.Typer(
    help="Which narratives a news article pushes and how it frames the people and institutions in it.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
train_app = typer.Typer(help="Train the models from labelled data.", no_args_is_help=True)
semeval_app = typer.Typer(
    help="SemEval-2025 Task 10 interface: predict in the task's formats and score.", no_args_is_help=True
)
score_app = typer.Typer(
    help="Score predictions against gold files with the official metrics.", no_args_is_help=True
)
app.add_typer(train_app, name="train")
app.add_typer(semeval_app, name="semeval")
semeval_app.add_typer(score_app, name="score")

# soft wrap: an error line names its item in full, unbroken, for grep and for scripts reading stderr
errors = Console(stderr=True, highlight=False, soft_wrap=True)


class OutputFormat(str, Enum):
    jsonl = "jsonl"
    json = "json"
    md = "md"


def version_callback(value: bool) -> None:
    if value:
        typer.echo(f"narrascope {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=version_callback, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """narrascope reads news articles and reports narratives, framing, quotes and claims."""


def fail(message: str, code: int = 2) -> typer.Exit:
    errors.print(f"error: {message}", markup=False)
    return typer.Exit(code)


@contextmanager
def reported_errors(code: int = 2) -> Iterator[None]:
    """Turn a narrascope error into a one-line message on stderr and an exit status."""
    from narrascope.errors import NarrascopeError

    try:
        yield
    except NarrascopeError as error:
        raise fail(str(error), code) from None


def refusal_reporter(fallback: str) -> Callable[[Exception], None]:
    """For the SemEval commands, which write a line per item even when its document is refused: one
    error line naming the item and saying what was written instead."""

    def report(error: Exception) -> None:
        errors.print(f"error: {error} ({fallback})", markup=False)

    return report


def progress_bar() -> Progress:
    return Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=errors,
        transient=True,
        disable=not errors.is_terminal,
    )


def column_option(field: str):
    return typer.Option(
        help=f"JSONL/CSV column holding the article's {field} (default: columns.{field} of the settings).",
        rich_help_panel="JSONL/CSV columns",
    )


def settings_with_columns(**columns: str | None):
    """The settings, with the table columns the user named on the command line."""
    from narrascope.settings import get_settings

    settings = get_settings()
    chosen = {field: name for field, name in columns.items() if name}
    if not chosen:
        return settings
    return settings.model_copy(update={"columns": settings.columns.model_copy(update=chosen)})


SchedulerOption = Annotated[
    str | None,
    typer.Option(
        help="Run the stages on the Dask cluster of this scheduler (tcp://host:8786); every worker needs "
        "the same narrascope installed, with its scale extra.",
        rich_help_panel="Scale-out",
    ),
]
WorkersOption = Annotated[
    int | None,
    typer.Option(
        min=1,
        help="Run the stages on this many local worker processes (a Dask cluster).",
        rich_help_panel="Scale-out",
    ),
]


@contextmanager
def chosen_pipeline(stages: str | None, settings, scheduler: str | None, workers: int | None) -> Iterator:
    """The configured stages, in this process or on a Dask cluster (--scheduler or --workers)."""
    from narrascope.pipeline import Pipeline

    names = stages.split(",") if stages else None
    if scheduler and workers:
        raise fail("--scheduler and --workers: give one (a cluster to use, or local workers to start)")
    if not (scheduler or workers):
        with reported_errors():
            pipeline = Pipeline(names, settings)
        yield pipeline
        return
    from narrascope.scale import DistributedPipeline, cluster_client

    with reported_errors(), cluster_client(scheduler, workers) as client:
        pipeline = DistributedPipeline(client, names, settings)
        yield pipeline


@app.command()
def analyze(
    sources: Annotated[
        list[str], typer.Argument(help="Files, folders, http(s) URLs or feeds; - reads stdin.")
    ],
    output_format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="jsonl, json or md.")
    ] = OutputFormat.jsonl,
    stages: Annotated[
        str | None, typer.Option(help="Comma-separated stages to run instead of the configured pipeline.")
    ] = None,
    text_column: Annotated[str | None, column_option("text")] = None,
    id_column: Annotated[str | None, column_option("id")] = None,
    title_column: Annotated[str | None, column_option("title")] = None,
    url_column: Annotated[str | None, column_option("url")] = None,
    date_column: Annotated[str | None, column_option("date")] = None,
    outlet_column: Annotated[str | None, column_option("outlet")] = None,
    language_column: Annotated[str | None, column_option("language")] = None,
    scheduler: SchedulerOption = None,
    workers: WorkersOption = None,
) -> None:
    """Analyse articles and print one result per article. Exit 1 when some items failed."""
    from narrascope.errors import NarrascopeError
    from narrascope.ingest import read_sources
    from narrascope.report import render

    settings = settings_with_columns(
        text=text_column, id=id_column, title=title_column, url=url_column, date=date_column,
        outlet=outlet_column, language=language_column,
    )
    failures = 0
    first = True
    with chosen_pipeline(stages, settings, scheduler, workers) as pipeline, progress_bar() as progress:
        task = progress.add_task("analysing", total=None)
        for result in pipeline.pipe(read_sources(sources, pipeline.settings)):
            progress.advance(task)
            if isinstance(result, NarrascopeError):
                failures += 1
                errors.print(f"error: {result}", markup=False)
                continue
            sys.stdout.write(render(result, output_format.value, first=first))
            sys.stdout.flush()
            first = False
    if output_format is OutputFormat.json:
        sys.stdout.write("[]\n" if first else "\n]\n")
    raise typer.Exit(1 if failures else 0)


def open_corpus(db: str | None):
    """The store named by --db (or the settings), with the one-line error the CLI gives for a bad URL."""
    from narrascope.store import Corpus

    with reported_errors():
        return Corpus(db)


DbOption = Annotated[
    str | None,
    typer.Option("--db", help="Database URL (sqlite:///FILE or postgresql://...); default from settings."),
]


@app.command()
def ingest(
    sources: Annotated[
        list[str], typer.Argument(help="Files, folders, http(s) URLs or feeds; - reads stdin.")
    ],
    db: DbOption = None,
    stages: Annotated[
        str | None, typer.Option(help="Comma-separated stages to run instead of the configured pipeline.")
    ] = None,
    scheduler: SchedulerOption = None,
    workers: WorkersOption = None,
) -> None:
    """Analyse articles and store them in the database. Exit 1 when some items failed.

    An article already stored (same content or URL) is skipped, unless the pipeline's stage versions
    changed since; a run that was killed resumes when run again. `narrascope runs` lists the failures.
    """
    corpus = open_corpus(db)
    with chosen_pipeline(stages, corpus.settings, scheduler, workers) as pipeline, progress_bar() as progress:
        task = progress.add_task("ingesting", total=None)

        def on_item(outcome: str, item) -> None:
            progress.advance(task)
            if outcome == "failed":
                errors.print(f"error: {item}", markup=False)

        with reported_errors():
            summary = corpus.ingest(sources, on_item=on_item, pipeline=pipeline)
    errors.print(
        f"run {summary.id}: {summary.stored} stored, {summary.reanalysed} re-analysed, "
        f"{summary.skipped} unchanged, {summary.failed} failed",
        markup=False,
    )
    raise typer.Exit(1 if summary.failed else 0)


@app.command()
def runs(
    db: DbOption = None,
    limit: Annotated[int, typer.Option(help="How many recent runs to show.")] = 10,
) -> None:
    """Show recent ingestion runs with their counts and the items that failed."""
    page = open_corpus(db).runs(per_page=limit)
    if not page.items:
        typer.echo("no ingestion run yet")
    for run in page.items:
        typer.echo(
            f"run {run['id']}  {run['status']:<11}  {run['started_at']:%Y-%m-%d %H:%M:%S}  "
            f"stored {run['stored']}  re-analysed {run['reanalysed']}  unchanged {run['skipped']}  "
            f"failed {run['failed']}  sources: {' '.join(run['sources'])}"
        )
        for failure in run["failures"]:
            typer.echo(f"    failed: {failure['item']}: {failure['error']}: {failure['message']}")


class ExportFormat(str, Enum):
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"


class ExportTable(str, Enum):
    articles = "articles"
    narratives = "narratives"
    roles = "roles"
    quotes = "quotes"
    claims = "claims"


@app.command()
def export(
    db: DbOption = None,
    export_format: Annotated[
        ExportFormat, typer.Option("--format", "-f", help="jsonl, csv or parquet.")
    ] = ExportFormat.jsonl,
    what: Annotated[ExportTable, typer.Option(help="Which table to export.")] = ExportTable.narratives,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File to write; default stdout.")
    ] = None,
) -> None:
    """Export a table of the store, one row per label (or article), for pandas, R or a spreadsheet."""
    from narrascope.store.export import write_frame

    frame = open_corpus(db).frame(what.value)
    if output is None and export_format is ExportFormat.parquet and sys.stdout.isatty():
        raise fail("parquet is binary: give --output FILE or redirect stdout")
    write_frame(frame, export_format.value, output or sys.stdout.buffer)


@app.command()
def serve(
    db: DbOption = None,
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    workers: Annotated[int, typer.Option(help="Server processes.")] = 1,
) -> None:
    """Serve the web pages and the JSON API over the store (OpenAPI at /openapi.json)."""
    from narrascope.web.server import run

    # fail here, with one line, on a bad URL, and migrate once before the workers start
    open_corpus(db).close()
    run(db, host, port, workers, log=errors)


SEMEVAL_DATA = Path("../shared/data/semeval2025-task10")
SemevalDataOption = Annotated[Path, typer.Option(help="The SemEval-2025 Task 10 release folder.")]
TRAINING_LANGUAGES = "EN,BG,HI,PT,RU"
LanguagesOption = Annotated[str, typer.Option(help="Comma-separated languages to train on.")]


def language_codes(languages: str) -> list[str]:
    """The codes of a comma-separated --languages value, upper-cased, empty items dropped."""
    return [code.strip().upper() for code in languages.split(",") if code.strip()]


@semeval_app.command("explain")
def semeval_explain(
    documents: Annotated[
        Path, typer.Argument(help="Folder of documents, each file named by its article id.")
    ],
    dominant: Annotated[
        Path, typer.Argument(help="TSV lines: article_id, dominant_narrative, dominant_subnarrative.")
    ],
    output: Annotated[
        Path, typer.Option("--output", "-o", help="Where to write article_id<TAB>explanation lines.")
    ],
) -> None:
    """Subtask 3: explain each given dominant narrative in at most 80 words, grounded in the document."""
    from narrascope.explain.semeval import explain_documents, write_explanations
    from narrascope.settings import get_settings

    with reported_errors():
        on_refusal = refusal_reporter("written as no explanation")
        rows = list(explain_documents(documents, dominant, get_settings(), on_refusal))
    write_explanations(rows, output)
    errors.print(f"{len(rows)} explanations written to {output}", markup=False)


@train_app.command("explain")
def train_explain(
    data: SemevalDataOption = SEMEVAL_DATA,
) -> None:
    """Fit the sentence ranker of the explanations on the subtask-3 training explanations."""
    from narrascope.explain.train import train
    from narrascope.settings import get_settings

    with reported_errors():
        path = train(data, get_settings())
    errors.print(f"wrote {path}", markup=False)


@train_app.command("boilerplate")
def train_boilerplate(
    shared: Annotated[
        Path, typer.Option(help="The shared folder holding the labelled articles.")
    ] = Path("../shared"),
) -> None:
    """Refit the boilerplate line classifier on the hand-labelled lines (fixed seed) and rewrite its model card."""
    from narrascope.clean.training import rebuild
    from narrascope.settings import get_settings

    with reported_errors():
        path = rebuild(shared, get_settings().resources)
    errors.print(f"wrote {path}", markup=False)


@train_app.command("narratives")
def train_narratives(
    data: SemevalDataOption = SEMEVAL_DATA,
    out: Annotated[
        Path | None,
        typer.Option(help="Where to write the model; default: the shipped model in resources/narratives."),
    ] = None,
    folds: Annotated[int, typer.Option(min=2, help="Cross-validation folds.")] = 5,
    languages: LanguagesOption = TRAINING_LANGUAGES,
) -> None:
    """Cross-validate the narrative classifier (printing the figures), then fit it on all the data and save it."""
    from narrascope.narratives.training import train

    with reported_errors():
        train(data, out, language_codes(languages), folds, report=typer.echo)


@semeval_app.command("narratives")
def semeval_narratives(
    documents: Annotated[
        Path, typer.Argument(help="Folder of .txt documents, each named by its article id.")
    ],
    output: Annotated[
        Path,
        typer.Option("--output", "-o", help="Where to write article_id<TAB>narratives<TAB>subnarratives."),
    ],
) -> None:
    """Subtask 2: predict the narratives and sub-narratives of every .txt document, in file-name order."""
    from narrascope.evaluate.semeval import write_narrative_predictions
    from narrascope.narratives.semeval import predict_folder

    with reported_errors():
        rows = list(predict_folder(documents, on_error=refusal_reporter("written as Other")))
    write_narrative_predictions(rows, output)
    errors.print(f"{len(rows)} predictions written to {output}", markup=False)


@score_app.command("narratives")
def score_narratives(
    gold: Annotated[Path, typer.Argument(help="Gold subtask-2 TSV: article_id, narratives, subnarratives.")],
    predictions: Annotated[Path, typer.Argument(help="Predicted subtask-2 TSV in the same format.")],
) -> None:
    """Subtask 2: samples-averaged F1 on narratives (coarse) and sub-narratives (fine), with standard deviations."""
    from narrascope.evaluate.metrics import score_narrative_files

    with reported_errors():
        scores = score_narrative_files(gold, predictions)
    for line in scores.lines():
        typer.echo(line)


@train_app.command("framing")
def train_framing(
    data: SemevalDataOption = SEMEVAL_DATA,
    out: Annotated[
        Path | None,
        typer.Option(help="Where to write the model; default: the shipped model in resources/framing."),
    ] = None,
    folds: Annotated[int, typer.Option(min=2, help="Cross-validation folds (grouped by article).")] = 5,
    languages: LanguagesOption = TRAINING_LANGUAGES,
) -> None:
    """Cross-validate the entity-role classifier (printing the figures), then fit it on all the data and save it."""
    from narrascope.framing.roles import load_taxonomy
    from narrascope.framing.stage import DEFAULT_MODEL_DIR
    from narrascope.framing.training import train_framing as train
    from narrascope.settings import get_settings

    taxonomy = load_taxonomy(get_settings().resources / "framing" / "roles.toml")
    with reported_errors():
        report = train(data, out or DEFAULT_MODEL_DIR, taxonomy, language_codes(languages), folds)
    typer.echo(report.table())
    typer.echo(f"calibration: {report.calibration}; second-role share {report.second_role_share}")
    errors.print(f"model written to {out or DEFAULT_MODEL_DIR}", markup=False)


@semeval_app.command("roles")
def semeval_roles(
    documents: Annotated[
        Path, typer.Argument(help="Folder of raw documents, each file named by its article id.")
    ],
    mentions: Annotated[
        Path, typer.Argument(help="TSV lines: article_id, entity_mention, start, end (inclusive).")
    ],
    output: Annotated[Path, typer.Option("--output", "-o", help="Where to write the subtask-1 predictions.")],
) -> None:
    """Subtask 1: a main role and fine roles for every given mention, in the input's order."""
    from narrascope.framing.semeval import predict_semeval_roles
    from narrascope.framing.stage import load_model
    from narrascope.settings import get_settings

    settings = get_settings()
    with reported_errors():
        model = load_model(settings.framing_model, settings.resources / "framing" / "roles.toml")
        count = predict_semeval_roles(
            model, documents, mentions, output, settings, refusal_reporter("its mentions read without it")
        )
    errors.print(f"{count} predictions written to {output}", markup=False)


@score_app.command("roles")
def score_roles(
    gold: Annotated[
        Path,
        typer.Argument(help="Gold subtask-1 TSV: article_id, mention, start, end, main_role, fine_roles."),
    ],
    predictions: Annotated[Path, typer.Argument(help="Predicted subtask-1 TSV in the same format.")],
) -> None:
    """Subtask 1: exact-match ratio and micro P/R/F1 on fine roles, main-role accuracy. Mentions must match the gold's."""
    from narrascope.evaluate.roles import score_role_files

    with reported_errors():
        scores = score_role_files(gold, predictions)
    typer.echo(scores.table())
