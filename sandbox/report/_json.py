"""The ``--json`` report: ``{"runs": [RunResult.public(), ...], "summary": summarize(runs)}``.

A stable contract: keys keep the order of the ``RunResult`` fields and of ``summarize``; no trace.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sandbox.spi import RunResult


def report_dict(runs: Sequence[RunResult], summary: dict[str, Any]) -> dict[str, Any]:
    return {"runs": [r.public() for r in runs], "summary": summary}


def to_json(runs: Sequence[RunResult], summary: dict[str, Any]) -> str:
    """The report as JSON text (indent 2, UTF-8 kept, no NaN), ending with a newline."""
    return json.dumps(report_dict(runs, summary), indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def write_json(path: str | Path, runs: Sequence[RunResult], summary: dict[str, Any]) -> Path:
    """Write the JSON report to ``path`` (parent folders are created) and return the path."""
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(to_json(runs, summary), encoding="utf-8")
    return out
