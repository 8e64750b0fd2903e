"""The checkpoint card's view model: what a person sees before deciding, computed from the payload.

A card explains itself. Its headline is the world's words for the action (``CardContent``, else the
one-line description); the stop is explained by the policy rule's ``reason`` (its syntax is one click
away); the confidence is labelled as the agent's own statement, and where it was stated; a near tie is
flagged from what the card shows (the totals of the plan and its alternatives), never from scores the
card cannot show; a plan proposed after a rejection says what changed. A card shows only what applies:
a look-up has no cost box, no budget bar and no confidence (the agent stated those for its plan, not
for the look-up). An irreversible action (the world's card says so, e.g. a non-refundable booking)
carries the server's guard: a second confirmation on the page (``confirm``) or an undo window
(``undo``). Nothing here produces HTML: the template escapes every text.
"""

from __future__ import annotations

import json
from typing import Any

#: An alternative whose total is within this share of the plan's total (or ``NEAR_TIE_MIN`` dollars,
#: whichever is more) is a near tie: the agent's pick between them is close, and the card says so.
NEAR_TIE = 0.03
NEAR_TIE_MIN = 10.0

KIND_LABELS = {"proposal": "Plan for approval", "question": "Question for the traveller", "tool": "Action"}
_STATED_IN = {"plan": "in its plan", "call": "with this action", "earlier call": "with an earlier action"}
_NOT_SHOWN = ("items", "alternatives", "rationale", "confidence", "assumptions")


def level(value: float | None, warn: float = 0.7, bad: float = 0.5) -> str:
    """``ok``, ``warn`` or ``bad`` for a 0..1 value (``bad`` when unknown)."""
    if value is None:
        return "bad"
    return "ok" if value >= warn else "warn" if value >= bad else "bad"


def pct(value: float | None) -> float:
    """A 0..1 value as a width percentage, clipped to 0..100."""
    return 0.0 if value is None else round(max(0.0, min(1.0, float(value))) * 100, 1)


def _dict(x: Any) -> dict[str, Any]:
    return x if isinstance(x, dict) else {}


def _num(x: Any) -> float | None:
    return float(x) if isinstance(x, int | float) and not isinstance(x, bool) else None


def _texts(x: Any) -> list[str]:
    return [str(t) for t in x if str(t).strip()] if isinstance(x, list) else []


def budget_view(amount: Any, budget: Any, remaining: Any, after: Any) -> dict[str, Any]:
    """The budget bar: what was spent, what this call costs and what is left after it, as percentages."""
    amount, budget, remaining, after = _num(amount), _num(budget), _num(remaining), _num(after)
    if after is None and remaining is not None and amount is not None:
        after = remaining - amount
    if budget is None or budget <= 0 or remaining is None:
        return {"known": False, "amount": amount, "remaining": remaining, "after": after}
    spent = max(0.0, budget - remaining)
    this = max(0.0, amount or 0.0)
    scale = max(budget, spent + this)
    return {
        "known": True,
        "amount": amount,
        "budget": budget,
        "remaining": remaining,
        "after": after,
        "spent": spent,
        "over": after is not None and after < 0,
        "spent_pct": round(100 * spent / scale, 2),
        "this_pct": round(100 * this / scale, 2),
        "left_pct": round(100 * max(0.0, budget - spent - this) / scale, 2),
    }


def _item_key(item: dict[str, Any]) -> tuple[str, str]:
    return str(item.get("kind", "")), str(item.get("id", ""))


def _items(items: Any) -> list[dict[str, Any]]:
    return [i for i in items if isinstance(i, dict)] if isinstance(items, list) else []


def item_view(item: dict[str, Any], plan_keys: set[tuple[str, str]] | None = None) -> dict[str, Any]:
    details = _dict(item.get("details"))
    return {
        "kind": str(item.get("kind", "item")).capitalize(),
        "id": str(item.get("id", "?")),
        "price": _num(item.get("price")),
        "details": ", ".join(f"{k} {v}" for k, v in details.items()),
        "changed": plan_keys is not None and _item_key(item) not in plan_keys,
    }


def options_view(payload: dict[str, Any]) -> list[dict[str, Any]]:
    """The plan and its alternatives as choices, each alternative marked where it differs from the plan,
    and as a near tie when its total is within ``NEAR_TIE`` of the plan's."""
    args = _dict(payload.get("args"))
    plan_items = _items(args.get("items")) if payload.get("kind") == "proposal" else []
    plan_total = _num(args.get("total")) if plan_items else None
    plan_keys = {_item_key(i) for i in plan_items}
    margin = max(NEAR_TIE_MIN, NEAR_TIE * abs(plan_total)) if plan_total is not None else None
    options: list[dict[str, Any]] = []
    if plan_items:
        options.append(
            {
                "index": None,
                "title": "The agent's plan",
                "note": "recommended",
                "total": plan_total,
                "delta": None,
                "near_tie": False,
                "parts": [item_view(i) for i in plan_items],
            }
        )
    for n, alt in enumerate(payload.get("alternatives") or []):
        if not isinstance(alt, dict):
            continue
        total = _num(alt.get("total"))
        delta = None if total is None or plan_total is None else round(total - plan_total, 2)
        options.append(
            {
                "index": n,
                "title": f"Alternative {n + 1}",
                "note": str(alt.get("note") or ""),
                "total": total,
                "delta": delta,
                "near_tie": delta is not None and margin is not None and abs(delta) <= margin,
                "share": None if delta is None or not plan_total else round(100 * abs(delta) / plan_total, 1),
                "parts": [item_view(i, plan_keys if plan_items else None) for i in _items(alt.get("items"))],
                "has_args": isinstance(alt.get("args"), dict),
            }
        )
    return options


