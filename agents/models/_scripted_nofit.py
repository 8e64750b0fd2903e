"""When nothing fits: which limit blocks, what comes closest, and asking before giving up.

A careful travel agent whose hard limits admit nothing does not just stop. It says which limit
blocks and which option comes closest, and asks the traveller (``ask_user``) whether to book that
one anyway, unless the request itself says the traveller would rather not travel than break a limit
("I'd rather skip the trip", "or nothing", "don't book anything that ..."). It refuses only after
that, and only once it has searched everything the trip needs: a hotel in every city the trip stays
in is searched even when no flight fits (on the days the trip names), so the refusal rests on what
was found and not on what was never looked at.

What can be given way on is a limit the words set (a time, stops, an airline, stars, an amenity, a
nightly cap): a sold-out option, one the traveller turned down and a clash with the calendar are
facts, not limits. A yes to the question ("I'll take the early flight", "fine, book it") admits the
one option it named; any other answer (a no, a default "no particular wishes") keeps the limits, and
the run refuses naming them. The answers to these questions are read here, not with the request:
they say yes or no to an option, not what the trip is.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Any

from agents.models._scripted_lexicon import CITY_NAMES
from agents.models._scripted_options import FlightOpt, HotelOpt
from agents.models._scripted_relax import MARK, asked, firm

if TYPE_CHECKING:
    from agents.models._scripted_context import Context

#: the request says the traveller would rather not travel than break a limit
_RATHER_NOT = re.compile(
    r"\b(?:rather\s+(?:not\s+(?:go|travel|fly|book|bother)|skip|stay\s+(?:at\s+)?home|cancel|miss)"
    r"|or\s+nothing\b|or\s+not\s+at\s+all|(?:don'?t|do\s+not)\s+book\s+anything"
    r"|(?:otherwise|or\s+else|if\s+not)[,\s]+(?:forget\s+it|don'?t\s+bother|i'?m\s+not\s+going|i\s+won'?t\s+go)"
    r"|no\s+trip\s+(?:at\s+all\s+)?(?:is\s+)?better|not\s+worth\s+(?:going|the\s+trip))",
    re.I,
)


def rather_not_travel(request: str) -> bool:
    """The request says the traveller would rather not go than break a limit."""
    return _RATHER_NOT.search(request) is not None


def _money(x: float) -> str:
    return f"${x:,.2f}"


def _closest_flight(ctx: Context) -> tuple[int, FlightOpt, list[str]] | None:
    """The first leg no flight fits only because of limits, its best such flight and the reasons."""
    r, scorer = ctx.ranking, ctx.scorer
    for i, opts in enumerate(ctx.flights[: len(ctx.trip.legs)]):
        if not opts or any(f.id not in r.why_not for f in opts):
            continue
        soft = [f for f in opts if not firm(f, scorer, r.why_not[f.id])]
        if not soft:
            return None  # nothing to give way on: sold out, turned down or clashing
        best = max(soft, key=lambda f: (scorer.flight_score(f, i), -f.total, f.id))
        return i, best, sorted({r.why_not[f.id] for f in opts})
    return None


def _closest_hotel(ctx: Context) -> tuple[HotelOpt, list[str]] | None:
    """A stay whose city's hotels are all ruled out by limits: its best such hotel and the reasons."""
    r, scorer = ctx.ranking, ctx.scorer
    for s in ctx.trip.stays:
        found = [h for h in ctx.all_hotels if h.city == s.city]
        if not found or any(h.id not in r.why_not for h in found):
            continue
        soft = [h for h in found if not firm(h, scorer, r.why_not[h.id])]
        if not soft:
            return None
        best = max(soft, key=lambda h: (scorer.hotel_score(h), -h.total, h.id))
        return best, sorted({r.why_not[h.id] for h in found})
    return None


def relax_question(ctx: Context) -> str | None:
    """The question to ask before giving up on a trip whose limits admit nothing, if one is due."""
    b = ctx.b
    if ctx.ranking.plans or asked(b) or rather_not_travel(b.request):
        return None
    if (leg := _closest_flight(ctx)) is not None:
        _, f, why = leg
        a, d = (CITY_NAMES.get(c, c) for c in (f.origin, f.destination))
        stops = "non-stop" if f.stops == 0 else f"{f.stops}-stop"
        return (
            f"No flight from {a} to {d} meets your requirements ({'; '.join(why)}). The flight that "
            f"{MARK} is {f.airline_name or f.airline} {f.number} (id {f.id}), a {stops} {f.cabin} flight "
            f"at {f.depart:%H:%M} landing {f.arrive:%H:%M}, {_money(f.total)}. Shall I book that flight "
            "anyway, or book nothing?"
        )
    if (stay := _closest_hotel(ctx)) is not None:
        h, why = stay
        return (
            f"No hotel in {CITY_NAMES.get(h.city, h.city)} meets your requirements ({'; '.join(why)}). "
            f"The hotel that {MARK} is {h.name} (id {h.id}), {h.stars}-star, rating {h.rating:g}, "
            f"{_money(h.price)} a night. Shall I book that hotel anyway, or book nothing?"
        )
    return None


def refusal_hotel_searches(ctx: Context) -> list[tuple[str, dict[str, Any]]]:
    """Hotel searches for the stays no plan reached (no flight fits), on the days the trip names:
    a refusal must rest on what was searched."""
    trip = ctx.trip
    if ctx.ranking.plans or ctx.ranking.missing:
        return []
    searched = {h.city for h in ctx.all_hotels} | {
        str(c.args.get("city", "")).upper() for c in ctx.b.calls if c.name == "search_hotels"
    }
    out: list[tuple[str, dict[str, Any]]] = []
    for j, s in enumerate(trip.stays):
        if s.city in searched or s.check_in is not None or s.after_leg >= len(trip.legs):
            continue
        ci = trip.legs[s.after_leg].date
        nxt = s.after_leg + 1
        co = trip.legs[nxt].date if nxt < len(trip.legs) else ci + dt.timedelta(days=s.nights or 1)
        if co > ci:
            out.append(("search_hotels", ctx.hotel_args(j, ci, co)))
    return out


def unavailable_note(ctx: Context) -> str:
    """What the search showed but cannot be had (sold out, no rooms left), said with a refusal for
    the budget: it is part of why nothing fits (``"; MV102-2027-02-12 is sold out"``)."""
    gone = [f.id for opts in ctx.flights for f in opts if not f.available]
    gone += list(dict.fromkeys(h.id for h in ctx.all_hotels if not h.available))
    if not gone:
        return ""
    shown = ", ".join(gone[:3]) + (f" and {len(gone) - 3} more" if len(gone) > 3 else "")
    return f"; {shown} {'is' if len(gone) == 1 else 'are'} sold out"


def hotel_block_text(ctx: Context) -> str | None:
    """Why nothing fits when a stay's hotels are all ruled out: "no hotel in Chicago meets your
    requirements (over your $150 a night; ...)"; None when no stay is blocked that way."""
    r = ctx.ranking
    for s in ctx.trip.stays:
        found = [h for h in ctx.all_hotels if h.city == s.city]
        if found and all(h.id in r.why_not for h in found):
            why = "; ".join(sorted({r.why_not[h.id] for h in found}))
            return f"no hotel in {CITY_NAMES.get(s.city, s.city)} meets your requirements ({why})"
    return None
