"""Hard limits and soft wishes read from a request's clauses: times, stops, cabins, airlines, hotel
stars, amenities and neighbourhoods, each on the legs and stays its clause names (the words are in
``_limits``)."""

from __future__ import annotations

import re

from agents.intent import _words as w
from agents.intent._airline_rule import is_carrier
from agents.intent._avoided import avoided
from agents.intent._busy_parts import busy_bounds
from agents.intent._cabin_rule import conditional_cabin
from agents.intent._day_parts import hard_part_of_day, time_limits, timed_piece
from agents.intent._deadlines import event_said_before
from agents.intent._event_calendar import calendar_events
from agents.intent._event_offsets import offset_bounds
from agents.intent._hood_wish import named_areas
from agents.intent._limits import (
    AIRLINE_AFTER,
    AIRLINE_WISH,
    AS_NEAR_AS,
    BACK_CUE,
    CABIN,
    CLAUSES,
    CONCEDE,
    ECONOMY_ONLY,
    HOOD,
    INDIFFERENT,
    INLINE_ITEM,
    NO_STOPS,
    NOT_LEAD,
    OUT_CUE,
    OWN_LEG,
    PART_OF_DAY,
    PARTS,
    RATING,
    RATING_OUT_OF,
    RATING_PLUS,
    cabin_of,
    event_bounds,
    hedged_here,
    leg_named,
    refused_cabin,
)
from agents.intent._model import CalendarEntry, TripIntent, Wish
from agents.intent._not_asked import not_asked, only_if
from agents.intent._not_names import PLACE_NAME, airline_names
from agents.intent._policy import add_refused_carriers, beyond_trip
from agents.intent._refund import FLIGHT_WORDS, HOTEL_WORDS, asks_refund
from agents.intent._reviews import TRADED_AWAY, about_stay, review_topics
from agents.intent._routine_times import routine_times
from agents.intent._shape import EVENT, REQUIRED, Roles
from agents.intent._stars import stars_said
from agents.intent._stay_caps import stays_for
from agents.intent._then_time import elliptic, then_as_time
from agents.intent._time_legs import limit_leg, part_cue, time_hedged, time_parts, told_before_back
from agents.intent._too_early import hour_wishes

_AIRLINE_CUE = re.compile(
    r"\b(?P<only>(?i:only|exclusively|on|stick (?:to|with)|(?:must|has to|have to|needs? to)\s+(?:(?:be|fly)\s+)?(?:with|on|fly)))\s+(?P<a>(?:[A-Z][a-z]+|[A-Z][A-Z0-9]\b)(?:\s+[A-Z][a-z]+)?(?:\s+(?:or|and)\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)*)"
    r"|\b(?P<avoid>(?i:avoid|anything but|not|no|never|won't fly|don't book|except|refuse to (?:fly|use|take)(?:\s+(?:on|with))?|"
    r"(?:don't|dont|do not|never|not|won't|wont|no)(?:\s+[a-z']+){0,3}?\s+(?:on|with)|"
    # a rule that forbids them: "our policy doesn't allow X or Y", "the company bans X"
    r"(?:doesn't|does not|don't|do not|won't|will not|can't|cannot)\s+(?:allow|permit|approve|cover|let (?:me|us) (?:fly|use|book))|"
    r"forbids|bans|prohibits|excludes|blocks|blacklists|rules out))\s+(?P<b>(?:[A-Z][a-z]+|[A-Z][A-Z0-9]\b)(?:\s+[A-Z][a-z]+)?(?:\s+(?:or|and)\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)*)",
)


#: A negation left open before a name in its clause: "I'd prefer not to fly ...", "rather never ...".
_NEGATED = re.compile(r"\b(?:not|never|no|don't|do not|rather not|avoid\w*)\b(?:\s+[a-z']+){0,3}\s*$", re.I)
_ONLY_AFTER = re.compile(r"\b(?P<a>[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)\s+(?i:only)\b")


