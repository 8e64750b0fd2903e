"""Terminal reports: the suite scorecard and one run's readable trace.

Everything a run produced (messages, tool arguments, results, error texts) is untrusted and is
printed as plain ``Text``, never parsed as rich markup.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from sandbox.report._planted import planted_scorecard, show_planted
from sandbox.scoring import SCORE_NAMES, stopped_words
from sandbox.spi import (
    AssistantMessage,
    CheckpointEvent,
    CheckpointPayload,
    ControlEvent,
    DecisionEvent,
    EditApplied,
    ErrorEvent,
    ErrorObservation,
    FaultEvent,
    GuardrailBlockEvent,
    HarmEvent,
    HumanDecision,
    JudgeResult,
    MessageEvent,
    PolicyRejection,
    ResultObservation,
    RuleViolations,
    RunEndEvent,
    RunResult,
    RunStartEvent,
    ToolCallEvent,
    ToolOutcome,
    ToolResultEvent,
    TraceEvent,
)

SCORE_HEADERS = {
    "correctness": "corr",
    "budget": "budg",
    "preference": "pref",
    "faithfulness": "faith",
    "overall": "overall",
}
RESULT_CHARS = 160
EVENT_STYLES = {
    "guardrail_block": "red",
    "error": "bold red",
    "checkpoint": "yellow",
    "decision": "yellow",
    "fault": "magenta",
    "harm": "bold magenta",
    "tool_call": "cyan",
    "control": "blue",
}


def fmt(x: float | None, digits: int = 2) -> str:
    return "—" if x is None else f"{x:.{digits}f}"


def compact_curve(curve: dict[str, float], limit: int = 4) -> str:
    """``{"1": .5, "2": .17, "3": 0}`` → ``"0.50 0.17 0.00"``; long curves keep the ends: ``0.9 0.8 0.7 … 0.1``."""
    values = [fmt(v) for v in curve.values()]
    if len(values) > limit:
        values = [*values[: limit - 2], "…", values[-1]]
    return " ".join(values) or "—"


def truncate(text: str, limit: int = RESULT_CHARS) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


# -- suite scorecard -----------------------------------------------------------------------------


def _label(entry: dict[str, Any]) -> str:
    """A scorecard row's name: the scenario, and the attack it ran under (``scenario @attack``)."""
    return f"{entry['scenario']} @{entry['attack']}" if entry.get("attack") else str(entry["scenario"])


def attack_table(attacks: dict[str, Any]) -> Table:
    """Per attack: utility under attack (pass rate), ASR (goal reached) and the attempted-but-stopped
    rate, next to the same suite's utility without attack (its clean runs)."""
    clean = attacks["clean"]
    table = Table(
        title=f"Attacks: utility without attack {fmt(clean['pass_rate'])} ({clean['passed']}/{clean['runs']})",
        box=box.SIMPLE_HEAVY,
        show_edge=False,
        padding=0,
    )
    for col in ("attack", "runs", "utility", "clean", "ASR", "attempted"):
        table.add_column(col, justify="left" if col == "attack" else "right", no_wrap=True)
    for e in attacks["by_attack"]:
        table.add_row(
            e["attack"],
            str(e["runs"]),
            f"{fmt(e['pass_rate'])} ({e['passed']})",
            fmt(e["clean_pass_rate"]),
            Text(f"{fmt(e['asr'])} ({e['reached']})", style="red" if e["reached"] else ""),
            f"{fmt(e['attempted_rate'])} ({e['attempted']})",
        )
    return table


