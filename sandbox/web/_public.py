"""What the API serves of a run: bounded texts, and no server internals.

Two things stay on the server: the Python traceback of a run that failed (kept in the run store and
the server log; the client gets the error's message) and the full length of a very long text (a
20 MB model reply is served cut to ``max_text`` characters, with a note saying so and how long it
was). Every route that serves run data passes it through here, so the rule holds for the JSON API
and the event stream alike.
"""

from __future__ import annotations

from typing import Any

#: Keys of trace event data that never leave the server.
SERVER_ONLY = frozenset({"traceback"})


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
    """A trace event as served: server-only keys dropped from its data, long texts cut."""
    data = e.get("data")
    if isinstance(data, dict) and SERVER_ONLY & data.keys():
        e = {**e, "data": {k: v for k, v in data.items() if k not in SERVER_ONLY}}
    clipped: dict[str, Any] = clip(e, limit)
    return clipped


def run(r: dict[str, Any], limit: int) -> dict[str, Any]:
    """A run (with or without its trace) as served."""
    out = {k: clip(v, limit) for k, v in r.items() if k != "trace"}
    if isinstance(r.get("trace"), list):
        out["trace"] = [event(e, limit) if isinstance(e, dict) else e for e in r["trace"]]
    return out


def runs(rs: list[dict[str, Any]], limit: int) -> list[dict[str, Any]]:
    return [run(r, limit) for r in rs]
