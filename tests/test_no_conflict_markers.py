"""No tracked text file keeps a merge's conflict markers (they can hide in a docstring, where no
parser or type checker notices them)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MARKER = re.compile(r"^(<{7}|>{7})( |$)", re.M)
TEXT = {".py", ".md", ".yaml", ".yml", ".toml", ".html", ".js", ".css", ".json", ".txt", ".cfg", ".ini"}


def tracked() -> list[Path]:
    try:
        out = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("not a git checkout")
    return [ROOT / line for line in out.splitlines() if Path(line).suffix in TEXT]


def test_no_file_keeps_conflict_markers() -> None:
    files = tracked()
    assert files
    found = [
        str(p.relative_to(ROOT))
        for p in files
        if p.is_file() and MARKER.search(p.read_text("utf-8", "replace"))
    ]
    assert found == []