def scorecard(runs: Sequence[RunResult], summary: dict[str, Any], console: Console) -> None:
    """One row per scenario, a suite footer (means ± 95% CI half-width), totals, then the error runs."""
    kmax = len(summary["pass_hat_k"])
    table = Table(
        title=f"Scorecard: {_plural(summary['runs'], 'run')}, {_plural(len(summary['by_scenario']), 'scenario')}",
        box=box.SIMPLE_HEAVY,
        show_footer=True,
        show_edge=False,
        padding=0,
    )
    width = max([len("scenario"), *(len(_label(e)) for e in summary["by_scenario"])])
    table.add_column("scenario", footer="suite", no_wrap=True, min_width=width)
    table.add_column("trials", justify="right", footer=str(summary["runs"]))
    table.add_column("pass^1…k", footer=compact_curve(summary["pass_hat_k"]), no_wrap=True)
    for name in SCORE_NAMES:
        table.add_column(SCORE_HEADERS[name], justify="right", footer=fmt(summary[name]), no_wrap=True)
    table.add_column("asks", justify="right", footer=str(summary["interrupts"]))
    table.add_column("blocks", justify="right", footer=str(summary["guardrail_blocks"]))
    table.add_column("errors", justify="right", footer=str(summary["errors"]))
    for e in summary["by_scenario"]:
        table.add_row(
            Text(_label(e)),
            str(e["trials"]),
            compact_curve(e["pass_hat_k"]),
            *(fmt(e[name]) for name in SCORE_NAMES),
            str(e["interrupts"]),
            str(e["guardrail_blocks"]),
            Text(str(e["errors"]), style="red" if e["errors"] else ""),
        )
    console.print(table)

    rate = summary["pass_rate"]
    line = Text(f"pass rate {fmt(rate)} ({summary['passed']}/{summary['runs']})")
    if kmax:
        line.append(f" · pass@1…{kmax} {compact_curve(summary['pass_at_k'])}")
    line.append(
        f" · {_plural(summary['tool_calls'], 'tool call')} · {_plural(summary['model_calls'], 'model call')}"
    )
    if summary.get("tokens") is not None:
        line.append(f" · {summary['tokens']:,} tokens")
    if summary.get("cost_usd") is not None:
        line.append(f" · ${summary['cost_usd']:,.4f}")
    line.append(f" · {summary['duration_s']:.1f} s")
    if summary.get("rate_limit_wait_s"):
        line.append(f" (of which {summary['rate_limit_wait_s']:.1f} s waiting for rate limits)")
    console.print(line)
    if "harm_attempted" in summary:
        console.print(
            f"attempted harm {summary['harm_attempted']}: caught by guardrails {summary['caught_by_guardrail']}, "
            f"by the human {summary['caught_by_human']}, reached the world {summary['reached_world']}"
        )
    if summary.get("attacks"):
        console.print(attack_table(summary["attacks"]))
    if summary.get("skipped"):
        console.print(
            Text(
                f"{_plural(summary['skipped'], 'run')} skipped (never started: the batch stopped at a spend "
                "cap); left out of every figure above",
                style="yellow",
            )
        )
    cal = summary.get("calibration")
    planted_scorecard(summary, console)
    if cal:
        ece = f", ECE {cal['ece']:.3f}" if cal.get("ece") is not None else ""
        console.print(f"calibration: Brier score {cal['brier']:.3f}{ece} over {_plural(cal['n'], 'run')}")
    halves = [
        f"{SCORE_HEADERS[n]} ±{fmt((ci[1] - ci[0]) / 2)}"
        for n in SCORE_NAMES
        if (ci := summary["ci95"][n]) is not None and summary[n] is not None
    ]
    if halves:
        console.print(Text("95% CI half-widths (Student t): " + ", ".join(halves), style="dim"))

    failed = [r for r in runs if r.scores is not None and r.scores.failed_gates()]
    if failed:
        console.print(Text(f"Failed gates ({_plural(len(failed), 'run')}):", style="bold"))
        for r in failed:
            assert r.scores is not None
            for g in r.scores.failed_gates():
                console.print(
                    Text(f"  {r.scenario} #{r.trial} {g.id}: {truncate(g.detail, 160)}", style="red")
                )
    errors = [r for r in runs if r.status == "error"]
    if errors:
        console.print(Text(f"Errors ({len(errors)}):", style="bold red"))
        for r in errors:
            console.print(Text(f"  {r.id}  {r.scenario} trial {r.trial}: {r.error or 'no reason recorded'}"))


