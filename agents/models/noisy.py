"""The ``noisy`` model: wraps another model and makes LLM-like mistakes in what it reads and replies.

    --model noisy --temperature 0.6            wraps ``scripted``
    --model noisy:openai:gpt-4o-mini           wraps any other model by name

Every kind is named in the one list of mistake kinds (``sandbox.spi.MISTAKES``), which also says
what each perturbs: the ``reply``, an ``observation`` or the ``intent``. On each model call, with
probability ``error_rate(T) = min(0.9, 0.5 * T)`` noisy picks one reply mistake that fits and applies it:

| mistake                | what it does to the reply                                                  |
|------------------------|----------------------------------------------------------------------------|
| ``wrong_date``         | shifts a date argument (``date``, ``check_in``, ``check_out``) by ±1 day   |
| ``hallucinated_id``    | garbles a ``flight_id`` / ``hotel_id`` / ``booking_id`` (digits transposed) |
| ``ignored_preference`` | books another available option from the same search instead              |
| ``overspend``          | books the most expensive available option from the same search instead    |
| ``false_success``      | a final message after a failure claims everything was booked (a phase's end too: its ``finish_phase`` call says ``done``) |
| ``skipped_verification`` | drops a ``list_bookings`` call (reporting from memory if it was the only call) |

One observation mistake is run-wide: ``misread_price`` (probability ``quirk_rate(T, kinds)``): in the
first search result with options at different prices, the wrapped model reads the dearest option at
the cheapest one's price (the trace keeps what the tool said; the booking tool charges the real price).

When the wrapped model has a ``quirks`` hook (``scripted`` does: ``ScriptedChatModel.quirks``),
noisy also turns on its deliberate mistakes, which strike inside the model's reasoning rather than
in one reply: most misread the traveller's intent (``wrong_date``, ``drop_preference``,
``limit_as_wish``, ``wrong_party``, ``wrong_city``, ``overspend``: see ``_scripted_quirks``), the
others strike in the report (``hallucinated_id``, ``false_success``, ``skipped_verification``). Each
kind gets probability ``quirk_rate(T, kinds) = 1 - (1 - error_rate(T)) ** (1 / kinds)``, so a run
meets at least one about ``error_rate(T)`` of the time.

Every draw is seeded from ``(scenario, trial, seed[, call number])`` with SHA-256, so a (scenario,
trial) reproduces exactly and different trials differ (pass^k < pass^1). What was injected is
recorded on the replies: ``response_metadata["injected_mistakes"]`` on a reply noisy changed, and
``response_metadata["model_quirks"]`` (run-wide mistakes: the quirks that fire in this run, on the
first reply; ``misread_price`` on the first reply after the misread result).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import random
from collections.abc import Callable
from typing import Any

from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, ToolMessage

from agents.models._wrapping import WrappingChatModel
from sandbox.spi import MISTAKES, ModelSpec, make_model

DATE_KEYS = ("date", "check_in", "check_out")
PHASE_SIGNAL = "finish_phase"  # the planner's control tool: a reply that only calls it ends a phase
ID_KEYS = ("flight_id", "hotel_id", "booking_id")
PRICE_KEYS = ("price", "total_price")
LISTINGS = {"search_flights": "flights", "search_hotels": "hotels"}
CLAIM = "Good news: everything you asked for is booked and confirmed."
Mistake = Callable[[random.Random], tuple[AIMessage, str]]


def error_rate(temperature: float) -> float:
    """Probability that one model call carries a mistake, growing with temperature."""
    return min(0.9, 0.5 * max(0.0, temperature))


def quirk_rate(temperature: float, kinds: int) -> float:
    """Per-kind probability of the inner model's quirks: at least one in about error_rate(T) of runs."""
    return 1.0 - (1.0 - error_rate(temperature)) ** (1.0 / max(1, kinds))


