"""What the API serves of a run: bounded texts, and no server internals.

Two things stay on the server: the Python traceback of a run that failed (kept in the run store and
the server log; the client gets the error's message) and the full length of a very long text (a
20 MB model reply is served cut to ``max_text`` characters, with a note saying so and how long it
was). Every route that serves run data passes it through here, so the rule holds for the JSON API
and the event stream alike.
"""

from __future__ import annotations

from typing import Any

from sandbox.spi import ErrorEvent, RunError, parse_event


def clip(value: Any, limit: int) -> Any:
    """``value`` with every string longer than ``limit`` characters cut, ending in a visible note."""
    if isinstance(value, str):
        if len(value) <= limit:
            return value
        return f"{value[:limit]}… [cut: {len(value):,} characters in all, the first {limit:,} shown]"
    if isinstance(value, dict):
        return {k: clip(v, limit) for k, v in value.items()}
    if isinstance(value, list):
        return [clip(v, limit) for v in value]
    return value


def event(e: dict[str, Any], limit: int) -> dict[str, Any]:
    """A trace event as served: an error's traceback left on the server, long texts cut."""
    typed = parse_event(e)
    if isinstance(typed, ErrorEvent) and typed.data.traceback is not None:
        typed = typed.model_copy(update={"data": RunError(reason=typed.data.reason)})
    clipped: dict[str, Any] = clip(typed.model_dump(mode="json"), limit)
    return clipped


def run(r: dict[str, Any], limit: int) -> dict[str, Any]:
    """A run (with or without its trace) as served."""
    out = {k: clip(v, limit) for k, v in r.items() if k != "trace"}
    if isinstance(r.get("trace"), list):
        out["trace"] = [event(e, limit) if isinstance(e, dict) else e for e in r["trace"]]
    return out


def runs(rs: list[dict[str, Any]], limit: int) -> list[dict[str, Any]]:
    return [run(r, limit) for r in rs]