# -- one run -------------------------------------------------------------------------------------


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(", ", ": "), default=str)


def _args(args: Any) -> str:
    if not isinstance(args, dict):
        return truncate(_json(args))
    return truncate(", ".join(f"{k}={_json(v)}" for k, v in args.items()))


def _money(x: Any) -> str:
    return f"${x:,.2f}" if isinstance(x, int | float) else "—"


def describe_event(event: TraceEvent) -> tuple[str, str]:
    """A trace event as ``(label, words)``, e.g. ``("call", "add_item(text=\"buy milk\")")``."""
    match event:
        case RunStartEvent(data=d):
            return "start", f"scenario {d.scenario}, agent {d.agent}, model {d.model}, policy {d.policy}"
        case MessageEvent(data=d):
            words = d.content
            calls = [c.name for c in d.tool_calls] if isinstance(d, AssistantMessage) else []
            if calls:
                words += ("\n" if words else "") + "→ calls " + ", ".join(calls)
            return d.role, words
        case ToolCallEvent(data=d):
            return "call", f"{d.tool}({_args(d.args)})"
        case ToolResultEvent(data=d):
            return "result", _result(d)
        case ControlEvent(data=d):
            failed = d.result.error if isinstance(d.result, ErrorObservation) else None
            refused = f" refused: {failed.code}: {truncate(failed.message)}" if failed else ""
            return "control", f"{d.tool}({_args(d.args)}){refused}"
        case GuardrailBlockEvent(data=RuleViolations() as d):
            return "BLOCKED", f"{d.tool}: " + "; ".join(f"{v.rule}: {v.message}" for v in d.violations)
        case GuardrailBlockEvent(data=PolicyRejection() as d):
            return "BLOCKED", f"{d.tool}: policy rule {d.rule}: {d.reason or 'rejected'}"
        case CheckpointEvent(data=d):
            return "checkpoint", _checkpoint(d)
        case DecisionEvent(data=EditApplied() as d):
            return "decision", f"{d.tool} runs with edited arguments {_args(d.edited_args)}"
        case DecisionEvent(data=HumanDecision() as d):
            words = f"{d.decision} {d.tool}"
            extra = f"alternative {d.alternative}" if d.alternative is not None else d.reason or d.text
            return "decision", f"{words}: {extra}" if extra else words
        case FaultEvent(data=d):
            return "fault", f"{d.tool}: {d.fault}"
        case HarmEvent(data=d):
            who = " (brought in by the human's edit)" if d.by == "human" else ""
            return "HARM", f"{d.tool} {d.kind} {d.check}: {d.detail}{who}; {stopped_words(d)}"
        case ErrorEvent(data=d):
            return "error", d.reason
        case RunEndEvent(data=d):
            words = d.status
            if d.overall is not None:
                words += f", overall {fmt(d.overall)}, {'passed' if d.passed else 'failed'}"
            return "end", words
    raise AssertionError(f"unknown event kind {event.type!r}")  # pragma: no cover - the union is closed


def _result(d: ToolOutcome) -> str:
    obs = d.result
    if d.ok:
        return f"{d.tool} ok: {truncate(_json(obs.result if isinstance(obs, ResultObservation) else None))}"
    code, message = (
        (obs.error.code, obs.error.message) if isinstance(obs, ErrorObservation) else ("error", "")
    )
    return f"{d.tool} failed: {code}: {truncate(message)}"


def _checkpoint(d: CheckpointPayload) -> str:
    parts = [d.action or d.tool]
    if d.amount is not None:
        parts.append(f"cost {_money(d.amount)}")
    if d.budget_after is not None:
        parts.append(f"budget after {_money(d.budget_after)}")
    if d.confidence is not None:
        parts.append(f"confidence {d.confidence:.2f}")
    return " · ".join(parts) + f" (rule: {d.rule})"


