"""How fast the readers turn input into articles, by kind of input: plain text (the SemEval training
folders), JSONL rows (the same texts), saved HTML pages (trafilatura), and pages fetched over HTTP from a
server on 127.0.0.1. Pipeline stages are not run.

Run: python benchmarks/ingest.py [--pages 200]
"""

from __future__ import annotations

import argparse
import json
import tempfile
import threading
import time
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from narrascope.errors import NarrascopeError
from narrascope.ingest import read_sources
from narrascope.settings import Settings

REPO = Path(__file__).resolve().parents[1]
TRAIN = REPO.parent / "shared" / "data" / "semeval2025-task10" / "train"
PAGES = REPO / "tests" / "ingest" / "fixtures"


def timed(label: str, sources: list[str], settings: Settings) -> None:
    started = time.perf_counter()
    results = list(read_sources(sources, settings))
    seconds = time.perf_counter() - started
    failed = sum(isinstance(result, NarrascopeError) for result in results)
    rate = len(results) / seconds
    print(f"{label:<28} {len(results):>6} items {failed:>4} failed {seconds:8.2f} s {rate:9.1f} items/s")


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=200, help="HTML pages to read from files and over HTTP")
    arguments = parser.parse_args()
    settings = Settings()
    html_pages = sorted(PAGES.glob("*.html"))
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        timed("text: SemEval train folders", [str(TRAIN)], settings)

        rows = folder / "rows.jsonl"
        with rows.open("w", encoding="utf-8") as stream:
            for path in sorted(TRAIN.glob("*/raw-documents/*.txt")):
                stream.write(json.dumps({"id": path.name, "text": path.read_text(encoding="utf-8")}) + "\n")
        timed("jsonl: the same texts", [str(rows)], settings)

        pages = folder / "pages"
        pages.mkdir()
        for number in range(arguments.pages):
            source = html_pages[number % len(html_pages)]
            (pages / f"{number:05d}-{source.name}").write_bytes(source.read_bytes())
        timed("html files (trafilatura)", [str(pages)], settings)

        server = ThreadingHTTPServer(("127.0.0.1", 0), partial(QuietHandler, directory=str(pages)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}"
        try:
            urls = [f"{base}/{path.name}" for path in sorted(pages.iterdir())]
            timed("html over http (local)", urls, settings)
        finally:
            server.shutdown()
            server.server_close()


if __name__ == "__main__":
    main()
