"""The ``reference`` agent (PRIVILEGED): executes the oracle's best itinerary through the gateway.

It reads the hidden scenario through ``ctx.privileged["plan"]`` (the world's ``reference_plan``), so
it is not a real agent: it proves that the scoring can award full marks, and what a perfect run costs
in tool calls and checkpoints. Every call still goes through the gateway, so guardrails, override
checkpoints, faults and the simulated human all apply. It proposes the plan first (with the world's
proposal tool, found by its role; a world without one goes straight to the calls); when the human
rejects it, it proposes the next option; when the human picks an alternative, it books that one.

A call that fails with a retryable error (``service_error``, ``timeout``: the tool never ran) is tried
again: a booking up to twice more, a ``cancel_booking`` once more. When a cancellation the change needs
still fails, it books nothing new (the old booking would stay beside the new one) and says which
booking is still held and why; when a booking fails, it cancels what it made and says which of those
cancellations failed, if any.
When a booking fails because its item is gone (``sold_out``: a fault struck the item it tried first),
it books the next option that uses no item found gone, keeping what it already booked that the option
shares (and cancelling what it does not).
"""

from __future__ import annotations

import json
from typing import Any

from langchain_core.messages import AIMessage

from agents.tools import tool_loop, tool_results
from sandbox.spi import AgentContext

RETRYABLE = {"service_error", "timeout"}
#: A failed ``cancel_booking`` with a retryable error (the tool never ran) is tried once more.
CANCEL_RETRIES = 1


def _attempt(results: dict[str, dict[str, Any]], base: str, retries: int) -> str:
    """The call id to look at for a call that may be retried: ``base`` first, then ``base-retry-N`` while
    the previous attempt failed with a retryable error and retries are left."""
    key, n = base, 0
    while key in results:
        res = results[key]
        if res.get("ok") or (res.get("error") or {}).get("code") not in RETRYABLE or n >= retries:
            break
        n += 1
        key = f"{base}-retry-{n}"
    return key


def _why(res: dict[str, Any]) -> str:
    return str((res.get("error") or {}).get("message", "unknown error"))


GONE = {"sold_out"}


def _call(name: str, args: dict[str, Any], call_id: str) -> AIMessage:
    return AIMessage(
        content="", tool_calls=[{"name": name, "args": args, "id": call_id, "type": "tool_call"}]
    )


def _receipt(result: dict[str, Any]) -> tuple[str, str, float]:
    """What a successful call made: its id, the item, what it charged (a travel booking's
    ``booking_id``, ``flight_id``/``hotel_id``, ``total_price``; another world's ``id`` and ``text``)."""
    made = result.get("booking_id") or result.get("id") or ""
    item = result.get("flight_id") or result.get("hotel_id") or result.get("text") or ""
    return str(made), str(item), float(result.get("total_price") or 0.0)


