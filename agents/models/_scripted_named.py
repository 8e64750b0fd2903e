"""What a refusal names of the plan it turned down, as the search results spell it.

Whoever rejects a plan and names one of its flights (by id or number) or hotels (by id or name) is
objecting to that item, whatever words surround it: "BQ105 is out", "the Heron Palace won't do". An
airline as the results call it, and an amenity every hotel of the plan has, count only where what is
said of them has a no ("you booked me on Boreal, which I never fly"): they are named as often to ask
for them ("put me on Meridian Vale"). The plan's own area counts when another area is named beside
it. Only the items of the rejected plan count (a name the plan does not hold is a wish, read
elsewhere), and a name in a clause that approves of it ("the Kestrel flight home is fine") or as the
yardstick of a comparison ("cheaper than AX100") is kept.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any, Literal

from agents.models._scripted_lexicon import AMENITIES
from agents.models._scripted_options import FlightOpt, HotelOpt
from agents.models._scripted_prefs import _clause_at, _name_re, clause_start, name_weight
from agents.models._scripted_times import NEG, sentences

#: a clause that approves of what it names: "X is fine", "keep X", "happy with X"
_APPROVES = re.compile(
    r"\b(?:keep|fine|good|great|ok|okay|happy|love|like|perfect|works?|suits?|ideal|lovely)\b", re.I
)
_NEGATED = re.compile(rf"\b{NEG}\b|n't\b", re.I)
#: words that say no to what they stand with ("refuses to fly", "won't work for us", "no thanks")
_AGAINST = re.compile(rf"{_NEGATED.pattern}|\brefus\w*", re.I)
#: the yardstick of a comparison: "cheaper than AX100"
_COMPARED = re.compile(r"\bthan\s+(?:the\s+)?$", re.I)
_AIRLINE_SUFFIX = re.compile(r"\s+(?:air|airlines?|airways)$", re.I)
#: what a code or name in a refusal reads as with the trip's words: no kind of thing ("that flight is
#: booked" would read as a flight the traveller holds)
_PLAIN = "that one"


@dataclass
class Objections:
    """The items, airlines and areas of a rejected plan its reason names (not approvingly)."""

    ids: set[str] = field(default_factory=set)
    airlines: set[str] = field(default_factory=set)  # airline codes
    hoods: set[str] = field(default_factory=set)  # areas of the plan's hotels the reason objects to
    wanted_hoods: set[str] = field(default_factory=set)  # other areas it names instead
    amenities: set[str] = field(
        default_factory=set
    )  # what the plan's hotels have and the words did not ask for


def _pattern(token: str) -> str:
    """A catalog id or flight number as a whole token; a name as ``_name_re`` spells it."""
    if re.fullmatch(r"[A-Za-z0-9-]+", token) and re.search(r"\d", token):
        return rf"(?<![\w]){re.escape(token)}(?![\w])"
    return r"\b" + _name_re(token)


def objected(reason: str, token: str, *, against: Literal["clause", "sentence"] | None = None) -> bool:
    """``reason`` names ``token``, and not in a clause that approves of it nor as the yardstick of a
    comparison ("cheaper than AX100"). With ``against``, only where what is said of it also says no
    to it: ``"clause"``, its clause up to the next "but" (``_said_of``); ``"sentence"``, its sentence
    ("all that spa stuff, no thanks"). An airline or an amenity is named as often to ask for it ("put
    me on Meridian Vale", "we need parking") as to refuse it."""
    if len(token.strip()) < 3:
        return False
    pat = re.compile(_pattern(token), re.I)
    found = False
    for sent in sentences(reason):
        for m in pat.finditer(sent):
            clause = _clause_at(sent, m.start())
            if _APPROVES.search(clause) and not _NEGATED.search(clause):
                return False
            if _COMPARED.search(sent[: m.start()]):
                continue
            if against and not _AGAINST.search(sent if against == "sentence" else _said_of(sent, m)):
                continue
            found = True
    return found


def _said_of(sent: str, m: re.Match[str]) -> str:
    """What a sentence says of the name at ``m``: from the start of its clause to the next "but"
    ("You booked me on Boreal Airways, which I never fly"; not "We'll take whatever Boreal has, but
    the hotel must not allow dogs")."""
    start = clause_start(sent, m.start())
    stop = re.search(r"\bbut\b", sent[m.end() :])
    return sent[start : m.end() + (stop.start() if stop else len(sent))]


def _airline_names(f: FlightOpt) -> list[str]:
    return _airline_names_of(f.airline_name)


def objections(
    reason: str, flights: list[FlightOpt], hotels: list[HotelOpt], hoods: set[str], asked: str = ""
) -> Objections:
    """What ``reason`` objects to in a plan of ``flights`` and ``hotels``; ``hoods`` are the areas the
    search results name (an area the plan is not in, named beside the plan's own, is the one wanted:
    "in Opera, not Montmartre"); ``asked``, the request's words (an amenity they ask for is no fault)."""
    out = Objections(amenities=objected_amenities(reason, hotels, asked))
    for f in flights:
        if objected(reason, f.id) or objected(reason, f.number):
            out.ids.add(f.id)
        if any(objected(reason, n, against="clause") for n in _airline_names(f)):
            out.airlines.add(f.airline or f.airline_name)
    for h in hotels:
        if objected(reason, h.id) or objected(reason, h.name):
            out.ids.add(h.id)
    plan_hoods = {h.hood for h in hotels if h.hood}
    said = {x for x in hoods if x and name_weight(reason, x) != 0}
    if said - plan_hoods:  # the plan's own area beside another: the plan's is the fault
        out.hoods = {x for x in said & plan_hoods if objected(reason, x)}
        # "Opera, not Montmartre" says what the plan is and not; "not Old Fourth Ward, not Midtown
        # either - Buckhead please" rules both out: a "no" before another area counts only then
        denied = any(_ruled_out(reason, x) for x in said & plan_hoods)
        others = {x for x in said - plan_hoods if not (denied and _ruled_out(reason, x))}
        out.wanted_hoods = others if out.hoods else set()
    return out


#: where a clause starts, looking back from a name: "not Midtown either - Buckhead please"
_CLAUSE_START = re.compile(r"[,;:\-–—]|\b(?:but|and)\b", re.I)


def _ruled_out(reason: str, name: str) -> bool:
    """Some mention of ``name`` has a "no" before it in its own clause ("Not Old Fourth Ward, not
    Midtown either - Buckhead please": Midtown is ruled out, Buckhead is not)."""
    for m in re.finditer(r"\b" + _name_re(name), reason, re.I):
        before = reason[max(0, m.start() - 40) : m.start()]
        cut = list(_CLAUSE_START.finditer(before))
        if _NEGATED.search(before[cut[-1].end() :] if cut else before):
            return True
    return False


def catalog_names(results: list[dict[str, Any]]) -> dict[str, str]:
    """The catalog's codes in search results (flight ids and numbers, hotel ids) -> plain words."""
    out: dict[str, str] = {}
    for data in results:
        for f in data.get("flights") or []:
            for key in ("flight_id", "flight_number"):
                if f.get(key):
                    out[str(f[key])] = _PLAIN
        for h in data.get("hotels") or []:
            if h.get("hotel_id"):
                out[str(h["hotel_id"])] = _PLAIN
    return out


def masked(text: str, codes: dict[str, str]) -> str:
    """``text`` with every catalog code in plain words, so a reader of the trip's words does not take
    "BQ105" for $105 or "H-PDX-07" for a date: which item a refusal names is read by ``objections``."""
    for code in sorted(codes, key=len, reverse=True):
        text = re.sub(_pattern(code), codes[code], text, flags=re.I)
    return text


def plan_names(
    items: list[dict[str, Any]], results: list[dict[str, Any]], reason: str = "", asked: str = ""
) -> dict[str, str]:
    """The names of a plan's hotels, and of its flights' airlines and its hotels' amenities that
    ``reason`` says no to (``objected``, ``objected_amenities``) -> plain words: in a refusal of that
    plan they name what it objects to (``objections``), not a wish for the trip."""
    ids = {str(it.get("id")) for it in items}
    out: dict[str, str] = {}
    hotels = [h for data in results for h in data.get("hotels") or [] if str(h.get("hotel_id")) in ids]
    have = [
        HotelOpt.read(h, dt.date.min, dt.date.min, 1)
        for h in {str(h["hotel_id"]): h for h in hotels}.values()
    ]
    for a in objected_amenities(reason, have, asked):
        out.update({p: _PLAIN for p in _phrases(a)})
    for it in items:
        name = str((it.get("details") or {}).get("name") or "")
        if it.get("kind") == "hotel" and len(name) >= 3:
            out[name] = _PLAIN
    for data in results:
        for f in data.get("flights") or []:
            if str(f.get("flight_id")) in ids and f.get("airline_name"):
                for n in _airline_names_of(str(f["airline_name"])):
                    if objected(reason, n, against="clause"):  # "put me on Meridian Vale" stays a wish
                        out[n] = _PLAIN
    return out


def _airline_names_of(name: str) -> list[str]:
    short = _AIRLINE_SUFFIX.sub("", name.strip())
    return [n for n in (name.strip(), short if short != name.strip() and len(short) >= 4 else "") if n]


def _phrases(amenity: str) -> tuple[str, ...]:
    return AMENITIES.get(amenity, (amenity.replace("-", " "),))


def objected_amenities(reason: str, hotels: list[HotelOpt], asked: str) -> set[str]:
    """What every one of the plan's hotels has, ``reason`` names and the request did not ask for:
    "a pet-friendly hotel the traveller cannot use", "all that spa stuff, no thanks"."""
    if not hotels:
        return set()
    have = set.intersection(*(set(h.amenities) for h in hotels))
    return {
        a
        for a in have
        if any(objected(reason, p, against="sentence") and not _its_own(reason, p) for p in _phrases(a))
        and not any(re.search(_pattern(p), asked, re.I) for p in _phrases(a))
    }


#: the hotel's own facility, not the amenity as a kind: "the breakfast there was cold", "their pool"
_ITS_OWN = re.compile(r"\b(?:the|its|their|his|her|your)\s+$", re.I)


def _its_own(reason: str, phrase: str) -> bool:
    """Every mention of ``phrase`` in ``reason`` is of one hotel's own facility ("the spa was shut")."""
    found = list(re.finditer(rf"\b{re.escape(phrase)}\b", reason, re.I))
    return bool(found) and all(_ITS_OWN.search(reason[max(0, m.start() - 8) : m.start()]) for m in found)
