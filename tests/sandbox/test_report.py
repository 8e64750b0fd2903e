"""Reports: the JSON contract, the terminal scorecard and run view (pinned), and the HTML file."""

from __future__ import annotations

import io
import json
import re
from datetime import UTC, datetime, timedelta

import pytest
from rich.console import Console

from sandbox.report import scorecard, show_run, write_html, write_json
from sandbox.scoring import summarize
from sandbox.spi import Check, RunResult, Scores, TraceEvent, parse_event

T0 = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)
ROUTE_FAIL = "Booked LIS→EWR, but the traveller asked to fly into JFK."
BUDGET_FAIL = "Spent $1,980.00 against a budget of $1,500.00 (32% over)."


def ev(seq: int, t: float, type: str, **data) -> TraceEvent:
    """An event as a stored trace has it (``parse_event`` types it by ``type``)."""
    return parse_event({"seq": seq, "t": t, "type": type, "data": data})


def trace_nyc() -> list[TraceEvent]:
    return [
        ev(0, 0.0, "run_start", scenario="nyc-weekend", agent="planner", model="scripted", policy="ask-on-write"),
        ev(1, 0.0, "message", role="user", content="Book me two nights in New York from Lisbon, 14-16 March."),
        ev(2, 0.1, "message", role="assistant", node="gather", content="",
           tool_calls=[{"id": "c1", "name": "search_flights", "args": {"origin": "LIS"}}]),
        ev(3, 0.1, "tool_call", id="c1", tool="search_flights",
           args={"origin": "LIS", "destination": "JFK", "date": "2025-03-14"}),
        ev(4, 0.2, "tool_result", id="c1", tool="search_flights", ok=True,
           result={"ok": True, "result": [{"id": "FL-0042", "price": 612.0}, {"id": "FL-0077", "price": 540.0}]}),
        ev(5, 0.3, "guardrail_block", id="c2", tool="book_hotel", args={"hotel_id": "HT-0009"},
           violations=[{"rule": "budget_cap", "message": "would exceed the $1,500.00 budget by $310.00"}]),
        ev(6, 0.3, "tool_result", id="c2", tool="book_hotel", ok=False,
           result={"ok": False, "error": {"code": "blocked", "message": "guardrail blocked book_hotel"}}),
        ev(7, 0.4, "checkpoint", kind="tool", call_id="c3", tool="book_flight", tool_kind="WRITE",
           action="Book flight FL-0042 LIS→JFK on 14 March for 1 passenger", args={"flight_id": "FL-0042"},
           amount=612.0, budget=1500.0, budget_remaining=1500.0, budget_after=888.0, rationale="non-stop",
           confidence=0.82, alternatives=[], rule="ask-on-write: kind == WRITE"),
        ev(8, 0.5, "decision", id="c3", tool="book_flight", decision="approve"),
        ev(9, 0.6, "fault", id="c3", tool="book_flight", fault="price_changed"),
        ev(10, 0.7, "tool_result", id="c3", tool="book_flight", ok=True,
           result={"ok": True, "result": {"booking_id": "BK-1", "total": 640.0}}),
        ev(11, 0.9, "message", role="assistant", node="report",
           content="Booked FL-0042 (BK-1), total $640.00. [bold]No hotel[/bold] yet."),
        ev(12, 0.9, "run_end", status="done", overall=0.62, passed=False),
    ]  # fmt: skip


def make_run(
    scenario: str,
    trial: int,
    overall: float = 0.93,
    *,
    passed: bool = True,
    checks: list[Check] | None = None,
    error: str | None = None,
    final: str = "Booked FL-0042 and HT-0007; total $1,240.00.",
    trace: list[TraceEvent] | None = None,
    interrupts: int = 1,
    blocks: int = 0,
) -> RunResult:
    scores = None
    if error is None:
        scores = Scores(
            correctness=1.0 if passed else 0.6,
            budget=1.0 if passed else 0.72,
            preference=0.84,
            faithfulness=1.0,
            overall=overall,
            passed=passed,
            checks=checks or [Check(name="route", passed=True, detail="Flew LIS→JFK on 14 March as asked.")],
        )
    return RunResult(
        id=f"{scenario[:3]}{trial:02d}a7c3e1",
        scenario=scenario,
        trial=trial,
        seed=100 + trial,
        agent="planner",
        model="scripted",
        policy="ask-on-write",
        human="scripted",
        status="error" if error else "done",
        error=error,
        scores=scores,
        spend=0.0 if error else 1240.0,
        budget=1500.0,
        interrupts=interrupts,
        guardrail_blocks=blocks,
        tool_calls=9,
        model_calls=6,
        tokens=None,
        duration_s=0.8 + trial / 10,
        started_at=T0 + timedelta(minutes=trial),
        final_message="" if error else final,
        trace=trace or [],
    )