def with_quirks(inner: Any, temperature: float, *parts: Any) -> Any:
    """``inner`` with its ``quirks`` hook switched on (seeded by ``parts``); unchanged without one."""
    quirks = getattr(inner, "quirks", None)
    if not dataclasses.is_dataclass(quirks) or isinstance(quirks, type) or error_rate(temperature) <= 0:
        return inner
    kinds = [f.name for f in dataclasses.fields(quirks) if f.name != "seed"]
    seed = int.from_bytes(hashlib.sha256("|".join(map(str, ("quirks", *parts))).encode()).digest()[:4], "big")
    rate = quirk_rate(temperature, len(kinds))
    return inner.model_copy(
        update={"quirks": dataclasses.replace(quirks, **dict.fromkeys(kinds, rate), seed=seed)}
    )


def fired_quirks(inner: Any, messages: list[BaseMessage]) -> list[str]:
    """The inner model's quirks that fire in this run (they are keyed by the request)."""
    quirks = getattr(inner, "quirks", None)
    if not dataclasses.is_dataclass(quirks) or not hasattr(quirks, "fires"):
        return []
    request = next((str(m.content) for m in messages if isinstance(m, HumanMessage)), "")
    return [f.name for f in dataclasses.fields(quirks) if f.name != "seed" and quirks.fires(f.name, request)]


def draw(*parts: Any) -> random.Random:
    digest = hashlib.sha256("|".join(map(str, ("noisy", *parts))).encode()).digest()
    return random.Random(int.from_bytes(digest[:8], "big"))


def garble(item_id: str) -> str:
    """A plausible wrong id: the first run of digits reversed (``AX138-...`` -> ``AX831-...``)."""
    start = next((i for i, c in enumerate(item_id) if c.isdigit()), None)
    if start is None:
        return item_id + "X"
    end = start
    while end < len(item_id) and item_id[end].isdigit():
        end += 1
    digits = item_id[start:end][::-1]
    if digits == item_id[start:end]:
        digits = digits[:-1] + str((int(digits[-1]) + 1) % 10)
    return item_id[:start] + digits + item_id[end:]


def observations(messages: list[BaseMessage]) -> list[tuple[str, dict[str, Any]]]:
    """``(tool name, parsed observation)`` for every tool result in the conversation."""
    out = []
    for m in messages:
        if isinstance(m, ToolMessage):
            try:
                body = json.loads(str(m.content))
            except json.JSONDecodeError:
                body = {"ok": m.status != "error"}
            out.append((m.name or "", body if isinstance(body, dict) else {"ok": True}))
    return out


def _with_call(reply: AIMessage, index: int, args: dict[str, Any]) -> AIMessage:
    calls = [dict(c) for c in reply.tool_calls]
    calls[index]["args"] = args
    return reply.model_copy(update={"tool_calls": calls})


def memory_report(messages: list[BaseMessage]) -> str:
    """What an agent that skips verification reports: every booking it remembers making."""
    booked: dict[str, tuple[str, float]] = {}
    for name, body in observations(messages):
        result = body.get("result") if body.get("ok") else None
        if isinstance(result, dict) and name.startswith("book_") and "booking_id" in result:
            item = str(result.get("flight_id") or result.get("hotel_id") or "")
            booked[str(result["booking_id"])] = (item, float(result.get("total_price") or 0.0))
    if not booked:
        return "I have made the bookings you asked for."
    items = ", ".join(f"{bid} ({item})" for bid, (item, _) in booked.items())
    return f"Booked: {items}. Total charged: ${sum(p for _, p in booked.values()):,.2f}."


