"""The terminal view of a batch comparison: the batches, each paired test, and what differs where.

Scenario ids and tags come from scenario files (untrusted) and are printed as plain ``Text``.
"""

from __future__ import annotations

from typing import Any

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from sandbox.report._compare import batch_labels, conclusion, interval, p_text
from sandbox.report._terminal import fmt


def _ci(value: float, ci: list[float] | None) -> str:
    """``0.79 [0.71, 0.88]``."""
    return fmt(value) if not ci else f"{fmt(value)} [{fmt(ci[0])}, {fmt(ci[1])}]"


def _signed(x: float, digits: int = 2) -> Text:
    style = "green" if x > 1e-12 else "red" if x < -1e-12 else "dim"
    return Text(f"{x:+.{digits}f}", style=style)


def _table(title: str, heavy: bool = True, pad: int = 1) -> Table:
    box_ = box.SIMPLE_HEAVY if heavy else box.SIMPLE
    return Table(title=title, box=box_, show_edge=False, padding=(0, pad))


def _batches_table(data: dict[str, Any]) -> Table:
    table = _table("Batches")
    table.add_column("batch", no_wrap=True)
    for name in ("agent", "model", "policy"):
        table.add_column(name, overflow="fold")
    table.add_column("scen×trials", justify="right", no_wrap=True)
    table.add_column("overall [95% CI]", no_wrap=True)
    for b in data["batches"]:
        table.add_row(
            Text(b["batch"]),
            Text(b["agent"]),
            Text(b["model"]),
            Text(b["policy"]),
            f"{b['scenarios']}×{b['trials']}",
            _ci(b["overall"], b["overall_ci95"]),
        )
    return table


def _curves_table(data: dict[str, Any]) -> Table:
    table = _table("pass^k and pass@k (95% CI over scenarios)")
    table.add_column("batch", no_wrap=True)
    table.add_column("k", justify="right")
    table.add_column("pass^k", no_wrap=True)
    table.add_column("pass@k", no_wrap=True)
    for b in data["batches"]:
        for n, k in enumerate(b["pass_hat_k"]):
            table.add_row(
                Text(b["batch"] if n == 0 else ""),
                k,
                _ci(b["pass_hat_k"][k], b["pass_hat_k_ci95"][k]),
                _ci(b["pass_at_k"][k], b["pass_at_k_ci95"][k]),
                end_section=n == len(b["pass_hat_k"]) - 1,
            )
    return table


def _tradeoffs_table(data: dict[str, Any]) -> Table:
    table = _table("Trade-offs: accuracy, speed, cost (all runs of each batch)")
    for col in ("batch", "pass rate", "wall s/run", "model s/run", "tokens/run", "$/run", "asks/run"):
        table.add_column(col, justify="left" if col == "batch" else "right", no_wrap=True)
    for t in data["tradeoffs"]:
        table.add_row(
            Text(t["batch"]),
            f"{t['pass_rate']:.2f}",
            "—" if t["wall_s_per_run"] is None else f"{t['wall_s_per_run']:.2f}",
            "—" if t["model_s_per_run"] is None else f"{t['model_s_per_run']:.2f}",
            "—" if t["tokens_per_run"] is None else f"{t['tokens_per_run']:,.0f}",
            "—" if t["cost_per_run"] is None else f"{t['cost_per_run']:.4f}",
            f"{t['interruptions_per_run']:.2f}",
        )
    return table


def _paired_table(data: dict[str, Any]) -> Table:
    table = _table(f"Paired by scenario, each against {data['batches'][0]['batch']} (a)", pad=0)
    table.add_column("b", no_wrap=True)
    table.add_column("a only", justify="right", no_wrap=True)
    table.add_column("b only", justify="right", no_wrap=True)
    table.add_column("McNemar", no_wrap=True)
    table.add_column("Δ overall (b−a)", no_wrap=True)
    table.add_column("Δ pass rate", no_wrap=True)
    for p in data["paired"]:
        table.add_row(
            Text(p["b"]),
            str(p["a_only"]),
            str(p["b_only"]),
            p_text(p["p_value"]),
            Text.assemble(_signed(p["overall_diff"], 3), "\n", interval(p["overall_diff_ci95"])),
            Text.assemble(_signed(p["pass_rate_diff"], 3), "\n", interval(p["pass_rate_diff_ci95"])),
        )
    return table


