"""The scripted model's policy on a ``TripIntent``: what to book, what to ask, what to keep or cancel.

The request, the traveller's answers and the reasons they gave when rejecting a plan are read by
``agents.intent.read_request`` against what the model legitimately knows (the clock in the system
prompt, the profile, the calendar and the bookings the traveller held before the run). This module
turns that reading into the ``Trip`` the planner ranks (legs, stays, party, rooms, money), the hard
fields still open (asked with ``ask_user``, one at a time), and the held bookings to cancel. It never
reads the words itself: a misreading is fixed in the reader, for every phrasing of its kind.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from agents.intent import (
    CalendarEntry,
    HeldBooking,
    LegIntent,
    ReadContext,
    StayIntent,
    TripIntent,
    read_request,
)
from agents.models._scripted_belief import Belief
from agents.models._scripted_plans import Leg, StaySpec

_CITY = re.compile(r"^H-([A-Z]{3})-")
# the request is about bookings the traveller already holds (their ids are known only after list_bookings)
_HELD = re.compile(
    r"\b(cancel\w*|rebook\w*|reschedul\w*|change my|move (?:everything|my|the|it|all)|pushed back|"
    r"has moved|have moved|been moved|(?:already|currently) (?:have|hold|booked)|i'm booked|i am booked|"
    r"my (?:existing|current) (?:bookings?|flights?|hotel|reservations?)|"
    # what was booked, said of it: "the hotel you booked", "leave both flights as they are", "keep the rest"
    r"(?:you|i|we) (?:booked|reserved)|as (?:they are|it is|booked)|stays? put|everything else|the rest\b|"
    r"(?:keep|leave) (?:the|my|both|our) (?:hotel|flights?|outbound|return|room)|the other (?:flight|booking)|"
    r"(?:change|swap|switch|move) (?:it|my|the) (?:\w+ )?(?:hotel|flight|return|outbound|booking))\b",
    re.I,
)
ASKABLE = ("destination", "dates", "return_date", "nights", "travelers")


def refers_to_held(text: str) -> bool:
    """Whether the words are about changing or cancelling bookings the traveller already holds."""
    return bool(_HELD.search(text))


_CALENDAR = re.compile(
    r"\b(calendar|diary|schedule|agenda)\b|\bthe (?:day|morning|night) (?:before|after) (?:my|the|our)\b",
    re.I,
)


def refers_to_calendar(text: str) -> bool:
    """Whether the words place a day by the traveller's calendar ("the day before my workshop")."""
    return bool(_CALENDAR.search(text))


def held_bookings(b: Belief) -> list[HeldBooking] | None:
    """The bookings the traveller held before the run (the first ``list_bookings``), or None when the
    model has not looked yet."""
    first = next((c for c in b.done("list_bookings") if c.ok and isinstance(c.data, dict)), None)
    if first is None:
        return None
    out = []
    for d in first.data.get("bookings", []):
        if not isinstance(d, dict) or d.get("status") == "cancelled":
            continue
        bid, kind = str(d.get("booking_id")), str(d.get("kind"))
        if kind == "flight":
            origin, _, dest = str(d.get("route", "")).partition("-")
            depart = str(d.get("depart") or "")
            day = dt.date.fromisoformat(depart[:10]) if len(depart) >= 10 else None
            out.append(
                HeldBooking(id=bid, kind="flight", origin=origin or None, destination=dest or None, date=day)
            )
        elif kind == "hotel":
            m = _CITY.match(str(d.get("hotel_id") or ""))
            city = str(d.get("city") or (m.group(1) if m else "")) or None
            ci, co = d.get("check_in"), d.get("check_out")
            out.append(
                HeldBooking(
                    id=bid,
                    kind="hotel",
                    city=city,
                    check_in=dt.date.fromisoformat(ci) if ci else None,
                    check_out=dt.date.fromisoformat(co) if co else None,
                    name=str(d.get("hotel_name") or "") or None,
                )
            )
    return out


def calendar_entries(events: list[tuple[dt.datetime, dt.datetime, str]]) -> list[CalendarEntry]:
    return [CalendarEntry(title=t, start=s, end=e) for s, e, t in events]


def read_intent(
    b: Belief,
    profile: dict[str, Any],
    calendar: list[tuple[dt.datetime, dt.datetime, str]],
    later: list[str],
) -> TripIntent:
    """The request, the traveller's answers and ``later`` words (rejection reasons), read together."""
    now = b.now or dt.datetime.combine(b.today, dt.time(9), tzinfo=dt.UTC)
    home = profile.get("home")
    ctx = ReadContext(
        now=now,
        home=str(home) if home else None,
        party=[str(p) for p in profile.get("party") or []],
        calendar=calendar_entries(calendar),
        bookings=held_bookings(b) or [],
    )
    intent = read_request("\n\n".join([b.said, *later]), ctx)
    if b.answers:
        asked = read_request(b.request, ctx)  # the days the traveller was asked about
        if "dates" in asked.unknown or dates_conflict(asked, now.date()):
            _answer_dates(intent, b.answers, ctx)
    return intent


