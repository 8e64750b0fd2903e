"""A drill's run as the learner sees it: the request, the trace and the final state, never the answer.

The learner grades what a reader of the run could see for themselves, so the view leaves out all that
names the answer or the harness's verdict: the agent, model, policy and human (a drill's defective runs
come from other agents and models than its clean ones), the scores and checks, the ``harm`` events
(the harness's judgement of each call), the run's end event (its verdict), and the mistakes a model
records on its replies (``injected_mistakes``, ``model_quirks``: the answer key itself). Texts are cut
at the server's ``max_text`` as in every served run (``sandbox.web._public``).
"""

from __future__ import annotations

import json
from typing import Any

from sandbox.spi import RunResult
from sandbox.web._public import clip

#: Trace events the learner never sees (see the module docstring).
HIDDEN_EVENTS = frozenset({"run_start", "run_end", "harm"})
#: The longest JSON body of one step shown on the page (characters; the rest is cut with a note).
MAX_BODY = 4000


def _json(value: Any) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False, default=str)


def _pretty(text: str | None) -> str | None:
    """The world's state dump, indented when it is JSON."""
    if text is None:
        return None
    try:
        return _json(json.loads(text))
    except ValueError:
        return text


def _step(e: dict[str, Any]) -> dict[str, Any] | None:
    """One trace event as a step of the page: ``{"type", "title", "text", "body"}`` (None: hidden)."""
    kind, d = e.get("type"), e.get("data") or {}
    if kind in HIDDEN_EVENTS:
        return None
    text, body = "", None
    if kind == "message":
        who = "Traveller" if d.get("role") == "user" else "Agent"
        calls = [f"{c.get('name')}({_json(c.get('args'))})" for c in d.get("tool_calls") or []]
        title, text = who, str(d.get("content") or "")
        body = "\n".join(calls) or None
    elif kind in ("tool_call", "control"):
        title, body = f"Call {d.get('tool')}", _json(d.get("args"))
        if kind == "control":
            title = f"Signal {d.get('tool')}"
    elif kind == "tool_result":
        ok = "ok" if d.get("ok") else "error"
        title, body = f"Result of {d.get('tool')} ({ok})", _json(d.get("result"))
    elif kind == "guardrail_block":
        title = f"Blocked {d.get('tool')}"
        text = "; ".join(v.get("message", "") for v in d.get("violations") or []) or str(
            d.get("reason") or ""
        )
    elif kind == "checkpoint":
        title, text = f"Checkpoint ({d.get('kind')})", str(d.get("action") or "")
    elif kind == "decision":
        title = f"Human: {d.get('decision') or 'edited'} {d.get('tool')}"
        text = " ".join(str(d[k]) for k in ("reason", "text") if d.get(k))
        body = _json(d["edited_args"]) if d.get("edited_args") else None
    elif kind == "fault":
        title, text = f"Fault on {d.get('tool')}", str(d.get("fault") or "")
    elif kind == "error":
        title, text = "Error", str(d.get("reason") or "")
    else:
        title = str(kind)
    if body is not None and len(body) > MAX_BODY:
        body = f"{body[:MAX_BODY]}… [cut: {len(body):,} characters in all]"
    return {"type": kind, "title": title, "text": text, "body": body}


def learner_run(run: RunResult, request: str | None, title: str | None, limit: int) -> dict[str, Any]:
    """What the drill page (and ``/api/drills/{id}/runs/{run_id}``) shows of one run."""
    trace = [e.model_dump(mode="json") for e in run.trace]
    steps = [s for s in (_step(e) for e in trace) if s is not None]
    return clip(
        {
            "run_id": run.id,
            "scenario": run.scenario,
            "title": title or run.scenario,
            "request": request,
            "status": run.status,
            "spend": run.spend,
            "budget": run.budget,
            "steps": steps,
            "report": run.final_message,
            "state_words": run.final_state_words,
            "final_state": _pretty(run.final_state),
        },
        limit,
    )