def mistakes(messages: list[BaseMessage], reply: AIMessage) -> dict[str, Mistake]:
    """The mistakes that fit this reply, each a function of the draw."""
    found: dict[str, Mistake] = {}
    calls = reply.tool_calls
    dated = [(i, k) for i, c in enumerate(calls) for k in DATE_KEYS if _is_date(c["args"].get(k))]
    if dated:

        def wrong_date(rng: random.Random) -> tuple[AIMessage, str]:
            i, key = rng.choice(dated)
            old = dt.date.fromisoformat(str(calls[i]["args"][key]))
            new = old + dt.timedelta(days=rng.choice((-1, 1)))
            msg = _with_call(reply, i, {**calls[i]["args"], key: new.isoformat()})
            return msg, f"{calls[i]['name']}.{key}: {old} -> {new}"

        found["wrong_date"] = wrong_date
    with_ids = [(i, k) for i, c in enumerate(calls) for k in ID_KEYS if isinstance(c["args"].get(k), str)]
    if with_ids:

        def hallucinated_id(rng: random.Random) -> tuple[AIMessage, str]:
            i, key = rng.choice(with_ids)
            old = calls[i]["args"][key]
            msg = _with_call(reply, i, {**calls[i]["args"], key: garble(old)})
            return msg, f"{calls[i]['name']}.{key}: {old} -> {garble(old)}"

        found["hallucinated_id"] = hallucinated_id
    found.update(_swaps(messages, reply))
    if all(c["name"] == PHASE_SIGNAL for c in calls) and _went_wrong(messages):

        def false_success(rng: random.Random) -> tuple[AIMessage, str]:
            claim = f"{CLAIM} {memory_report(messages)}"
            ended = [{**c, "args": {"outcome": "done", "reason": claim}} for c in calls]  # "all went well"
            return reply.model_copy(
                update={"content": claim, "tool_calls": ended}
            ), "claimed success after a failure"

        found["false_success"] = false_success
    if any(c["name"] == "list_bookings" for c in calls):

        def skipped_verification(rng: random.Random) -> tuple[AIMessage, str]:
            kept = [c for c in calls if c["name"] != "list_bookings"]
            content = reply.content if kept else memory_report(messages)
            return reply.model_copy(update={"tool_calls": kept, "content": content}), "dropped list_bookings"

        found["skipped_verification"] = skipped_verification
    return found


_BOOKS = {"book_flight": ("flight_id", "flights"), "book_hotel": ("hotel_id", "hotels")}


def _swaps(messages: list[BaseMessage], reply: AIMessage) -> dict[str, Mistake]:
    """``ignored_preference`` and ``overspend``: book another option from the same search."""
    found: dict[str, Mistake] = {}
    for i, call in enumerate(reply.tool_calls):
        key, listing = _BOOKS.get(call["name"], ("", ""))
        chosen = call["args"].get(key) if key else None
        options = _options_with(messages, listing, key, chosen) if chosen else []
        others = [o for o in options if o.get(key) != chosen and o.get("available")]
        if not others:
            continue
        price = next((_price(o) for o in options if o.get(key) == chosen), 0.0)
        dearer = sorted((o for o in others if _price(o) > price), key=_price)
        found["ignored_preference"] = _swap(reply, i, key, others, "booked another option")
        if dearer:
            found["overspend"] = _swap(reply, i, key, dearer[-1:], "booked the dearest option")
    return found


def _swap(reply: AIMessage, i: int, key: str, options: list[dict[str, Any]], why: str) -> Mistake:
    def apply(rng: random.Random) -> tuple[AIMessage, str]:
        option = rng.choice(options)
        old = reply.tool_calls[i]["args"][key]
        return _with_call(
            reply, i, {**reply.tool_calls[i]["args"], key: option[key]}
        ), f"{why}: {old} -> {option[key]}"

    return apply


def _options_with(messages: list[BaseMessage], listing: str, key: str, chosen: Any) -> list[dict[str, Any]]:
    for _, body in reversed(observations(messages)):
        items = (body.get("result") or {}).get(listing) if isinstance(body.get("result"), dict) else None
        if isinstance(items, list) and any(isinstance(o, dict) and o.get(key) == chosen for o in items):
            return [o for o in items if isinstance(o, dict)]
    return []


def _price(option: dict[str, Any]) -> float:
    return float(option.get("total_price") or 0.0)


def _went_wrong(messages: list[BaseMessage]) -> bool:
    obs = observations(messages)
    failed = any(not body.get("ok", True) for _, body in obs)
    return failed or not any(name.startswith("book_") and body.get("ok") for name, body in obs)


