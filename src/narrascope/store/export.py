"""Writing a corpus table (a pandas DataFrame from ``Corpus.frame``) as JSONL, CSV or Parquet."""

from __future__ import annotations

import io
from pathlib import Path
from typing import IO, TYPE_CHECKING

from narrascope.errors import UsageError

if TYPE_CHECKING:
    import pandas

FORMATS = ("jsonl", "csv", "parquet")


def frame_bytes(frame: pandas.DataFrame, output_format: str) -> bytes:
    if output_format == "jsonl":
        if frame.empty:
            return b""
        records = frame.to_json(orient="records", lines=True, date_format="iso", force_ascii=False)
        return records.encode("utf-8")
    if output_format == "csv":
        return frame.to_csv(index=False).encode("utf-8")
    if output_format == "parquet":
        buffer = io.BytesIO()
        frame.to_parquet(buffer, index=False)
        return buffer.getvalue()
    raise UsageError(output_format, f"unknown export format; choose one of {', '.join(FORMATS)}")


def write_frame(frame: pandas.DataFrame, output_format: str, target: Path | IO[bytes]) -> None:
    data = frame_bytes(frame, output_format)
    if isinstance(target, Path):
        target.write_bytes(data)
    else:
        target.write(data)
        target.flush()