def limits_and_wishes(
    intent: TripIntent, text: str, roles: Roles, calendar: list[CalendarEntry] | None = None
) -> None:
    legs, stays = intent.legs, intent.stays
    clauses = CLAUSES.split(text)
    if (
        len(INLINE_ITEM.findall(text)) >= 3
    ):  # "Hotel - Seattle - Must: gym, ... - Nice to have: quiet; reviews 6+"
        clauses = [c for c in INLINE_ITEM.split(text) if c.strip()]  # a label rules its whole item
    for k in range(len(clauses) - 2, -1, -1):  # a label ("Return: land before midnight") stays with its words
        if clauses[k].endswith(":") and len(clauses[k].split()) <= 3:
            clauses[k : k + 2] = [clauses[k] + " " + clauses[k + 1]]
    for k, sent in enumerate(clauses):
        # "I'd kill for a pool but it's optional": a concession after "but" hedges the clause before
        is_soft = w.soft(sent) or bool(k + 1 < len(clauses) and CONCEDE.match(clauses[k + 1]))
        # "we fly home on the 14th, but not before 2pm": the clause before says which flight
        # "Return Wednesday; nothing departing before 5 pm": a clause after a semicolon goes on its sentence
        joined = k and (
            elliptic(sent) or (clauses[k - 1].rstrip().endswith(";") and not OWN_LEG.search(sent))
        )
        cue = clauses[k - 1] + " " + sent if joined else sent
        back = bool(
            re.search(
                r"\b(way back|flight back|flying back|coming back|fly back|back home|return\w*|home|be back)\b|^\s*back\s*:",
                cue,
                re.I,
            )
        )
        every = bool(
            re.search(r"\b(?:both|each|all|every|either) (?:flights?|ways?|legs?|directions?)\b", sent, re.I)
        )
        back = back and not every
        out = bool(
            re.search(
                r"\b(way out|outbound|out no|(?:fly(?:ing)?|flight) (?:out|down)|way down|leaving)\b|^\s*out\s*:",
                cue,
                re.I,
            )
        )
        target = [legs[-1]] if back and len(legs) > 1 and not out else [legs[0]] if out and legs else legs
        named = leg_named(cue, legs)
        # "somewhere around the Design District would be nice": an area, not an airline
        areas = named_areas(sent) if stays and is_soft else []
        if named is not None and not every:
            target, back, out = [named], named is legs[-1] and len(legs) > 1, named is legs[0]
        ns = re.search(r"\b(non-?stop|direct)\b|" + NO_STOPS, sent, re.I)
        if ns:
            # "non-stop, cheapest you can": without a word that requires it, a wish
            if hedged_here(sent, ns.start(), is_soft) or not (
                REQUIRED.search(sent) or re.search(NO_STOPS, sent, re.I)
            ):
                intent.wishes.append(Wish(kind="nonstop"))
            else:
                for leg in target:
                    leg.nonstop = True
        m = re.search(
            r"\b(?:more than|at most|max(?:imum)?|no more than)\s+(one|1|two|2)\s+(?:stop|connection|layover)"
            r"|\b(one|1|two|2)\s+(?:stop|connection|layover)s?\s+(?:at most|max(?:imum)?|tops|or less|or fewer)\b",
            sent,
            re.I,
        )
        if m and not is_soft:
            for leg in target:
                leg.max_stops = 1 if (m.group(1) or m.group(2)) in ("one", "1") else 2
        cabins = list(CABIN.finditer(sent)) if legs else []
        for i, cm in enumerate(cabins):
            cabin = cabin_of(cm)
            if cabin == "economy" and not ECONOMY_ONLY.search(sent):
                continue  # "economy is fine" asks for nothing; "economy only" is a limit
            if refused_cabin(sent, cm.start(), cm.end()):
                continue  # "four business seats is not happening": the cabin ruled out, not asked for
            if beyond_trip(sent, legs):
                break  # "business class only for flights over 10 hours": a rule for longer flights
            # the words right after a cabin, else right before it, say which flight it is for
            # ("economy for the outbound and business for the return")
            nxt = cabins[i + 1].start() if i + 1 < len(cabins) else len(sent)
            prv = cabins[i - 1].end() if i else 0
            after, before = (
                sent[cm.end() : min(nxt, cm.end() + 30)],
                sent[max(prv, cm.start() - 25) : cm.start()],
            )
            cab_target = target
            for near in (after, before, sent):
                if OUT_CUE.search(near):
                    cab_target = [legs[0]]
                    break
                if len(legs) > 1 and near is not sent and BACK_CUE.search(near):
                    cab_target = [legs[-1]]
                    break
            if is_soft:
                intent.wishes.append(Wish(kind="cabin", value=cabin))
                break
            if conditional_cabin(sent, clauses[k + 1] if k + 1 < len(clauses) else ""):
                # "premium if it's no more than 50% above economy, otherwise economy": a wish, on its flight
                one = legs.index(cab_target[0]) if len(cab_target) == 1 and len(legs) > 1 else None
                intent.wishes.append(Wish(kind="cabin", value=cabin, leg=one))
                break
            for leg in cab_target:
                leg.cabin = cabin  # type: ignore[assignment]
            if len(cabins) == 1 or cab_target is target:
                break
        for pm in AIRLINE_AFTER.finditer(sent):  # "Aurora Air preferred, Boreal Airways never"
            if _not_airline(pm.group("a")) or _in_area(areas, pm, "a") or not is_carrier(pm.group("a"), text):
                continue  # "Cambridge preferred": no carrier's name, so no airline
            for n in airline_names(pm.group("a")):
                if pm.group("never"):
                    for leg in legs:
                        leg.airlines_avoid += [n] if n not in leg.airlines_avoid else []
                elif not any(x.kind == "airline" and x.value == n for x in intent.wishes):
                    intent.wishes.append(Wish(kind="airline", value=n))
        for om in (x for x in _ONLY_AFTER.finditer(sent) if not (stays and about_stay(sent, x.start()))):
            for n in airline_names(om.group("a")):
                for leg in legs:
                    if not is_soft and n not in leg.airlines_only:
                        leg.airlines_only.append(n)
        for am in (x for x in _AIRLINE_CUE.finditer(sent) if not (stays and about_stay(sent, x.start()))):
            names = airline_names(am.group("a") or am.group("b") or "")
            for leg in legs:
                if am.group("a") and not is_soft:
                    leg.airlines_only += [n for n in names if n not in leg.airlines_only]
                elif am.group("b"):
                    leg.airlines_avoid += [n for n in names if n not in leg.airlines_avoid]
            if am.group("a") and is_soft:
                intent.wishes += [Wish(kind="airline", value=n) for n in names]
        if is_soft and not any(x.kind == "airline" for x in intent.wishes):
            for sm_ in AIRLINE_WISH.finditer(sent):
                lead = sm_.group("lead")
                if (
                    lead
                    and _not_airline(lead)
                    or _NEGATED.search(sent[: sm_.start()])
                    or _in_area(areas, sm_, 0)
                ):
                    continue  # "I'd prefer not to fly Boreal": no wish for Boreal
                intent.wishes += [
                    Wish(kind="airline", value=n) for n in airline_names(sm_.group("a") or lead)
                ]
        if asks_refund(sent):
            hotel_words, flight_words = HOTEL_WORDS.search(sent), FLIGHT_WORDS.search(sent)
            if not (hotel_words or flight_words) and k and re.match(r"\s*(?:it|that|this)\b", sent, re.I):
                # "two nights somewhere central, and it must be cancellable": "it" is the clause before's
                hotel_words = re.search(r"\b(hotel|room|accommodation|stay|nights?)\b", clauses[k - 1], re.I)
                flight_words = re.search(r"\b(ticket|fare|flight|seat)s?\b", clauses[k - 1], re.I)
            if is_soft:
                intent.wishes.append(Wish(kind="refundable"))
            else:
                if stays and (hotel_words or not legs):
                    for s in stays:
                        s.refundable = True
                if legs and (flight_words or not stays):
                    for leg in legs:
                        leg.refundable = True
        timed = then_as_time(sent)  # "a call until noon, so I can't fly before then": before noon
        timed = (
            event_said_before(clauses[k - 1], timed, time_limits) if k else timed
        )  # "a 2pm talk; I must make it"
        time_soft = is_soft and time_hedged(
            timed, conceded=bool(k + 1 < len(clauses) and CONCEDE.match(clauses[k + 1]))
        )
        parts = time_parts(timed)  # "land by 1:30 on the way out and leave after 4 coming back"
        for kind, when, own in [
            (
                kind,
                when,
                None
                if every
                else (part_cue(timed_piece(p), legs) if len(parts) == 1 else None)
                or limit_leg(text, p, legs, kind)
                or (part_cue(p, legs) if len(parts) > 1 else None)
                or told_before_back(timed, p, legs),
            )
            for p in parts
            for kind, when in time_limits(p)
        ]:  # "leave Chicago", "by 8pm Friday", "coming back": the flight the words name
            if time_soft:  # a wish about the flight its words name ("landing by 6 on the way out")
                said = own or (target[0] if len(legs) > 1 and len(target) == 1 and (back or out) else None)
                intent.wishes.append(Wish(kind="depart_window" if kind.startswith("depart") else "arrive_window",
                                          start=when if kind.endswith("after") else None,
                                          end=when if kind.endswith("before") else None,
                                          leg=legs.index(said) if said else None))  # fmt: skip
                continue
            plural = (  # "no flights before 7am", said of no day: every flight
                re.search(r"\b(?:flights|departures|arrivals|planes|nobody|no one|none of us)\b", sent, re.I)
                and not (back or out)
                and not _DAY_WORD.search(sent)
            )
            for leg in (
                [own]
                if own
                else target[:1]
                if len(target) > 1 and not back and not every and not plural
                else target
            ):
                setattr(leg, kind, when)
        for kind, when, day, that_day in event_bounds(sent, calendar or []) if not is_soft else []:
            on_day = [leg for leg in legs if day in (leg.date, leg.arrive_on)]
            for leg in on_day[:1] or ([] if that_day else target[:1]):
                setattr(leg, kind, when)
        calendar_events(sent, calendar or [], intent, is_soft)  # "for the planning, I can't miss it"
        for kind, when, day, home in offset_bounds(sent, calendar or []) if not is_soft else []:
            # "back on the ground 2 hours before the recital": the way home when no leg is dated
            on_day = [leg for leg in legs if day in (leg.date, leg.arrive_on)]
            for leg in on_day[:1] or (legs[-1:] if home and len(legs) > 1 else target[:1]):
                setattr(leg, kind, when)
        # "working Thursday morning so an afternoon flight": a floor, whatever the hedge
        busy = busy_bounds(sent)
        for kind, when, wd in busy:
            on_wd = [leg for leg in legs if wd and leg.date and leg.date.strftime("%a").lower() == wd]
            for leg in on_wd[:1] or ([] if wd and any(leg.date for leg in legs) else target[:1]):
                setattr(leg, kind, when)  # a busy day no flight leaves on bounds no flight
        part = None if busy else PART_OF_DAY.search(sent)
        if (
            part
            and (  # a part of the day said of a flight, not of an event ("a meeting in the morning")
                not re.search(
                    r"\b(fly|flying|flights?|leav\w*|depart\w*|arriv\w*|land\w*|out|back|home|return\w*|outbound|inbound"
                    r"|gets? (?:me |us )?in)\b",
                    sent,
                    re.I,
                )
                or EVENT.search(sent[max(0, part.start() - 30) : part.start()])
                or re.search(
                    r"\b(?:by|before|until|till)\s+(?:the\s+)?$",
                    sent[max(0, part.start() - 12) : part.start()],
                    re.I,
                )
            )
        ):
            part = None
        if part and is_soft and legs and not time_limits(sent):
            start, end = PARTS[part.group("p").lower()]
            kind = "arrive_window" if part.group("arr") or part.group("arr2") else "depart_window"
            on = None if every or len(legs) == 1 or not (back or out) else legs.index(target[0])
            intent.wishes.append(Wish(kind=kind, start=start, end=end, leg=on))
        elif part and legs and not is_soft:  # "it has to be a morning flight"
            for kind, when, piece in hard_part_of_day(sent):
                own = None if every else limit_leg(text, piece, legs, kind) or part_cue(piece, legs)
                for leg in (
                    [own] if own else target[:1] if len(target) > 1 and not back and not every else target
                ):
                    if getattr(leg, kind) is None:
                        setattr(leg, kind, when)
        if (
            legs and not part and not time_limits(sent)
        ):  # "Sun nothing crazy early pls": a wish, on its flight
            hour_wishes(sent, legs, None if every or not (back or out) else legs.index(target[0]), intent)
        own_leg = target[0] if len(target) == 1 and (back or out or named is not None) else None
        routine_times(sent, legs, None if every else own_leg, intent)  # "home in time for dinner"
        if stays:
            for name, amenity_rx in w.AMENITY_RX.items():
                for am_m in amenity_rx.finditer(sent):
                    if INDIFFERENT.search(sent[max(0, am_m.start() - 30) : am_m.start()]):
                        break  # "not fussed about a pool": neither a requirement nor a wish
                    if avoided(sent, am_m.start(), name, text) or not_asked(
                        sent, am_m.start(), am_m.end(), clauses[k + 1] if k + 1 < len(clauses) else ""
                    ):
                        continue  # "does it have a pool?", "last time the pool ...": a later mention may ask
                    if (
                        hedged_here(sent, am_m.start(), is_soft) and not only_if(sent, am_m.start())
                    ) or name in review_topics(sent):  # its quality: a wish
                        if not any(x.kind == "amenity" and x.value == name for x in intent.wishes):
                            intent.wishes.append(Wish(kind="amenity", value=name))
                    else:
                        for s in stays_for(sent, intent, am_m.start()):
                            if name not in s.amenities:
                                s.amenities.append(name)
                    break
            rm = RATING.search(sent) or RATING_PLUS.search(sent) or RATING_OUT_OF.search(sent)
            if rm:
                if is_soft:
                    intent.wishes.append(Wish(kind="hotel_rating", min=float(rm.group("r"))))
                else:
                    for s in stays:
                        s.min_rating = float(rm.group("r"))
            hood = HOOD.search(sent)
            if hood and (is_soft or AS_NEAR_AS.search(sent)):
                intent.wishes.append(Wish(kind="neighbourhood", value=hood.group("h").lower()))
            elif hood and re.search(r"\b(must|need\w*|has to|have to|only)\b", sent, re.I):
                for s in stays_for(sent, intent):
                    s.neighbourhood = hood.group("h").lower()
            for _, _, area in areas if not hood else []:
                if not any(x.kind == "neighbourhood" and x.value == area for x in intent.wishes):
                    intent.wishes.append(Wish(kind="neighbourhood", value=area))
            if level := stars_said(sent):  # a floor ("at least 4 stars") or a wish ("a 4-star")
                stars, hard, at = level
                if not hard:
                    intent.wishes.append(Wish(kind="hotel_stars", min=stars))
                for s in stays_for(sent, intent, at) if hard else []:
                    s.min_stars = stars
        if (cheap_m := re.search(
            r"\b(cheap\w*|as little as possible|budget-friendly|inexpensive|lowest price)\b", sent, re.I
        )) and not TRADED_AWAY.search(sent[: cheap_m.start()]):  # fmt: skip
            if not any(x.kind == "cheaper" for x in intent.wishes):
                intent.wishes.append(Wish(kind="cheaper"))
        if re.search(r"\bquiet\b|\blight sleeper\b", sent, re.I):
            intent.wishes.append(Wish(kind="quiet"))
        for topic in review_topics(sent) if stays else []:
            if not any(x.kind == "review" and x.value == topic for x in intent.wishes):
                intent.wishes.append(Wish(kind="review", value=topic))
    add_refused_carriers(intent, text)  # "Boreal and Kestrel are not approved carriers": every flight


_DAY_WORD = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d|\b\d{1,2}(?:st|nd|rd|th)\b|\b\d{1,2}/\d{1,2}\b"
    r"|\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|\b(?:today|tomorrow|tonight)\b",
    re.I,
)


def _in_area(areas: list[tuple[int, int, str]], m: re.Match[str], group: str | int) -> bool:
    """Whether the name ``m`` matched (its ``group``) is part of an area the clause names."""
    return any(a < m.end(group) and m.start(group) < b for a, b, _ in areas)


def _not_airline(name: str) -> bool:
    """A capitalised word that opens a hedge without naming an airline ("Breakfast would be nice")."""
    return bool(
        NOT_LEAD.match(name)
        or HOOD.match(name)
        or PLACE_NAME.search(name)
        or any(rx.match(name) for rx in w.AMENITY_RX.values())
    )