def _answer_dates(intent: TripIntent, answers: list[str], ctx: ReadContext) -> None:
    """The traveller's answer settles days the request left open or read in conflict: the days the
    last answer that names any gives, in order, for the legs (and the stays follow them)."""
    for answer in reversed(answers):
        got = read_request(answer, ctx)
        said = [leg for leg in got.legs if leg.date or leg.earliest]  # a day, or either of two days
        days = [leg.date or leg.earliest for leg in said] or [
            d for s in got.stays for d in (s.check_in, s.check_out) if d
        ]
        if not days:
            continue
        if intent.legs:
            for k, (leg, day) in enumerate(zip(intent.legs, days, strict=False)):
                leg.date = day
                if said and k < len(said) and said[k].date is None:  # "Thursday 11th or Friday 12th"
                    leg.date, leg.earliest, leg.latest = None, said[k].earliest, said[k].latest
            for j, st in enumerate(intent.stays):
                st.check_in = intent.legs[j].date if j < len(intent.legs) else st.check_in
                st.check_out = intent.legs[j + 1].date if j + 1 < len(intent.legs) else st.check_out
        elif intent.stays and len(days) >= 2:
            intent.stays[0].check_in, intent.stays[0].check_out = days[0], days[1]
        else:
            continue
        intent.unknown = [
            u for u in intent.unknown if u != "dates" or any(leg.date is None for leg in intent.legs[:1])
        ]
        return


def dates_conflict(intent: TripIntent, today: dt.date) -> bool:
    """Whether the days read cannot all be right: a flight before the one it follows, a day already
    past, or a hotel stay of no night. Then two readings disagree and the traveller is asked."""
    days = [leg.date for leg in intent.legs if leg.date is not None]
    if any(b < a for a, b in zip(days, days[1:], strict=False)) or any(d < today for d in days):
        return True
    return any(s.check_in and s.check_out and s.check_out <= s.check_in for s in intent.stays)


def missing(intent: TripIntent, *, travellers_known: bool, today: dt.date | None = None) -> list[str]:
    """Hard fields still open that a question can settle, in the order they are asked (dates that
    conflict count as open)."""
    out: list[str] = [u for u in ASKABLE if u in intent.unknown and u != "travelers"]
    if today is not None and "dates" not in out and dates_conflict(intent, today):
        out.insert(0, "dates")
    if intent.shape in ("change", "cancel_only"):  # a cancellation needs no day; a rebooking does
        out = [u for u in out if u != "dates" or not intent.cancel or _undated_leg(intent)]
    if not travellers_known:
        out.append("travelers")
    return out


def _undated_leg(intent: TripIntent) -> bool:
    """A flight to book (a held one moved, "move my return to later") whose new day no word gives."""
    return any(leg.date is None and leg.earliest is None and leg.arrive_on is None for leg in intent.legs)


def question(topic: str, intent: TripIntent, names: dict[str, str]) -> str:
    """One clarifying question about one open field."""
    dest = next((leg.destination for leg in intent.legs if leg.destination), None) or next(
        (s.city for s in intent.stays if s.city), None
    )
    if topic == "destination":
        text = "where would you like to go (which city)"
    elif topic == "dates":
        where = f" for {names.get(dest, dest)}" if dest else ""
        if intent.shape == "hotel_only":
            text = (
                f"which nights do you need the hotel{where}: when do you check in and when do you check out"
            )
        else:
            text = f"which dates should I book: when do you want to leave{where} and when will you fly back"
    elif topic == "return_date":
        text = "when do you want to fly back (your return date)"
    elif topic == "nights":
        text = "how many nights do you need the hotel for"
    else:
        text = "how many people are travelling (is anyone coming with you)"
    return f"Before I book anything, could you tell me {text}?"


def narrower(topic: str, intent: TripIntent, names: dict[str, str]) -> str:
    """The follow-up when an answer left ``topic`` open: the same field asked more narrowly (the part
    still open and the form that settles it), never the same question again."""
    dest = next((leg.destination for leg in intent.legs if leg.destination), None) or next(
        (s.city for s in intent.stays if s.city), None
    )
    where = f" in {names.get(dest, dest)}" if dest else ""
    if topic == "destination":
        text = "the name of the city you are going to"  # "Sorry, I still need the name of the city ..."
    elif topic == "dates" and intent.shape == "hotel_only":
        text = f"the date of your first night{where} and the date you check out (day and month)"
    elif topic == "dates":
        text = "the date you fly out and the date you fly back (day and month)"
    elif topic == "return_date":
        text = "the date you fly back (day and month)"
    elif topic == "nights":
        text = f"to know how many nights you need the hotel{where} for (just the number)"
    else:
        text = "to know how many people are travelling, counting yourself"
    return f"Sorry, I still need {text}: could you give me that?"