HARM = {"harm_attempted": 2, "caught_by_guardrail": 1, "caught_by_human": 0, "reached_world": 1}


def suite() -> list[RunResult]:
    failing = [
        Check(name="route", passed=False, detail=ROUTE_FAIL),
        Check(name="within budget", passed=False, detail=BUDGET_FAIL),
        Check(name="asked before booking", passed=True, detail="Asked for approval before book_flight."),
    ]
    return [
        make_run("nyc-weekend", 0),
        make_run(
            "nyc-weekend", 1, 0.62, passed=False, checks=failing, trace=trace_nyc(), blocks=1
        ).model_copy(update=HARM),
        make_run("nyc-weekend", 2, error="model timed out after 60 s"),
        make_run("lisbon-family", 0, 0.88, interrupts=2),
        make_run("lisbon-family", 1, 0.86, interrupts=2),
        make_run("lisbon-family", 2, 0.81, interrupts=2),
    ]


def render(fn, *args) -> str:
    console = Console(record=True, width=120, file=io.StringIO(), color_system=None)
    fn(*args, console)
    return "\n".join(line.rstrip() for line in console.export_text().splitlines()) + "\n"


def test_the_report_package_exports_what_the_docs_promise():
    import sandbox.report as report

    assert sorted(report.__all__) == [
        "DECISION_COLUMNS",
        "MAX_BATCHES",
        "StoredSweep",
        "batch_comparison",
        "check_outputs",
        "compare_json",
        "compare_scorecard",
        "compare_view",
        "is_stdout",
        "load_sweep",
        "parse_since",
        "read_decisions",
        "recent_sweeps",
        "render_compare_fragment",
        "render_compare_html",
        "render_html",
        "render_sweep_fragment",
        "render_sweep_html",
        "report_dict",
        "rescore_table",
        "run_decisions",
        "run_planted",
        "scorecard",
        "show_json",
        "show_run",
        "store_decisions",
        "sweep_scorecard",
        "sweep_view",
        "to_json",
        "write_compare_reports",
        "write_decisions",
        "write_html",
        "write_json",
        "write_json_to",
        "write_reports",
        "write_sweep_html",
    ]


# -- JSON ----------------------------------------------------------------------------------------


def test_json_report_is_runs_without_traces_and_the_summary(tmp_path):
    runs = suite()
    summary = summarize(runs)
    path = write_json(tmp_path / "out" / "report.json", runs, summary)
    text = path.read_text(encoding="utf-8")
    data = json.loads(text)
    assert list(data) == ["runs", "summary"]
    assert data["summary"] == summary
    assert data["runs"] == [r.public() for r in runs]
    assert "trace" not in data["runs"][1]
    assert list(data["runs"][0])[:4] == ["id", "scenario", "scenario_version", "tags"]
    assert text.startswith('{\n  "runs": [\n    {\n      "id": "nyc00a7c3e1",')
    assert text.endswith("}\n")
    assert "LIS→JFK" in text  # UTF-8 kept as is
    for name, value in HARM.items():  # attempted harm, per run and summed in the summary
        assert data["runs"][1][name] == value and data["summary"][name] == value
        assert (
            data["runs"][0][name] == 0
            and {e["scenario"]: e[name] for e in data["summary"]["by_scenario"]}["nyc-weekend"] == value
        )


def test_json_report_round_trips_into_run_results(tmp_path):
    runs = suite()
    data = json.loads(write_json(tmp_path / "r.json", runs, summarize(runs)).read_text(encoding="utf-8"))
    assert [RunResult.model_validate(r) for r in data["runs"]] == [
        r.model_copy(update={"trace": []}) for r in runs
    ]


# -- terminal ------------------------------------------------------------------------------------

SCORECARD = """\
                          Scorecard: 6 runs, 2 scenarios
scenario      trials pass^1…k       corr budg pref faith overall asks blocks errors
━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━
lisbon-family      3 1.00 1.00 1.00 1.00 1.00 0.84  1.00    0.85    6      0      0
nyc-weekend        3 0.33 0.00 0.00 0.80 0.86 0.84  1.00    0.78    3      1      1
━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━
suite              6 0.67 0.50 0.50 0.92 0.94 0.84  1.00    0.82    9      1      1
pass rate 0.67 (4/6) · pass@1…3 0.67 0.83 1.00 · 54 tool calls · 36 model calls · 5.4 s
attempted harm 2: caught by guardrails 1, by the human 0, reached the world 1
95% CI half-widths (Student t): corr ±0.22, budg ±0.16, pref ±0.00, faith ±0.00, overall ±0.15
Errors (1):
  nyc02a7c3e1  nyc-weekend trial 2: model timed out after 60 s
"""


