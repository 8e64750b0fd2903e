"""``benchmarks/generated_pass_rates.py``: scenarios of every family generated into a temporary
folder, one run each, pass rates per family; the reference agent passes every one."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

from worlds.travel.generate import FAMILIES

ROOT = Path(__file__).resolve().parents[2]


def test_the_reference_passes_one_generated_scenario_of_every_family(tmp_path: Path, capsys):
    spec = importlib.util.spec_from_file_location(
        "generated_pass_rates", ROOT / "benchmarks" / "generated_pass_rates.py"
    )
    assert spec and spec.loader
    bench = importlib.util.module_from_spec(spec)
    sys.modules["generated_pass_rates"] = bench
    spec.loader.exec_module(bench)
    out = tmp_path / "rates.json"
    assert bench.main(["--n", "1", "--seed", "3", "--agent", "reference", "--json", str(out)]) == 0
    report = json.loads(out.read_text())
    assert list(report["families"]) == list(FAMILIES)
    assert all(e["runs"] == 1 and e["passed"] == 1 for e in report["families"].values())
    assert report["pass_rate"] == 1.0 and report["runs"] == len(FAMILIES)
    printed = capsys.readouterr().out
    assert "partial-change" in printed and "1.00" in printed
    nothing = bench.pass_rates(1, 3, "do-nothing", "scripted")
    assert nothing["passed"] < nothing["runs"]  # a do-nothing agent must fail most of them