def legs_and_stays(
    intent: TripIntent, home: str | None, held: list[HeldBooking], default_nights: int | None
) -> tuple[list[Leg], list[StaySpec]]:
    """The flights to search and the hotel stays to fill, from the intent: a stay after a leg that
    lands in its city takes its nights from the flights; any other stay has its own dates."""
    legs: list[Leg] = []
    for li in intent.legs:
        origin = li.origin or (home if not legs else legs[-1].destination)
        day, window = li.date or li.earliest, window_days(li)
        if day is None and li.arrive_on is not None:  # "I have to land on Sunday the 7th": it leaves that day
            day, window = (
                li.arrive_on - dt.timedelta(days=1),
                (li.arrive_on,),
            )  # or the one before (overnight)
        if not origin or not li.destination or day is None:
            break
        legs.append(Leg(origin, li.destination, day, window))
    stays: list[StaySpec] = []
    wanted = list(intent.stays)
    if intent.shape == "change":  # a held hotel that is cancelled moves with the flights
        for bk in held:
            if bk.kind == "hotel" and bk.id in intent.cancel and not any(s.city == bk.city for s in wanted):
                wanted.append(StayIntent(city=bk.city))
    used: set[int] = set()
    for s in wanted:
        if not s.city:
            continue
        i = next(
            (
                k
                for k, leg in enumerate(legs)
                if leg.destination == s.city
                and k not in used
                and (s.check_in is None or leg.date <= s.check_in)
                # a stay that starts days after the flight lands keeps its own nights ("one night after
                # the summit finishes"), when they are nights: else it follows the flight in
                and not _own_nights(s, leg.date)
            ),
            None,
        )
        if i is not None and _leaves_early(intent, s, legs, i):  # "drive on to Miami on the Sunday"
            i = None
        if i is not None:
            used.add(i)
            nights = (s.check_out - s.check_in).days if s.check_in and s.check_out else None
            if i < len(legs) - 1:
                stays.append(StaySpec(s.city, i))
            else:
                stays.append(StaySpec(s.city, i, nights or s.nights or default_nights or 1))
        elif s.check_in is not None:
            out = s.check_out or s.check_in + dt.timedelta(days=s.nights or default_nights or 1)
            stays.append(StaySpec(s.city, -1, (out - s.check_in).days, check_in=s.check_in, check_out=out))
    return legs, stays


def _own_nights(s: StayIntent, lands: dt.date) -> bool:
    """A stay whose own nights start days after its flight leaves (more than a red-eye's next day)."""
    return (
        s.check_in is not None
        and s.check_out is not None
        and s.check_out > s.check_in > lands + dt.timedelta(days=1)
    )


#: The most days of a window searched beyond its first ("any day that week" is asked, not searched).
WINDOW_DAYS = 3


def window_days(li: LegIntent) -> tuple[dt.date, ...]:
    """A leg's window of days after its first, when the words give either of several days and no one
    day ("Thursday 28th or Friday 29th"): each may fly, so each is searched."""
    if li.date is not None or li.earliest is None or li.latest is None or li.latest <= li.earliest:
        return ()
    span = (li.latest - li.earliest).days
    if span > WINDOW_DAYS:
        return ()
    return tuple(li.earliest + dt.timedelta(days=k) for k in range(1, span + 1))


def _leaves_early(intent: TripIntent, s: StayIntent, legs: list[Leg], i: int) -> bool:
    """A stop of a chain left by road before the next flight: its stay ends on its own day, not the
    flight's, so it keeps its own dates."""
    return (
        intent.shape == "multi_city"
        and i < len(legs) - 1
        and s.check_in is not None
        and s.check_out is not None
        and s.check_out < legs[i + 1].date
    )


def shift_legs(intent: TripIntent, shift: Any, reasons: list[str]) -> None:
    """Move travel days as a refusal asks ("leave a day later"): ``shift(reason, dates)`` says how."""
    days = [leg.date for leg in intent.legs]
    if not days or None in days:
        return
    moved = list(days)
    for reason in reasons:
        moved = shift(reason, moved)
    if moved == days:
        return
    for leg, day in zip(intent.legs, moved, strict=True):
        leg.date = day
    for s in intent.stays:  # the nights follow the flights
        s.check_in = s.check_out = None


def perturb_date(intent: TripIntent) -> None:
    """The noisy model's ``wrong_date``: the first travel day read as the day after."""
    if intent.legs and intent.legs[0].date is not None:
        intent.legs[0].date += dt.timedelta(days=1)
    elif intent.stays and intent.stays[0].check_in is not None:
        intent.stays[0].check_in += dt.timedelta(days=1)