def _is_date(value: Any) -> bool:
    if not isinstance(value, str):
        return False
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def misread_price(messages: list[BaseMessage]) -> tuple[list[BaseMessage], int, str] | None:
    """``misread_price``: the first search result with options at different prices, its dearest
    option read at the cheapest one's price. Returns the messages as the model reads them, the index
    of the misread result and what was misread; None when no result fits."""
    for j, m in enumerate(messages):
        if not isinstance(m, ToolMessage) or (m.name or "") not in LISTINGS:
            continue
        try:
            body = json.loads(str(m.content))
        except json.JSONDecodeError:
            continue
        result = body.get("result") if isinstance(body, dict) else None
        if not isinstance(result, dict):
            continue
        items = result.get(LISTINGS[m.name or ""])
        priced = [
            o for o in items or [] if isinstance(o, dict) and o.get("available", True) and _price(o) > 0
        ]
        if len({_price(o) for o in priced}) < 2:
            continue
        cheap, dear = min(priced, key=_price), max(priced, key=_price)
        seen = {k: cheap[k] for k in PRICE_KEYS if k in cheap}
        key = "flight_id" if "flight_id" in dear else "hotel_id"
        detail = f"{m.name}: {dear.get(key)} at ${_price(dear):,.2f} read as ${_price(cheap):,.2f}"
        new_items = [{**o, **seen} if o is dear else o for o in items or []]
        new_body = {**body, "result": {**result, LISTINGS[m.name or ""]: new_items}}
        out = list(messages)
        out[j] = m.model_copy(update={"content": json.dumps(new_body)})
        return out, j, detail
    return None


def _first_reply_after(messages: list[BaseMessage], j: int) -> bool:
    return not any(isinstance(m, AIMessage) for m in messages[j + 1 :])


class NoisyChatModel(WrappingChatModel):
    scenario_id: str = ""
    trial: int = 0
    seed: int = 0
    rate: float = 0.0
    misreads: bool = False  # whether ``misread_price`` strikes in this run

    @property
    def _llm_type(self) -> str:
        return "noisy"

    def call_inner(self, messages: list[BaseMessage], stop: list[str] | None, **kwargs: Any) -> AIMessage:
        misread = misread_price(messages) if self.misreads else None
        if misread is None:
            return super().call_inner(messages, stop, **kwargs)
        seen, j, detail = misread
        reply = super().call_inner(seen, stop, **kwargs)
        if not _first_reply_after(messages, j):
            return reply
        quirks = [*reply.response_metadata.get("model_quirks", []), "misread_price"]
        meta = {**reply.response_metadata, "model_quirks": quirks, "misread": detail}
        return reply.model_copy(update={"response_metadata": meta})

    def rewrite(self, call_no: int, messages: list[BaseMessage], reply: AIMessage) -> AIMessage:
        if call_no == 1 and (fired := fired_quirks(self.inner, messages)):
            reply = reply.model_copy(
                update={"response_metadata": {**reply.response_metadata, "model_quirks": fired}}
            )
        rng = draw(self.scenario_id, self.trial, self.seed, call_no)
        if rng.random() >= self.rate:
            return reply
        fits = mistakes(messages, reply)
        if not fits:
            return reply
        kind = rng.choice(sorted(fits))
        changed, detail = fits[kind](rng)
        injected = [*reply.response_metadata.get("injected_mistakes", []), {"kind": kind, "detail": detail}]
        meta = {**changed.response_metadata, "injected_mistakes": injected}
        return changed.model_copy(update={"response_metadata": meta})


def make(spec: ModelSpec) -> NoisyChatModel:
    inner_name = spec.arg or "scripted"
    inner = make_model(
        inner_name,
        scenario_id=spec.scenario_id,
        trial=spec.trial,
        seed=spec.seed,
        temperature=spec.temperature,
        options=dict(spec.options),
    )
    kinds = len(MISTAKES)
    misreads = draw(spec.scenario_id, spec.trial, spec.seed, "misread_price").random()
    return NoisyChatModel(
        inner=with_quirks(inner, spec.temperature, spec.scenario_id, spec.trial, spec.seed),
        misreads=misreads < quirk_rate(spec.temperature, kinds),
        scenario_id=spec.scenario_id,
        trial=spec.trial,
        seed=spec.seed,
        rate=float(spec.options.get("error_rate", error_rate(spec.temperature))),
    )