def confidence_view(confidence: Any, stated_in: Any = None) -> dict[str, Any]:
    """The agent's stated confidence: a value the agent gave, labelled as such (the sandbox does not
    compute or check it), and where it gave it."""
    value = _num(confidence)
    if value is None:
        return {"known": False}
    where = _STATED_IN.get(str(stated_in), "")
    return {
        "known": True,
        "value": value,
        "pct": pct(value),
        "level": level(value),
        "source": f"stated by the agent {where}".strip(),
    }


def change_view(previous: Any) -> dict[str, Any] | None:
    """What changed since the plan the human rejected just before (``PlanChange``), or None."""
    change = _dict(previous)
    if not change:
        return None
    before, after = _num(change.get("total_before")), _num(change.get("total_after"))
    delta = None if before is None or after is None else round(after - before, 2)
    return {
        "reason": str(change.get("reason") or ""),
        "added": _texts(change.get("added")),
        "removed": _texts(change.get("removed")),
        "before": before,
        "after": after,
        "delta": delta,
        "dearer": delta is not None and delta > 0,
    }


def checkpoint_view(checkpoint: dict[str, Any], guard: str = "confirm") -> dict[str, Any]:
    """One checkpoint (``{id, status, kind, payload}``) as the card shows it. ``guard``: how the server
    guards an irreversible action (``confirm``, ``undo`` or ``off``)."""
    payload = _dict(checkpoint.get("payload"))
    kind = str(payload.get("kind") or checkpoint.get("kind") or "tool")
    tool_kind = str(payload.get("tool_kind", ""))
    args = _dict(payload.get("args"))
    card = _dict(payload.get("card"))
    look_up = kind == "tool" and tool_kind == "READ"
    options = [] if look_up else options_view(payload)
    selectable = kind == "proposal" or any(o.get("has_args") for o in options)
    shown_args = {k: v for k, v in args.items() if k not in _NOT_SHOWN}
    rationale = None if look_up else payload.get("rationale")
    confidence = confidence_view(
        None if look_up else payload.get("confidence"), payload.get("confidence_from")
    )
    assumptions = [] if look_up else _texts(payload.get("assumptions"))
    irreversible = bool(card.get("irreversible")) and tool_kind == "WRITE"
    return {
        "id": str(checkpoint.get("id", "")),
        "held": False,
        "kind": kind,
        "kind_label": KIND_LABELS.get(kind, kind),
        "tool": str(payload.get("tool", "")),
        "tool_kind": tool_kind,
        "look_up": look_up,
        "action": str(payload.get("action", "")),
        "headline": str(card.get("headline") or payload.get("action", "")),
        "facts": _texts(card.get("facts")),
        "terms": _texts(card.get("terms")),
        "irreversible": irreversible,
        "plan_irreversible": kind == "proposal" and bool(card.get("irreversible")),
        "confirm": irreversible and guard == "confirm",
        "question": str(args.get("question", "")) if kind == "question" else "",
        "args": {k: v if isinstance(v, str) else json.dumps(v) for k, v in shown_args.items()},
        "args_json": json.dumps(shown_args, indent=2),
        "rationale": rationale,
        "confidence": confidence,
        "assumptions": assumptions,
        "show_cost": kind == "proposal" or tool_kind == "WRITE",
        "show_why": kind == "proposal" or bool(rationale or confidence["known"] or assumptions),
        "budget": budget_view(
            payload.get("amount"),
            payload.get("budget"),
            payload.get("budget_remaining"),
            payload.get("budget_after"),
        ),
        "rule": str(payload.get("rule", "")),
        "reason": str(payload.get("reason") or ""),
        "change": change_view(payload.get("previous")),
        "options": options,
        "near_ties": [o for o in options if o.get("near_tie")],
        "selectable": selectable and len(options) > 1,
    }


def held_view(checkpoint: dict[str, Any]) -> dict[str, Any]:
    """A decision held in its undo window: what was decided, and until when it can be taken back."""
    view = checkpoint_view(checkpoint, guard="undo")
    decision = _dict(checkpoint.get("decision"))
    return {
        **view,
        "held": True,
        "decision": str(decision.get("decision", "approve")),
        "undo_until": str(checkpoint.get("undo_until") or ""),
    }