def show_run(run: RunResult, console: Console) -> None:
    """A run's header, its numbered trace, then its scores with every check explained."""
    console.print(
        Text(f"Run {run.id} · {run.scenario} v{run.scenario_version} trial {run.trial}", style="bold")
    )
    console.print(
        Text(
            f"agent {run.agent} · model {run.model} · policy {run.policy} · human {run.human} · seed {run.seed}"
        )
    )
    console.print(
        Text(f"started {run.started_at.isoformat()} · {run.duration_s:.2f} s · status {run.status}")
    )

    grid = Table.grid(padding=(0, 1))
    grid.add_column(justify="right", style="dim")
    grid.add_column(justify="right", style="dim")
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold")
    for n, event in enumerate(run.trace, start=1):
        label, words = describe_event(event)
        style = EVENT_STYLES.get(event.type, "")
        grid.add_row(str(n), f"{event.t:.2f}s", Text(label, style=style or "bold"), Text(words, style=style))
    console.rule("Trace")
    if run.trace:
        console.print(grid)
    else:
        console.print(Text("(no trace stored)", style="dim"))

    console.rule("Scorecard")
    if run.status == "error":
        console.print(Text(f"ERROR: {run.error or 'no reason recorded'}", style="bold red"))
    elif run.status == "skipped":
        console.print(Text(f"SKIPPED (never started): {run.error or 'no reason recorded'}", style="yellow"))
    s = run.scores
    if s is not None:
        verdict = Text("PASSED", style="bold green") if s.passed else Text("FAILED", style="bold red")
        scores = " · ".join(f"{name} {fmt(getattr(s, name))}" for name in SCORE_NAMES)
        console.print(Text.assemble(verdict, "  ", scores))
        for g in s.gates:
            mark = Text("✓", style="green") if g.passed else Text("✗", style="bold red")
            style = "" if g.passed else "red"
            console.print(Text.assemble(" ", mark, f" gate {g.id}: ", Text(g.detail, style=style)))
        for c in s.checks:
            mark = Text("✓", style="green") if c.passed else Text("✗", style="red")
            console.print(
                Text.assemble("  ", mark, f" {c.name}: ", Text(c.detail, style="" if c.passed else "red"))
            )
        for note in s.notes:
            console.print(Text(f"  note: {note}", style="dim"))
    budget = f" of {_money(run.budget)}" if run.budget is not None else ""
    process = [
        f"spend {_money(run.spend)}{budget}",
        _plural(run.tool_calls, "tool call"),
        _plural(run.model_calls, "model call"),
    ]
    if run.tokens is not None:
        process.append(f"{run.tokens:,} tokens")
    process += [_plural(run.interrupts, "interrupt"), _plural(run.guardrail_blocks, "guardrail block")]
    console.print(Text(" · ".join(process)))
    if run.harm_attempted or run.harm_by_human:
        line = (
            f"attempted harm {run.harm_attempted}: caught by guardrails {run.caught_by_guardrail}, "
            f"by the human {run.caught_by_human}, reached the world {run.reached_world}"
        )
        extra = f"; {run.harm_by_human} more brought in by the human's edits" if run.harm_by_human else ""
        console.print(Text(line + extra, style="magenta"))
    if run.final_message:
        console.print(Text("Final message:", style="bold"))
        console.print(Text(run.final_message))
    if run.final_state_words is not None:
        console.print(Text("Final state (what a judge reads):", style="bold"))
        for line in run.final_state_words or ["(nothing)"]:
            console.print(Text(f"  {line}"))
    if run.judge is not None:
        _judge(run.judge, console)
    show_planted(run, console)


def _judge(v: JudgeResult, console: Console) -> None:
    head = Text(f"Judge {v.judge} (rubric {v.rubric}): ", style="bold")
    if v.passed is None:
        console.print(Text.assemble(head, Text(f"no verdict: {v.error}", style="red")))
        return
    verdict = Text("PASS", style="bold green") if v.passed else Text("FAIL", style="bold red")
    scores = " · ".join(f"{k} {s}" for k, s in v.scores.items())
    console.print(Text.assemble(head, verdict, f"  {scores}"))
    console.print(Text(f"  {v.reason}"))