class _Planner:
    """Decides the next step from the plan and the tool results so far (pure, so replays agree)."""

    def __init__(self, plan: dict[str, Any], proposal_tool: str | None):
        self.pre: list[dict[str, Any]] = plan.get("pre", [])
        self.options: list[dict[str, Any]] = plan.get("options", [])
        self.refuse_reason: str = plan.get("refuse_reason") or "no itinerary meets your requirements"
        self.report: str | None = plan.get("report")  # a change that needs no booking (cancel-only)
        self.proposal_tool = proposal_tool

    def next(self, results: dict[str, dict[str, Any]]) -> AIMessage:
        for i, step in enumerate(self.pre):
            cancel = step["tool"] == "cancel_booking"
            key = _attempt(results, f"ref-pre-{i}", CANCEL_RETRIES if cancel else 0)
            if key not in results:
                return _call(step["tool"], step["args"], key)
            if cancel and not results[key].get("ok"):
                return self._cancel_failed(str(step["args"].get("booking_id")), key, results)
        if not self.options:
            if self.report:
                return AIMessage(content=self.report)
            return AIMessage(content=f"I did not book anything: {self.refuse_reason}.")
        if self.proposal_tool is None:
            return self._book(0, results)
        k = 0
        while k < len(self.options):
            pid = f"ref-propose-{k}"
            if pid not in results:
                alts = self.options[k + 1 : k + 3]
                opt = self.options[k]
                args = {
                    "items": opt["items"],
                    "total": opt["total"],
                    "rationale": "This is the best itinerary that meets every requirement.",
                    "confidence": 0.95,
                    "alternatives": [
                        {"items": a["items"], "total": a["total"], "note": "next best"} for a in alts
                    ],
                }
                return _call(self.proposal_tool, args, pid)
            answer = results[pid].get("result") or {}
            status = answer.get("status")
            if status == "rejected" or not results[pid].get("ok"):
                k += 1
                continue
            if status == "approved_alternative":
                k = k + 1 + int(answer.get("alternative", 0))
                if k >= len(self.options):
                    break
            return self._book(k, results)
        return AIMessage(
            content="I did not book anything: the traveller did not approve any of the options I proposed."
        )

    def _book(self, k: int, results: dict[str, dict[str, Any]]) -> AIMessage:
        made = self._made(results)
        gone = self._gone(results)
        calls = self.options[k]["calls"]
        if any(_item(c) in gone for c in calls):  # an item of this option is gone: the next best
            nxt = self._fallback(k, gone, made)
            if nxt is None:
                return self._give_up([r for _, r in made.values()], "the items were sold out", results)
            k, calls = nxt, self.options[nxt]["calls"]
        for key, (_cid, (bid, _, _)) in made.items():  # booked for an option given up, not in this one
            if key not in {_key(c) for c in calls} and f"ref-cancel-{bid}" not in results:
                return _call("cancel_booking", {"booking_id": bid}, f"ref-cancel-{bid}")
        booked: list[tuple[str, str, float]] = []
        for j, call in enumerate(calls):
            if _key(call) in made:
                booked.append(made[_key(call)][1])
                continue
            cid = f"ref-book-{k}-{j}"
            attempt = 0
            while f"{cid}-{attempt}" in results:
                res = results[f"{cid}-{attempt}"]
                if res.get("ok") or (res.get("error") or {}).get("code") not in RETRYABLE or attempt >= 2:
                    break
                attempt += 1
            key = f"{cid}-{attempt}"
            if key not in results:
                return _call(call["tool"], call["args"], key)
            res = results[key]
            if not res.get("ok"):
                if (res.get("error") or {}).get("code") in GONE:
                    return self._book(k, results)  # the item is gone now: re-plan
                why = (res.get("error") or {}).get("message", "unknown error")
                return self._give_up(booked, why, results)
            if (res.get("result") or {}).get("executed") is False:  # the human answered instead
                said = str(res["result"].get("human_response") or "").strip() or "no words"
                return self._give_up(
                    booked, f"the traveller replied instead of approving it: {said}", results
                )
            booked.append(_receipt(res["result"]))
        return AIMessage(content=_report(booked, self._cancelled(results)))

    def _cancel_failed(self, bid: str, key: str, results: dict[str, dict[str, Any]]) -> AIMessage:
        """A cancellation the change needs still failed (after its retry, when the error was retryable):
        book nothing new (the old booking would stay beside it) and say so."""
        gone = ", ".join(
            f"{b} ({item}, refunded ${refund:,.2f})" for b, item, refund in self._cancelled(results)
        )
        tries = "twice" if "-retry-" in key else "once"
        return AIMessage(
            content=f"I could not cancel {bid}: {_why(results[key])} (tried {tries}). {bid} is still booked, "
            "so I did not book anything new."
            + (f" Cancelled before that: {gone}." if gone else " Nothing else was changed.")
        )

    def _booking_calls(self, results: dict[str, dict[str, Any]]) -> list[tuple[str, dict[str, Any]]]:
        """(call id, the plan's call) of every booking call made so far."""
        out = []
        for cid in results:
            parts = cid.split("-")
            if cid.startswith("ref-book-") and len(parts) == 5:
                out.append((cid, self.options[int(parts[2])]["calls"][int(parts[3])]))
        return out

    def _made(self, results: dict[str, dict[str, Any]]) -> dict[str, tuple[str, tuple[str, str, float]]]:
        """Every booking made (and not cancelled) so far, by its call: (call id, receipt)."""
        out: dict[str, tuple[str, tuple[str, str, float]]] = {}
        for cid, call in self._booking_calls(results):
            res = results[cid]
            if res.get("ok") and (res.get("result") or {}).get("executed") is not False:
                receipt = _receipt(res["result"])
                if f"ref-cancel-{receipt[0]}" not in results:
                    out[_key(call)] = (cid, receipt)
        return out

    def _gone(self, results: dict[str, dict[str, Any]]) -> set[str]:
        """Items a booking found sold out."""
        return {
            _item(call)
            for cid, call in self._booking_calls(results)
            if (results[cid].get("error") or {}).get("code") in GONE
        }

    def _fallback(self, k: int, gone: set[str], made: dict[str, Any]) -> int | None:
        """The best option after ``k`` with no item in ``gone``, one that keeps every booking made first."""
        fine = [i for i in range(k + 1, len(self.options)) if not any(
            _item(c) in gone for c in self.options[i]["calls"])]  # fmt: skip
        keeps = [i for i in fine if set(made) <= {_key(c) for c in self.options[i]["calls"]}]
        return next(iter(keeps or fine), None)

    def _cancelled(self, results: dict[str, dict[str, Any]]) -> list[tuple[str, str, float]]:
        """The traveller's bookings the plan cancelled first: (booking id, item, refund)."""
        out = []
        for i, step in enumerate(self.pre):
            if step["tool"] != "cancel_booking":
                continue
            res = results.get(_attempt(results, f"ref-pre-{i}", CANCEL_RETRIES)) or {}
            if step["tool"] == "cancel_booking" and res.get("ok"):
                r = res["result"]
                item = str(r.get("flight_id") or r.get("hotel_id") or "")
                out.append((str(r["booking_id"]), item, float(r.get("refund") or 0.0)))
        return out

    def _give_up(
        self, booked: list[tuple[str, str, float]], why: str, results: dict[str, dict[str, Any]]
    ) -> AIMessage:
        stuck = []
        for bid, item, _ in booked:
            cid = _attempt(results, f"ref-cancel-{bid}", CANCEL_RETRIES)
            if cid not in results:
                return _call("cancel_booking", {"booking_id": bid}, cid)
            if not results[cid].get("ok"):
                stuck.append(f"{bid} ({item}: {_why(results[cid])})")
        if stuck:
            return AIMessage(
                content=f"A booking failed ({why}), and I could not cancel what I had already booked: "
                f"{', '.join(stuck)} {'is' if len(stuck) == 1 else 'are'} still booked."
            )
        return AIMessage(
            content=f"I did not book anything: a booking failed ({why}), so I cancelled the rest."
        )


def _key(call: dict[str, Any]) -> str:
    return json.dumps([call["tool"], call["args"]], sort_keys=True)


def _item(call: dict[str, Any]) -> str:
    args = call["args"]
    return str(args.get("flight_id") or args.get("hotel_id") or "")


def _report(booked: list[tuple[str, str, float]], cancelled: list[tuple[str, str, float]]) -> str:
    """What was booked, which of the traveller's bookings were cancelled (and refunded), the total."""
    items = ", ".join(f"{bid} ({item})" for bid, item, _ in booked)
    total = sum(price for _, _, price in booked)
    gone = ", ".join(f"{bid} ({item}, refunded ${refund:,.2f})" for bid, item, refund in cancelled)
    return f"Booked: {items}." + (f" Cancelled: {gone}." if gone else "") + f" Total charged: ${total:,.2f}."


def build(ctx: AgentContext) -> Any:
    proposal = next((t.name for t in ctx.tools if getattr(t, "role", None) == "proposal"), None)
    planner = _Planner(ctx.privileged.get("plan") or {}, proposal)
    return tool_loop(ctx, lambda state: planner.next(tool_results(state["messages"])))


build.privileged = True  # type: ignore[attr-defined]
build.needs_model = False  # type: ignore[attr-defined]
