"""The ``random`` baseline: valid tool calls, random choices (needs no model).

It shows what a valid-but-unguided agent scores. It reads the traveller's profile and budget, takes
the places and dates the request mentions (a skim, not an understanding: a city-name table and a
date pattern), then makes random choices: which mentioned city to fly to, which dates, whether to
fly back, whether to take a hotel, and which available flight or hotel from the search results to
book. Every id it books comes from a search result, so every call is valid; nothing is proposed or
verified. The choices are seeded from the request, so the same scenario gives the same run.

Each step is a pure function of the request and the tool results so far (call ids are fixed per
step), so LangGraph's re-run of a node on resume makes the same decision.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
import re
from typing import Any

from langchain_core.messages import AIMessage, HumanMessage
from langgraph.graph import MessagesState

from agents.tools import tool_loop, tool_results
from sandbox.spi import AgentContext

# Common knowledge, as any model has it: city names -> their main airport codes.
CITY_CODES = {
    "san francisco": "SFO", "new york": "JFK", "los angeles": "LAX", "chicago": "ORD",
    "toronto": "YYZ", "london": "LHR", "paris": "CDG", "frankfurt": "FRA", "amsterdam": "AMS",
    "tokyo": "NRT", "singapore": "SIN", "sydney": "SYD", "boston": "BOS", "seattle": "SEA",
    "mexico city": "MEX", "sao paulo": "GRU", "madrid": "MAD", "rome": "FCO", "dubai": "DXB",
    "hong kong": "HKG", "barcelona": "BCN", "seoul": "ICN", "miami": "MIA", "denver": "DEN",
    "vancouver": "YVR", "buenos aires": "EZE",
}  # fmt: skip
MONTHS = {m: i for i, m in enumerate(("january", "february", "march", "april", "may", "june", "july",
          "august", "september", "october", "november", "december"), start=1)}  # fmt: skip
_DAY_MONTH = re.compile(r"\b(\d{1,2})\s+(" + "|".join(MONTHS) + r")\b(?:,?\s+(\d{4})\b)?", re.I)
_MONTH_DAY = re.compile(
    r"\b(" + "|".join(MONTHS) + r")\s+(\d{1,2})(?!\d)(?:st|nd|rd|th)?(?:,?\s+(\d{4})\b)?", re.I
)
_ISO_DAY = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")


def _rng(request: str, step: str) -> random.Random:
    digest = hashlib.sha256(f"random-agent|{request}|{step}".encode()).digest()
    return random.Random(int.from_bytes(digest[:8], "big"))


def mentioned_cities(text: str) -> list[str]:
    """Airport codes of the cities a text names, in order of first mention."""
    found: list[tuple[int, str]] = [(m.start(), m.group(0)) for m in re.finditer(r"\b[A-Z]{3}\b", text)]
    lowered = text.lower()
    for name, code in CITY_CODES.items():
        if (at := lowered.find(name)) >= 0:
            found.append((at, code))
    codes = [c for _, c in sorted(found) if c in CITY_CODES.values()]
    return list(dict.fromkeys(codes))


def mentioned_dates(text: str, today: dt.date) -> list[dt.date]:
    """Dates a text names (``15 January 2027``, ``January 24``, ``2027-01-15``), sorted."""
    out: set[dt.date] = set()
    hits = [
        (m.start(), int(m.group(1)), MONTHS[m.group(2).lower()], m.group(3))
        for m in _DAY_MONTH.finditer(text)
    ]
    hits += [
        (m.start(), int(m.group(2)), MONTHS[m.group(1).lower()], m.group(3))
        for m in _MONTH_DAY.finditer(text)
    ]
    year = today.year
    for _, day, month, y in sorted(hits):
        year = int(y) if y else year
        try:
            d = dt.date(year, month, day)
        except ValueError:
            continue
        out.add(d if d >= today or y else d.replace(year=d.year + 1))
    for m in _ISO_DAY.finditer(text):
        try:
            out.add(dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))))
        except ValueError:
            continue
    return sorted(out)


def _today(policy_text: str) -> dt.date:
    """The world's date, from the briefing's ``(YYYY-MM-DDTHH:MM...)`` clock line."""
    m = re.search(r"(\d{4}-\d{2}-\d{2})T\d", policy_text)
    return dt.date.fromisoformat(m.group(1)) if m else dt.date.today()


def _call(name: str, args: dict[str, Any], call_id: str) -> AIMessage:
    return AIMessage(
        content="", tool_calls=[{"name": name, "args": args, "id": call_id, "type": "tool_call"}]
    )


class _Walker:
    """Decides the next call from the request and the results so far; the last step reports."""

    def __init__(self, request: str, today: dt.date):
        self.request = request
        self.today = today

    def next(self, res: dict[str, dict[str, Any]]) -> AIMessage:
        for cid, tool in (("rnd-profile", "get_traveler_profile"), ("rnd-budget", "get_budget")):
            if cid not in res:
                return _call(tool, {}, cid)
        profile = res["rnd-profile"].get("result") or {}
        home, party = str(profile.get("home") or ""), int(profile.get("party_size") or 1)
        cities = [c for c in mentioned_cities(self.request) if c != home]
        if not home or not cities:
            return AIMessage(content="I could not tell where you want to go, so I booked nothing.")
        plan = _rng(self.request, "plan")
        dest = plan.choice(cities)
        dates = [d for d in mentioned_dates(self.request, self.today) if d >= self.today]
        if not dates:
            start = self.today + dt.timedelta(days=plan.randint(7, 45))
            dates = [start, start + dt.timedelta(days=plan.randint(1, 6))]
        out = plan.choice(dates)
        later = [d for d in dates if d > out]
        back = plan.choice(later) if later else out + dt.timedelta(days=plan.randint(1, 4))
        steps = [("out", home, dest, out)]
        if plan.random() < 0.7:
            steps.append(("back", dest, home, back))
        for tag, origin, to, day in steps:
            search = {"origin": origin, "destination": to, "date": str(day), "passengers": party}
            msg = self._pick(res, tag, "search_flights", search, "flights", "flight_id")
            if msg is not None:
                return msg
        if plan.random() < 0.6:
            stay = {"city": dest, "check_in": str(out), "check_out": str(back), "rooms": 1}
            msg = self._pick(res, "hotel", "search_hotels", stay, "hotels", "hotel_id")
            if msg is not None:
                return msg
        return AIMessage(content=_report(res))

    def _pick(
        self, res: dict[str, dict[str, Any]], tag: str, tool: str, args: dict[str, Any], key: str, id_key: str
    ) -> AIMessage | None:
        """Search, then book a random available result; None once this step is done."""
        sid, bid = f"rnd-search-{tag}", f"rnd-book-{tag}"
        if sid not in res:
            return _call(tool, args, sid)
        if bid in res:
            return None
        options = [o for o in ((res[sid].get("result") or {}).get(key) or []) if o.get("available")]
        if not options:
            return None
        choice = _rng(self.request, tag).choice(options)
        if id_key == "flight_id":
            book = {
                "flight_id": choice["flight_id"],
                "passengers": args["passengers"],
                "cabin": choice["cabin"],
            }
            return _call("book_flight", book, bid)
        stay = {k: args[k] for k in ("check_in", "check_out", "rooms")}
        return _call("book_hotel", {"hotel_id": choice["hotel_id"], **stay}, bid)


def _report(res: dict[str, dict[str, Any]]) -> str:
    booked = [
        r["result"]
        for cid, r in res.items()
        if cid.startswith("rnd-book-") and r.get("ok") and r.get("result")
    ]
    if not booked:
        return "I did not book anything."
    items = ", ".join(f"{b['booking_id']} ({b.get('flight_id') or b.get('hotel_id')})" for b in booked)
    total = sum(float(b.get("total_price") or 0) for b in booked)
    return f"Booked: {items}. Total charged: ${total:,.2f}."


def build(ctx: AgentContext) -> Any:
    today = _today(ctx.policy_text)

    def act(state: MessagesState) -> AIMessage:
        messages = state["messages"]
        request = next((str(m.content) for m in messages if isinstance(m, HumanMessage)), "")
        return _Walker(request, today).next(tool_results(messages))

    return tool_loop(ctx, act)


build.needs_model = False  # type: ignore[attr-defined]
