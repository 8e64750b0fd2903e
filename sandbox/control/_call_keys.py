"""Idempotency keys: which key a tool call is recorded under, so a replay gets its own result back.

LangGraph re-runs a node from its start on resume (after a checkpoint, also after a restart from the
persisted state), sibling tool calls included. The gateway must then answer a call it already made
with that call's recorded result, and never answer a call with another call's result. A model's call
id cannot tell the two apart on its own: some servers number every reply's calls from ``call_0``,
some send ``""``. Nor can the tool and its arguments: models repeat identical calls on purpose
(a look-up after a change must run again).

A call made inside a graph node is known by where it sits, which is the same when the node re-runs
and different for every other call (its **site**)::

    (LangGraph task id, model's call id, tool name, arguments as sent, n-th such call in this run of the node)

The task id names one execution of one node from one checkpoint: a re-run after a resume, a retry or
a restart has the same id; the next reply's tool node has another. The count tells apart identical
calls in one reply; it restarts at every run of the node (each gets a new ``ExecutionInfo`` object).

The first time a site is seen it gets a key: the model's id when that is non-empty and not used yet
in this run (so ordinary runs keep their ids, and their state hashes), else a fresh run-unique key
(``call_0#2``; ``auto-3`` for a call without an id). The same site later gets the same key, hence
the recorded result. The map is part of ``Gateway.stated()``, persisted with a paused run.

A call made outside a graph (``Gateway.call`` from a script or test) has no site: its id is its key,
except that an empty id counts as none, and an id already used for another tool or other arguments
is not a replay of that call and gets a fresh key.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Site:
    """One execution of a graph node: ``scope`` is its task id, ``run`` the object of this execution."""

    scope: str
    run: object


def current_site() -> Site | None:
    """The graph node execution the caller runs in (via LangGraph's runtime), or None outside a graph."""
    from langgraph.runtime import get_runtime

    try:
        info = getattr(get_runtime(), "execution_info", None)
    except (RuntimeError, KeyError):  # not inside a graph node
        return None
    task_id = getattr(info, "task_id", None)
    return Site(str(task_id), info) if task_id else None


def _digest(*parts: Any) -> str:
    """A short fingerprint of ``parts`` (arguments can be long; the map is persisted with a run)."""
    text = json.dumps(parts, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:24]


class CallKeys:
    """The key of every tool call of one run (not thread-safe: the gateway calls it under its lock)."""

    def __init__(self) -> None:
        self._by_site: dict[str, str] = {}  # site -> key
        self._calls: dict[str, str] = {}  # key -> what was called (tool and arguments)
        self._runs: dict[str, tuple[object, Counter[str]]] = {}  # scope -> (its current run, counts)

    def key(
        self, name: str, raw_args: Any, call_id: Any, site: Site | None, recorded: Callable[[str], bool]
    ) -> str:
        """The key for this call; ``recorded(key)`` says whether the world has a result under ``key``."""
        cid = str(call_id) if call_id not in (None, "") else None
        what = _digest(name, "text" if isinstance(raw_args, str) else "object", raw_args)
        if site is None:
            if cid is not None and self._calls.get(cid, what) == what:
                return self._claim(cid, what)  # a new id, or a replay of the same call
            return self._claim(self._fresh(cid, recorded), what)
        here = _digest(site.scope, cid or "", what, self._count(site, what))
        if here in self._by_site:
            return self._by_site[here]
        if cid is not None and cid not in self._calls:
            key = cid  # the model's own id (also a call recorded before this map was kept: a replay)
        else:
            key = self._fresh(cid, recorded)
        self._by_site[here] = self._claim(key, what)
        return key

    def _count(self, site: Site, what: str) -> int:
        run, counts = self._runs.get(site.scope, (None, Counter()))
        if run is not site.run:  # a new execution of the node: count from the start again
            counts = Counter()
            self._runs[site.scope] = (site.run, counts)
        n = counts[what]
        counts[what] += 1
        return n

    def _claim(self, key: str, what: str) -> str:
        self._calls.setdefault(key, what)
        return key

    def _fresh(self, base: str | None, recorded: Callable[[str], bool]) -> str:
        n = 2 if base is not None else 1 + sum(k.startswith("auto-") for k in self._calls)
        while True:
            key = f"{base}#{n}" if base is not None else f"auto-{n}"
            if key not in self._calls and not recorded(key):
                return key
            n += 1

    # -- persistence (with a paused run) --------------------------------------------------------
    def dump(self) -> dict[str, Any]:
        return {"sites": dict(self._by_site), "calls": dict(self._calls)}

    def load(self, data: dict[str, Any]) -> None:
        self._by_site = {str(k): str(v) for k, v in (data.get("sites") or {}).items()}
        self._calls = {str(k): str(v) for k, v in (data.get("calls") or {}).items()}
        self._runs = {}
