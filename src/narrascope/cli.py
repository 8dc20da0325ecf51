"""The ``narrascope`` command: parses arguments, calls the library, prints. Nothing else lives here."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from narrascope import __version__

app = typer.Typer(
    help="Which narratives a news article pushes and how it frames the people and institutions in it.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
train_app = typer.Typer(help="Train the models from labelled data.", no_args_is_help=True)
semeval_app = typer.Typer(help="SemEval-2025 Task 10 interface: predict in the task's formats and score.", no_args_is_help=True)
score_app = typer.Typer(help="Score predictions against gold files with the official metrics.", no_args_is_help=True)
app.add_typer(train_app, name="train")
app.add_typer(semeval_app, name="semeval")
semeval_app.add_typer(score_app, name="score")

errors = Console(stderr=True, highlight=False)


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
        bool, typer.Option("--version", callback=version_callback, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """narrascope reads news articles and reports narratives, framing, quotes and claims."""


def fail(message: str, code: int = 2) -> typer.Exit:
    errors.print(f"error: {message}", markup=False)
    return typer.Exit(code)


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


@app.command()
def analyze(
    sources: Annotated[list[str], typer.Argument(help="Files, folders, http(s) URLs or feeds; - reads stdin.")],
    output_format: Annotated[OutputFormat, typer.Option("--format", "-f", help="jsonl, json or md.")] = OutputFormat.jsonl,
    stages: Annotated[
        str | None, typer.Option(help="Comma-separated stages to run instead of the configured pipeline.")
    ] = None,
) -> None:
    """Analyse articles and print one result per article. Exit 1 when some items failed."""
    from narrascope.errors import NarrascopeError
    from narrascope.ingest import read_sources
    from narrascope.pipeline import Pipeline
    from narrascope.report import render

    try:
        pipeline = Pipeline(stages.split(",") if stages else None)
    except NarrascopeError as error:
        raise fail(str(error)) from None
    failures = 0
    first = True
    with progress_bar() as progress:
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