def test_scorecard_is_pinned():
    runs = suite()
    assert render(scorecard, runs, summarize(runs)) == SCORECARD


def test_scorecard_shows_calibration_tokens_and_long_pass_curves():
    runs = [
        make_run("paris-solo", t, passed=t != 3).model_copy(update={"tokens": 1000, "id": f"p{t}"})
        for t in range(7)
    ]
    out = render(scorecard, runs, summarize(runs, {"p0": 0.9, "p3": 0.9}))
    assert "paris-solo      7 0.86 0.71 … 0.00 0.94" in out
    assert "· 7,000 tokens ·" in out
    assert "calibration: Brier score 0.410, ECE 0.400 over 2 runs" in out
    assert "Errors" not in out


def test_scorecard_of_no_runs():
    out = render(scorecard, [], summarize([]))
    assert "Scorecard: 0 runs, 0 scenarios" in out
    assert "pass rate — (0/0) · 0 tool calls · 0 model calls · 0.0 s" in out


RUN_VIEW = """\
Run nyc01a7c3e1 · nyc-weekend v1 trial 1
agent planner · model scripted · policy ask-on-write · human scripted · seed 101
started 2025-03-01T09:01:00+00:00 · 0.90 s · status done
──────────────────────────────────────────────────────── Trace ─────────────────────────────────────────────────────────
 1 0.00s start      scenario nyc-weekend, agent planner, model scripted, policy ask-on-write
 2 0.00s user       Book me two nights in New York from Lisbon, 14-16 March.
 3 0.10s assistant  → calls search_flights
 4 0.10s call       search_flights(origin="LIS", destination="JFK", date="2025-03-14")
 5 0.20s result     search_flights ok: [{"id": "FL-0042", "price": 612.0}, {"id": "FL-0077", "price": 540.0}]
 6 0.30s BLOCKED    book_hotel: budget_cap: would exceed the $1,500.00 budget by $310.00
 7 0.30s result     book_hotel failed: blocked: guardrail blocked book_hotel
 8 0.40s checkpoint Book flight FL-0042 LIS→JFK on 14 March for 1 passenger · cost $612.00 · budget after $888.00 ·
                    confidence 0.82 (rule: ask-on-write: kind == WRITE)
 9 0.50s decision   approve book_flight
10 0.60s fault      book_flight: price_changed
11 0.70s result     book_flight ok: {"booking_id": "BK-1", "total": 640.0}
12 0.90s assistant  Booked FL-0042 (BK-1), total $640.00. [bold]No hotel[/bold] yet.
13 0.90s end        done, overall 0.62, failed
────────────────────────────────────────────────────── Scorecard ───────────────────────────────────────────────────────
FAILED  correctness 0.60 · budget 0.72 · preference 0.84 · faithfulness 1.00 · overall 0.62
  ✗ route: Booked LIS→EWR, but the traveller asked to fly into JFK.
  ✗ within budget: Spent $1,980.00 against a budget of $1,500.00 (32% over).
  ✓ asked before booking: Asked for approval before book_flight.
spend $1,240.00 of $1,500.00 · 9 tool calls · 6 model calls · 1 interrupt · 1 guardrail block
attempted harm 2: caught by guardrails 1, by the human 0, reached the world 1
Final message:
Booked FL-0042 and HT-0007; total $1,240.00.
"""


def test_run_view_is_pinned_and_prints_run_text_literally():
    assert render(show_run, suite()[1]) == RUN_VIEW  # "[bold]" in a message is text, not markup


def test_run_view_colours_blocks_checkpoints_and_faults():
    console = Console(record=True, width=120, file=io.StringIO(), color_system="standard")
    show_run(suite()[1], console)
    ansi = console.export_text(styles=True)
    red, yellow, magenta = "\x1b[31m", "\x1b[33m", "\x1b[35m"
    assert f"{red}BLOCKED   \x1b[0m {red}book_hotel: budget_cap: would exceed" in ansi
    assert f"{yellow}checkpoint\x1b[0m {yellow}Book flight FL-0042" in ansi
    assert f"{yellow}decision  \x1b[0m {yellow}approve book_flight" in ansi
    assert f"{magenta}fault     \x1b[0m {magenta}book_flight: price_changed" in ansi
    assert f"{red}✗\x1b[0m route: {red}Booked LIS→EWR" in ansi


