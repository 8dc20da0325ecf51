"""`narrascope analyze` on the first shared example lists who said what and the numbers with their sources."""

from __future__ import annotations

import re

from typer.testing import CliRunner

from narrascope.cli import app


def test_analyze_reports_the_quotes_and_claims_of_the_first_example(shared_examples):
    result = CliRunner().invoke(
        app,
        [
            "analyze",
            str(shared_examples[0]),
            "--format",
            "md",
            "--stages",
            "clean,parse,entities,quotes,claims",
        ],
    )
    assert result.exit_code == 0, result.output
    quotes = result.output.split("## Quotes", 1)[1].split("## Claims with numbers", 1)[0]
    claims = result.output.split("## Claims with numbers", 1)[1].split("## Text", 1)[0]
    # the speaker as written, then the canonical entity in brackets when the entities stage found one
    assert re.search(r"\*\*Sak( \[[^]]+\])?\*\* \(said\), direct: \u201cMen, women, children\.", quotes)
    assert re.search(
        r"\*\*Sak( \[[^]]+\])?\*\*, direct: \u201cWe are seeing what we have warned about before", quotes
    )
    assert re.search(
        r"Zelenskyy( \[[^]]+\])?\*\* \(said\), direct: \u201cIn any case, I can tell you honestly", quotes
    )
    assert re.search(
        r"Zelenskyy( \[[^]]+\])?\*\* \(said\), indirect: \u201cmore than 440 graves were found", quotes
    )
    assert (
        "- more than 440 graves = at least 440 \u2014 according to Ukrainian President Volodymyr Zelenskyy"
        in claims
    )
    assert "- 450 bodies = 450 (Sunday) \u2014 according to A top Ukrainian official" in claims
    assert "- hundreds of Russian soldiers = about 200 to 999" in claims
