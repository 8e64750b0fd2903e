"""The scenario linter behind ``travel-sandbox validate``: schema problems, then the world's own checks.

    reports = lint(["scenarios/"])
    for r in reports:
        for line in r.error_lines(): print(line)   # file:line: field.path: message

A file is valid when it loads (strictly: the ``$schema`` first line is required) and the world's
``check_scenario`` (e.g. its oracle) reports no error. Warnings are shown but do not fail.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from sandbox.errors import ScenarioIssue
from sandbox.scenarios._loader import LoadedFile, check_files
from sandbox.spi import Finding

_LEADING_PATH = re.compile(r"^([A-Za-z_]\w*(?:\.\w+)*): (.+)$", re.DOTALL)


@dataclass
class FileReport:
    """One file's schema issues and the world's findings about it."""

    loaded: LoadedFile
    findings: list[Finding] = field(default_factory=list)

    @property
    def file(self) -> str:
        return self.loaded.file

    @property
    def ok(self) -> bool:
        return self.loaded.ok and not any(f.severity == "error" for f in self.findings)

    def _locate(self, finding: Finding) -> ScenarioIssue:
        """A finding as an issue; a message that starts with a field path gets that field's line."""
        m = _LEADING_PATH.match(finding.message)
        if m is None:
            return ScenarioIssue(self.file, None, "", finding.message)
        path = m.group(1)
        line = self.loaded.positions.value_line(tuple(path.split(".")))
        return ScenarioIssue(self.file, line, path, m.group(2))

    def error_lines(self) -> list[str]:
        """Every failing problem as ``file:line: path: message``."""
        errors = [self._locate(f) for f in self.findings if f.severity == "error"]
        return [str(i) for i in self.loaded.issues + errors]

    def warning_lines(self) -> list[str]:
        """Warnings as ``file:line: warning: path: message``."""
        out = []
        for f in self.findings:
            if f.severity == "warning":
                issue = self._locate(f)
                where = f"{issue.file}:{issue.line}" if issue.line is not None else issue.file
                body = f"{issue.path}: {issue.message}" if issue.path else issue.message
                out.append(f"{where}: warning: {body}")
        return out

    def info(self) -> list[str]:
        """The world's informational findings (e.g. its oracle's summary)."""
        return [f.message for f in self.findings if f.severity == "info"]


def lint(paths: Iterable[str | Path], *, world_checks: bool = True) -> list[FileReport]:
    """Load every file strictly, then run the world's ``check_scenario`` on each one that loaded."""
    reports = []
    for loaded in check_files(paths, strict=True):
        report = FileReport(loaded)
        if world_checks and loaded.ok and loaded.world is not None:
            report.findings = list(loaded.world.check_scenario(loaded.scenario))
        reports.append(report)
    return reports