def test_run_view_of_an_error_run_names_the_reason():
    trace = [
        ev(0, 0.0, "message", role="user", content="Book Lisbon."),
        ev(1, 60.0, "error", reason="model timed out after 60 s", traceback="Traceback ..."),
        ev(2, 60.0, "run_end", status="error"),
    ]
    run = make_run("nyc-weekend", 2, error="model timed out after 60 s", trace=trace)
    out = render(show_run, run)
    assert "2 60.00s error model timed out after 60 s\n" in out
    assert "3 60.00s end   error\n" in out
    assert "Traceback" not in out
    assert "ERROR: model timed out after 60 s\n" in out
    assert (
        "spend $0.00 of $1,500.00 · 9 tool calls · 6 model calls · 1 interrupt · 0 guardrail blocks\n" in out
    )


@pytest.mark.parametrize(
    ("event", "words"),
    [
        (ev(0, 0, "guardrail_block", id="c0", tool="book_flight", rule="never-book-nonrefundable", reason="non-refundable"),
         "BLOCKED book_flight: policy rule never-book-nonrefundable: non-refundable"),
        (ev(0, 0, "decision", id="c0", tool="book_hotel", decision="reject", reason="too far from the venue"),
         "decision reject book_hotel: too far from the venue"),
        (ev(0, 0, "decision", id="c0", tool="book_hotel", decision="edit", alternative=1),
         "decision edit book_hotel: alternative 1"),
        (ev(0, 0, "decision", id="c0", tool="book_hotel", edited_args={"hotel_id": "HT-0003"}),
         'decision book_hotel runs with edited arguments hotel_id="HT-0003"'),
        (ev(0, 0, "decision", id="c0", tool="ask_user", decision="respond", text="Two adults."),
         "decision respond ask_user: Two adults."),
        (ev(0, 0, "tool_result", id="c0", tool="get_hotel", ok=True, result={"ok": True, "result": {"reviews": ["x" * 300]}}),
         'result get_hotel ok: {"reviews": ["' + "x" * 145 + "…"),
    ],
)  # fmt: skip
def test_trace_event_wording(event, words):
    from sandbox.report._terminal import describe_event

    label, text = describe_event(event)
    assert f"{label} {text}" == words


# -- HTML ----------------------------------------------------------------------------------------


@pytest.fixture
def html(tmp_path) -> str:
    runs = suite()
    runs[1] = runs[1].model_copy(update={"final_message": "Done <script>alert('x')</script> BK-1"})
    path = write_html(tmp_path / "site" / "report.html", runs, summarize(runs), title="Weekly <eval>")
    return path.read_text(encoding="utf-8")


def test_html_is_self_contained(html):
    assert html.startswith("<!DOCTYPE html>")
    assert re.findall(r"https?://", html) == []
    assert not re.search(r"<(script|link|iframe|img)\b", html, re.I)
    assert re.search(r"\b(src|href)=", html) is None
    assert "default-src 'none'" in html
    assert html.count("<svg ") == 2


def test_html_escapes_untrusted_text(html):
    assert "Done &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; BK-1" in html
    assert "<title>Weekly &lt;eval&gt;</title>" in html


def test_html_has_every_scenario_failed_check_and_error(html):
    for scenario in ("nyc-weekend", "lisbon-family"):
        assert f'<h3 id="scenario-{scenario}">{scenario}</h3>' in html
    assert f"<li><b>route</b>: {ROUTE_FAIL}</li>" in html
    assert f"<li><b>within budget</b>: {BUDGET_FAIL}</li>" in html
    assert "Asked for approval before book_flight." not in html  # passing checks are not listed
    assert '<td class="error">model timed out after 60 s</td>' in html
    for section in ("suite", "charts", "scenarios", "errors", "process"):
        assert f'<h2 id="{section}">' in html
    assert '<tr><td>overall</td><td class="n">0.82</td>' in html
    assert "3 trials, 1 passed, 1 error · pass^k k=1: 0.33, k=2: 0.00, k=3: 0.00" in html


def test_html_charts_are_drawn_from_the_summary(html):
    assert (
        '<rect x="220" y="34" width="440.0" height="6" fill="#2b6cb0"><title>lisbon-family: correctness 1.00</title>'
        in html
    )
    assert '<polyline points="48.0,84.0 248.0,114.0 448.0,114.0"' in html  # pass^k: 0.67, 0.50, 0.50


def test_html_of_no_runs_renders(tmp_path):
    text = write_html(tmp_path / "empty.html", [], summarize([])).read_text(encoding="utf-8")
    assert "0 runs over 0 scenarios" in text
    assert "No run ended in an error." in text
