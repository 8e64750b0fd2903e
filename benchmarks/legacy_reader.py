"""The scripted model's reader before issue 12 (``_scripted_nlu.parse_request``), wrapped as a golden
set reader so that its accuracy can be compared with ``agents.intent.read_request``:

    .venv/bin/python benchmarks/golden_intent.py --reader benchmarks.legacy_reader:read --split dev

It maps what ``TripRequest`` holds onto a ``TripIntent`` the way the model's ``Context.trip`` uses it
(origin from the profile, a return leg when it returns, a stay per destination when a hotel is asked
for); fields the old reader never had (keep, cancel, sources beyond the obvious) stay empty.
"""

from __future__ import annotations

import datetime as dt

from agents.intent import LegIntent, ReadContext, StayIntent, TripIntent, Wish
from agents.models._scripted_nlu import parse_request


def read(text: str, ctx: ReadContext) -> TripIntent:
    req = parse_request([text], ctx.now.date())
    origin = req.origin or ctx.home
    stops = [origin, *req.destinations] + ([origin] if req.returns else [])
    legs = [LegIntent(origin=a, destination=b) for a, b in zip(stops, stops[1:], strict=False)]
    for leg, day in zip(legs, req.dates, strict=False):
        leg.date = day
    intent = TripIntent(legs=legs, travelers=req.travellers or 1, rooms=req.rooms, budget=req.budget)
    intent.shape = "one_way" if len(legs) == 1 else "round_trip" if len(legs) == 2 else "multi_city"
    if req.change:
        intent.shape = "change"
    if req.hotel:
        for j, city in enumerate(req.destinations):
            ci = legs[j].date if j < len(legs) else None
            co = (
                legs[j + 1].date
                if j + 1 < len(legs)
                else (ci + dt.timedelta(days=req.nights) if ci and req.nights else None)
            )
            intent.stays.append(StayIntent(city=city, check_in=ci, check_out=co, max_nightly=req.nightly_cap,
                                           min_stars=req.prefs.stars, amenities=sorted(req.prefs.amenities)))  # fmt: skip
    if req.prefs.hard_nonstop:
        for leg in legs:
            leg.nonstop = True
    elif req.prefs.nonstop:
        intent.wishes.append(Wish(kind="nonstop"))
    if req.prefs.cabin and req.prefs.cabin != "economy":
        for leg in legs:
            leg.cabin = req.prefs.cabin  # type: ignore[assignment]
    missing = req.missing(travellers_known=True)
    intent.unknown = [{"destination": "destination", "dates": "dates", "return date": "return_date", "nights": "nights"}[m]
                      for m in missing if m != "travellers"]  # fmt: skip
    intent.sources["travelers"] = "stated" if req.travellers else "assumed"
    for i, leg in enumerate(legs):
        if leg.date:
            intent.sources[f"legs.{i}.date"] = "stated"
    return intent