def _verdict(passed: int, trials: int, ok: bool) -> Text:
    return Text(f"{passed}/{trials}", style="green" if ok else "red")


def _scenario_table(pair: dict[str, Any], labels: dict[str, str]) -> Table | None:
    rows = [
        r for r in pair["by_scenario"] if r["flip"] or r["pass_rate_diff"] or abs(r["overall_diff"]) > 1e-9
    ]
    if not rows:
        return None
    table = _table(f"Scenarios that differ: {pair['a']} (a) vs {pair['b']} (b)", heavy=False)
    table.add_column("scenario", no_wrap=True)
    table.add_column("a pass", justify="right")
    table.add_column("b pass", justify="right")
    table.add_column("flip", no_wrap=True)
    table.add_column("overall a", justify="right", no_wrap=True)
    table.add_column("overall b", justify="right", no_wrap=True)
    table.add_column("Δ", justify="right", no_wrap=True)
    flips = {"a_only": Text("a only", style="red"), "b_only": Text("b only", style="green")}
    for r in rows:
        table.add_row(
            Text(r["scenario"]),
            _verdict(r["a_passed"], r["a_trials"], r["a_verdict"]),
            _verdict(r["b_passed"], r["b_trials"], r["b_verdict"]),
            flips.get(r["flip"], Text("")),
            fmt(r["a_overall"]),
            fmt(r["b_overall"]),
            _signed(r["overall_diff"]),
        )
    return table


def _tag_table(pair: dict[str, Any]) -> Table | None:
    rows = [t for t in pair["by_tag"] if t["a_only"] or t["b_only"] or t["pass_rate_diff"]]
    if not rows:
        return None
    table = _table("Tags that differ", heavy=False)
    table.add_column("tag", no_wrap=True)
    table.add_column("scen", justify="right")
    table.add_column("pass a", justify="right")
    table.add_column("pass b", justify="right")
    table.add_column("Δ pass", justify="right")
    table.add_column("Δ ovr", justify="right")
    table.add_column("a only", justify="right")
    table.add_column("b only", justify="right")
    for t in rows:
        table.add_row(
            Text(t["tag"]),
            str(t["scenarios"]),
            fmt(t["a_pass_rate"]),
            fmt(t["b_pass_rate"]),
            _signed(t["pass_rate_diff"]),
            _signed(t["overall_diff"]),
            str(t["a_only"]),
            str(t["b_only"]),
        )
    return table


def compare_scorecard(data: dict[str, Any], console: Console, *, notes: bool = True) -> None:
    """Batches, paired tests, then per pair the scenarios that differ and the tags that differ
    (the comparison's ``notes`` first, unless ``notes=False``: the caller shows them)."""
    labels = batch_labels(data)
    for note in data.get("notes", []) if notes else []:
        console.print(Text(f"note: {note}", style="yellow"))
    console.print(_batches_table(data))
    console.print(_curves_table(data))
    if data.get("tradeoffs"):
        console.print(_tradeoffs_table(data))
    console.print(_paired_table(data))
    rule = "all its trials pass" if data["verdict"] == "all" else "more than half its trials pass"
    console.print(
        Text(
            f"A scenario passes when {rule}; each scenario is one pair, whatever its trials. "
            f"Intervals: pass^k, pass@k, overall Student-t over scenarios; Δ paired bootstrap "
            f"({data['resamples']:,} resamples of scenarios, seed {data['seed']}).",
            style="dim",
        )
    )
    for pair in data["paired"]:
        console.rule(Text(f"{labels[pair['a']]} vs {labels[pair['b']]}"))
        console.print(Text(conclusion(pair, labels)))
        table = _scenario_table(pair, labels)
        same = pair["scenarios"] - (len(table.rows) if table is not None else 0)
        if table is not None:
            console.print(table)
        console.print(
            Text(f"{same} of {pair['scenarios']} scenarios have the same results in both.", style="dim")
        )
        tags = _tag_table(pair)
        if tags is not None:
            console.print(tags)
        shown = len(tags.rows) if tags is not None else 0
        console.print(
            Text(
                f"{len(pair['by_tag']) - shown} of {len(pair['by_tag'])} tags have the same pass rate.",
                style="dim",
            )
        )
