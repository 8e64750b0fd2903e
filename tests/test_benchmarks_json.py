"""``--json FILE`` means the same in the benchmarks as in the CLI: ``-`` puts the JSON report on stdout
(the tables go to stderr), and a path that cannot be written is exit 2 naming ``--json``, before any
run starts."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _bench(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, ROOT / "benchmarks" / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    ("name", "argv"),
    [
        ("generated_pass_rates", ["--n", "1"]),
        ("adversaries", ["--agents", "do-nothing"]),
        ("judge_bank", ["--batches", "none"]),
        ("intent_coverage", []),
        ("golden_intent", []),
    ],
)
def test_a_json_path_that_cannot_be_written_exits_2_before_anything_runs(
    name: str, argv: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    with pytest.raises(SystemExit) as exit_:
        _bench(name).main([*argv, "--json", str(blocker / "report.json")])  # a file where a folder must be
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert "--json" in err and "not a directory" in err
    assert list(tmp_path.iterdir()) == [blocker]  # nothing was made (no run store, no report)


def test_json_dash_is_the_report_alone_on_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    bench = _bench("generated_pass_rates")
    assert bench.main(["--n", "1", "--seed", "3", "--agent", "do-nothing", "--json", "-"]) == 0
    got = capsys.readouterr()
    report = json.loads(got.out)
    assert report["runs"] == len(report["families"]) and report["passed"] < report["runs"]
    assert "do-nothing (scripted) on" in got.err and "partial-change" in got.err
