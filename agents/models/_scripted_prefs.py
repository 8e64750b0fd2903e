"""Soft preferences and hard wishes in a traveller's words: flights, hotels and money.

``parse_prefs(text, route)`` reads what a traveller says they want (non-stop, times of day per leg,
cabin, stars, amenities, reviews, refundable, cheapest) into ``Prefs``; words like "most of all" or
"comes first" double a wish's weight. Names only tool results reveal (airlines, neighbourhoods,
hotels) are weighed later with ``name_weight`` against the same text.
"""

from __future__ import annotations

import functools
import re
import sys
from dataclasses import dataclass, field

from agents.intent._avoided import avoided
from agents.intent._limits import CONCEDE
from agents.intent._refund import EVERYDAY_REFUND
from agents.intent._reviews import review_topics
from agents.intent._stars import level_said
from agents.intent._text import soft
from agents.models import _scripted_extremes, _scripted_times
from agents.models._scripted_extremes import extremes
from agents.models._scripted_lexicon import AMENITIES, DAYPARTS, NUMBER_WORDS, number
from agents.models._scripted_respell import respell, vocabulary
from agents.models._scripted_times import (
    DAY,
    EMPHASIS,
    LAST,
    NEG,
    Window,
    leg_of,
    sentences,
    windows,
)
from agents.models._scripted_tradeoffs import weight_at

__all__ = ["DAY", "LAST", "Prefs", "Window", "name_weight", "parse_prefs", "sentences"]


@dataclass
class Prefs:
    nonstop: float = 0.0
    nonstop_dollars: float | None = None  # "I'll pay up to $150 more per flight to fly non-stop"
    hard_nonstop: bool = False
    max_stops: int | None = None
    no_overnight: bool = False
    overnight: dict[int, float] = field(default_factory=dict)  # leg -> weight ("the overnight flight out")
    same_day: set[int] = field(default_factory=set)  # legs that must land the day they leave
    windows: list[Window] = field(default_factory=list)
    extremes: list[Window] = field(default_factory=list)  # "the first flight out", "the last flight home"
    cabin: str | None = None
    stars: int | None = None
    stars_weight: float = 1.0
    amenities: dict[str, float] = field(default_factory=dict)
    rating: float | None = None
    rating_weight: float = 1.0
    rating_said: bool = False  # the floor is read from words ("good reviews"), no number was given
    refundable: float = 0.0
    refundable_only: set[str] = field(default_factory=set)  # "flight" and/or "hotel"
    quiet: bool = False  # the hotel must be quiet (read the reviews)
    reviews: dict[str, float] = field(default_factory=dict)  # review topic -> weight ("spotless": clean)
    rating_best: bool = False  # "the best-reviewed hotel": the higher the rating the better
    cheap: float = 0.2
    location_first: bool = False
    hood_scale: float = 1.0  # "close matters more": x2, "the area is secondary": x0.5
    text: str = ""  # where airline, neighbourhood and hotel names are looked up

    def describe(self) -> list[str]:
        out = []
        if self.nonstop or self.hard_nonstop:
            out.append("non-stop" + (" only" if self.hard_nonstop else ""))
        if self.no_overnight:
            out.append("no overnight flights")
        for w in self.windows:
            which = {None: "", 0: " (outbound)", LAST: " (return)"}.get(w.leg, f" (leg {w.leg})")
            word = "not " if w.weight < 0 else ""
            out.append(f"{word}{w.kind} {_hhmm(w.start)}-{_hhmm(w.end)}{which}")
        for x in self.extremes:
            which = {None: "", 0: " out", LAST: " back"}.get(x.leg, f" (leg {x.leg})")
            out.append(f"the {'first' if x.kind == 'earliest' else 'last'} flight{which}")
        if self.cabin:
            out.append(f"{self.cabin} cabin")
        if self.stars:
            out.append(f"{self.stars}+ stars")
        out += list(self.amenities)
        if self.rating:
            out.append(f"rating {self.rating:g}+")
        if self.refundable or self.refundable_only:
            out.append(
                "refundable"
                + (f" ({'/'.join(sorted(self.refundable_only))} must be)" if self.refundable_only else "")
            )
        if self.quiet:
            out.append("quiet hotel")
        out += [f"reviews: {t}" for t in self.reviews if t != "quiet"]
        if self.rating_best:
            out.append("the best rating")
        if self.cheap > 0.2:
            out.append("lower price")
        return out


def _hhmm(m: int) -> str:
    return f"{m // 60:02d}:{m % 60:02d}"


_NONSTOP = re.compile(
    r"\bnon[\s-]?stops?\b|\bdirect( flights?)?\b|\bno (stops|layovers?|connections?)\b"
    # "I'd rather not have a layover", "prefer not to change planes": a wish to fly non-stop
    r"|\b(?:rather not|prefer not to|don't want to|do not want to)\s+(?:have|make|do|sit through)\s+(?:a|any)\s+"
    r"(?:layovers?|connections?|stops?|stopovers?)\b|\bfew(?:er|est) (?:stops|connections|layovers)\b",
    re.I,
)
_HARD_NONSTOP = re.compile(
    r"\b(only|must be|has to be|have to be|need)\s+(non[\s-]?stop|direct)|\b(non[\s-]?stop|direct)( flights?)? only\b|\bno (stops|layovers?|connections?)\b",
    re.I,
)
_OVERNIGHT_NO = re.compile(
    rf"\b(?:{NEG}|can't|cannot|can not|couldn't)\b(?:\s+\w+){{0,2}}?\s+(overnight|red[\s-]?eyes?|night flights?)\b"
    r"|\b(overnight|red[\s-]?eye) flights?,? (please )?no\b|\bcan't sleep on (planes|flights)\b"
    r"|\b(nothing|no flights?|not) (that )?lands? after midnight\b",
    re.I,
)
_OVERNIGHT_YES = re.compile(r"\b(the|an|a) (overnight|red[\s-]?eye)( flight)?\b", re.I)
_SAME_DAY = re.compile(
    r"\b(?:arriv\w*|land\w*|get\w* there) (?:that|the same) (day|morning|afternoon|evening)\b|\bsame[\s-]day arrival\b",
    re.I,
)
_MAX_STOPS = re.compile(
    rf"\b(?:one|1) (?:connection|stop|change) is (?:fine|ok|okay)|\b(?:at most|max(?:imum)?|no more than|up to) (one|1|two|2|{NUMBER_WORDS}) (?:stops?|connections?|changes?)",
    re.I,
)
_RATING_WORDS = re.compile(
    r"\b(well[\s-]reviewed|(?:really |very )?good reviews|great reviews|excellent reviews|highly[\s-]rated|well[\s-]rated|top[\s-]rated|good ratings?|great ratings?)\b",
    re.I,
)
#: A floor said plainly, or as reviews refused: "somewhere decently reviewed", "decent reviews",
#: "nothing with awful reviews", "don't put me anywhere with bad reviews", "not badly rated": a rating of 6 or more (no more than that is asked).
_RATING_DECENT = re.compile(
    r"\b(?:decent(?:ly)?|ok|okay|reasonabl[ey]|half-?decent)[\s-](?:reviewed|rated|reviews?|ratings?)\b"
    r"|\b(?:nothing|no(?:where)?|not|don't|do not|avoid\w*|never)\b[^.;!?\n]{0,30}?\b(?:awful|bad|terrible|horrible|poor|dreadful|lousy|"
    r"awfully|badly|terribly|poorly)[\s-](?:reviews?|ratings?|reviewed|rated)\b",
    re.I,
)
_RATING_BEST = re.compile(
    r"\b(best|highest|top)[\s-](?:reviewed|rated)\b|\b(?:the )?(best|highest|top) (?:reviews|ratings?|rated)\b"
    r"|\b(best|highest)[\s-]scoring\b",
    re.I,
)
_RATING_NUM = re.compile(
    r"\b(?:rat(?:ed|ing)|reviews?|scores?)\s+(?:of\s+)?(?:at least\s+|above\s+|over\s+)?(\d+(?:\.\d)?)(?!\s*(?:stars?|nights?|\$|%))",
    re.I,
)
_REFUND = re.compile(
    r"(?<!non-)(?<!non )\b(refundable|free cancell?ation|free to cancel|cancel\b[^.]{0,24}\b(for free|without paying)|flexible (?:booking|ticket|fare)s?"
    r"|cancell?able|cancel\w* without (?:a |any )?(?:penalty|fee|charge)|no cancell?ation (?:fee|penalty|charge)s?)\b",
    re.I,
)
_REFUND_HARD = re.compile(
    r"\b(must|only|need|has to|have to)\b[^.]{0,25}\b(refundable|free cancell?ation|free to cancel|cancel\b[^.]{0,24}\b(for free|without paying))",
    re.I,
)
_HOTEL_WORD = re.compile(r"\b(hotel|hotels|room|rate|stay)\b", re.I)
_FLIGHT_WORD = re.compile(r"\b(flight|flights|fare|fares|ticket|tickets)\b", re.I)
_MONEY = re.compile(
    r"\$\s?(\d[\d,]*(?:\.\d+)?)\s*(k\b)?|\b(\d[\d,]*(?:\.\d+)?)\s*(?:dollars|usd|bucks)\b", re.I
)
_QUIET = re.compile(r"\b(quiet|light sleeper|noise|noisy|peaceful|sleep)\b", re.I)
_CHEAP = re.compile(
    r"\b(cheapest|as cheap as|cheap|lowest (?:price|fare|cost)|budget comes first|money is (?:very |really )?tight|shoestring|inexpensive|save money|price matters|cost matters)\b",
    re.I,
)
#: Words just before an amenity that say it is not wanted ("no need for a gym", "don't care about a pool").
_UNWANTED = re.compile(
    r"\b(?:no need for|(?:don't|do not|won't|wouldn't) need|not (?:fussed|bothered) (?:about|by)|"
    r"(?:don't|do not) (?:care|mind) (?:about|for)|(?:doesn't|does not) (?:matter|need)|no|without|skip)"
    r"(?:\s+(?:a|an|the|any|on-?site|in-?house|hotel|fancy))*\s*$",
    re.I,
)
#: An amenity wanted only if the hotel happens to have it: "a gym if there's one", "a pool if available".
_IF_ANY = re.compile(
    r"\bif (?:there(?:'s| is) (?:one|any)|they(?:'ve got| have| do| offer) (?:one|it|any)|(?:it's |one is )?available)\b",
    re.I,
)
#: A wish said as an extra: "a gym is a bonus", "nice to have", "a plus", "icing on the cake", or a treat
#: for a companion rather than the traveller's own want ("a pool would make Leo's weekend", "the kids
#: would love a pool"). It weighs half a wish said plainly, so a plain wish wins a tie against it.
_BONUS = re.compile(
    r"\bbonus\b|\ba plus\b|\bnice[\s-]to[\s-]have\b|\bicing on the cake\b|\bwould be (?:a |an )?(?:nice )?(?:extra|treat|perk)\b"
    r"|\bwould make (?:his|her|their|the kids'?|(?:the|my|our) (?:boy|girl|son|daughter|children|wife|husband|partner)'s|(?-i:[A-Z][a-z]+)'s) (?:day|week|weekend|trip|stay|holiday)\b"
    r"|\b(?:the kids?|the children|my (?:son|daughter|kids|boy|girl)) would (?:love|enjoy)\b",
    re.I,
)


def _bonus(clause: str) -> float:
    """0.5 for a wish said as an extra (``_BONUS``), else 1."""
    return 0.5 if _BONUS.search(clause) else 1.0


_NOT_AMENITY = re.compile(r"\s+(meeting|with|at|event)\b")


def hedged(sent: str) -> bool:
    """The sentence asks for a wish, not a requirement: a hedge ("would be nice"), or a requirement
    taken back after "but" ("but isn't a must")."""
    return soft(sent) or any(CONCEDE.match(part) for part in re.split(r"\bbut\b", sent)[1:])


def _cabin(text: str) -> str | None:
    t = text.lower()
    if re.search(r"\bpremium( economy)?\b", t):
        return "premium"
    if re.search(r"\b(business[\s-]class|in business|fly business|first[\s-]class)\b", t):
        return "business"
    if re.search(r"\b(economy|coach)\b", t):
        return "economy"
    return None


def clause_start(sentence: str, pos: int) -> int:
    """Where the clause that holds ``pos`` starts: after the last comma, semicolon, "and" or "but"."""
    return max((m.end() for m in re.finditer(r"[,;]|\band\b|\bbut\b", sentence[:pos])), default=0)


def _clause_at(sentence: str, pos: int) -> str:
    """The clause around ``pos``; a lead-in before a colon is part of it ("What matters most to me: a
    5-star hotel", "Top priority: a pool"), so its emphasis weighs what follows."""
    start = clause_start(sentence, pos)
    nxt = re.search(r"[,;:]|\bbut\b", sentence[pos:])
    return sentence[start : pos + (nxt.start() if nxt else len(sentence))]


def _hotel_bits(p: Prefs, sent: str, weight: float, whole: str = "") -> None:
    # the reader's star level ("4 or 5 stars": 4); one refused ("not a 1-star dump") is no wish here
    if (lv := level_said(sent)) and not lv.negated:
        p.stars = lv.stars
        clause = _clause_at(sent, lv.start)
        p.stars_weight = weight * weight_at(sent, lv.start, clause) * _bonus(clause)
    for name, words in AMENITIES.items():
        for w in words:
            m = re.search(rf"\b{re.escape(w)}\b", sent, re.I)
            if m and not _NOT_AMENITY.match(sent[m.end() :]) and not _UNWANTED.search(sent[: m.start()]):
                clause = _clause_at(sent, m.start())
                # "a gym if there's one": a tie-breaker, worth half a wish said outright
                half = 0.5 if _IF_ANY.search(clause) else _bonus(clause)
                p.amenities[name] = weight * weight_at(sent, m.start(), clause) * half
                if avoided(
                    sent, m.start(), name, whole
                ):  # "one that doesn't take pets": what to stay away from
                    p.amenities[name] = -abs(p.amenities[name])
                break
    if best := _RATING_BEST.search(sent):  # "the best-reviewed hotel": the higher the better
        p.rating_best = True
        p.rating_weight = weight * weight_at(sent, best.start(), _clause_at(sent, best.start()))
    for topic, at in review_topics(sent, at=True):  # "spotless", "friendly staff": what the reviews say
        p.reviews[topic] = max(p.reviews.get(topic, 0.0), weight * weight_at(sent, at, sent))
    m = _RATING_NUM.search(sent) or _RATING_WORDS.search(sent)
    if m is None and (d := _RATING_DECENT.search(sent)):
        p.rating = max(p.rating or 0.0, 6.0)
        p.rating_said = True
        p.rating_weight = weight * weight_at(sent, d.start(), _clause_at(sent, d.start()))
    if m:
        p.rating = float(m.group(1)) if m.re is _RATING_NUM else max(p.rating or 0.0, 8.0)
        p.rating_said = m.re is not _RATING_NUM
        clause = _clause_at(sent, m.start())
        p.rating_weight = weight * weight_at(sent, m.start(), clause) * _bonus(clause)


def _money_bits(p: Prefs, sent: str) -> None:
    """What money buys that the intent has no field for: the price of the non-stop wish ("$150 more
    per flight to fly non-stop"). A cap on the whole stay ("the hotel can't go over $1,200") is the
    intent's (``StayIntent.max_total``)."""
    for m in _MONEY.finditer(sent):
        amount = float((m.group(1) or m.group(3)).replace(",", "")) * (1000 if m.group(2) else 1)
        after = sent[m.end() : m.end() + 24].lower()
        before = sent[max(0, m.start() - 24) : m.start()].lower()
        if re.match(r"\s*(a|per|each|/)\s*(night|room)", after):
            continue  # a nightly cap: the intent's max_nightly
        extra = re.search(r"\b(extra|additional|another)\s*$", before)  # "worth an extra $50 to me"
        if (
            extra or re.match(r"\s*(more|extra|per (flight|leg|ticket|way)|each)\b", after)
        ) and _NONSTOP.search(sent):
            p.nonstop_dollars = amount


@functools.cache
def _wish_words() -> frozenset[str]:
    """The words a slip is put back to (``_scripted_respell``): those of the wish rules here, of the
    time rules and of the sliding wishes, and the amenities' names."""
    names = [n for ns in AMENITIES.values() for n in ns]
    return vocabulary((sys.modules[__name__], _scripted_times, _scripted_extremes), names)


def parse_prefs(
    text: str, route: tuple[str | None, list[str]], weight: float = 1.0, into: Prefs | None = None
) -> Prefs:
    """The wishes stated in ``text`` (added to ``into`` when given), each weighing ``weight``."""
    p = into or Prefs()
    p.text = f"{p.text}\n{text}".strip()
    for sent in sentences(respell(text, _wish_words())):  # "the most importnat thing": a slip in a wish word
        if (ns := _NONSTOP.search(sent)) and not re.search(
            rf"\b{NEG}\s+(?:need\s+)?(?:a\s+)?(non[\s-]?stop|direct)", sent, re.I
        ):
            p.nonstop = max(p.nonstop, weight * weight_at(sent, ns.start(), sent))
        p.hard_nonstop = p.hard_nonstop or bool(_HARD_NONSTOP.search(sent))
        p.no_overnight = p.no_overnight or bool(_OVERNIGHT_NO.search(sent))
        if (m := _OVERNIGHT_YES.search(sent)) and not p.no_overnight:
            p.overnight[leg_of(sent[: m.end()], m.start(), route) or 0] = weight
        if m := _SAME_DAY.search(sent):
            leg = leg_of(sent[: m.start()], m.start(), route) or 0
            if hedged(sent):  # "landing the same day would be nice but isn't a must": a wish
                p.overnight.setdefault(leg, -weight)
            else:
                p.same_day.add(leg)
            if m.group(1) and m.group(1).lower() != "day":
                start, end = DAYPARTS[m.group(1).lower()]
                p.windows.append(Window("arrive", start, end, leg, weight))
        if m := _MAX_STOPS.search(sent):
            p.max_stops = number(m.group(1) or "one")
        p.windows += windows(sent, weight, route)
        for x in extremes(
            sent, weight, route
        ):  # "the first flight out, as much time there as possible": once
            if not any((y.kind, y.leg) == (x.kind, x.leg) for y in p.extremes):
                p.extremes.append(x)
        _hotel_bits(p, sent, weight, p.text)
        if re.search(r"\b(location|neighbou?rhood|area)\b", sent, re.I) and EMPHASIS.search(sent):
            p.location_first = True
        if rf := _REFUND.search(sent) or EVERYDAY_REFUND.search(sent):
            p.refundable = max(p.refundable, weight * weight_at(sent, rf.start(), sent))
        if _REFUND_HARD.search(sent):
            hotel, flight = bool(_HOTEL_WORD.search(sent)), bool(_FLIGHT_WORD.search(sent))
            p.refundable_only |= (
                {"hotel"}
                if hotel and not flight
                else {"flight"}
                if flight and not hotel
                else {"hotel", "flight"}
            )
        p.quiet = p.quiet or bool(_QUIET.search(sent) and _HOTEL_WORD.search(sent))
        if (q := _QUIET.search(sent)) and (
            _HOTEL_WORD.search(sent) or re.search(r"\blight sleeper\b", sent, re.I)
        ):
            p.reviews["quiet"] = max(p.reviews.get("quiet", 0.0), weight * weight_at(sent, q.start(), sent))
        if _CHEAP.search(sent):
            p.cheap = max(p.cheap, 1.0)
        _money_bits(p, sent)
    p.cabin = _cabin(text) or p.cabin
    return p


#: Nearness said with a negation ("not far from", "nothing too far from"): a wish to be near, no avoidance.
_NEAR = re.compile(r"\b(?:not|nothing|no)\s+(?:too\s+|that\s+|so\s+|very\s+)?far\s+(?:away\s+)?from\b", re.I)
#: "anywhere but X", "any airline but X": everything except what follows.
_ALL_BUT = re.compile(r"\b(?:anywhere|anything|everywhere|any\s+\w+)\s+but\s+(?:the\s+)?$", re.I)


#: a street type as people shorten it in a place's name: "Rainey St", "5th Ave"
_STREET = {"street": "st", "avenue": "ave", "road": "rd", "square": "sq", "boulevard": "blvd"}


def _name_re(name: str) -> str:
    core = re.sub(r"^the\s+", "", name.strip(), flags=re.I)

    def word(w: str) -> str:
        short = _STREET.get(w.lower())
        return f"(?:{re.escape(w)}|{short}\\.?)" if short else re.escape(w)

    return r"(?:the\s+)?" + r"[\s-]+".join(word(w) for w in core.split()) + r"\b"


@functools.lru_cache(maxsize=16384)
def name_weight(text: str, name: str) -> float:
    """How much ``text`` asks for ``name``: 0 not named, negative when avoided, doubled when stressed."""
    if not name.strip():
        return 0.0
    best = 0.0
    for sent in sentences(text):
        m = re.search(r"\b" + _name_re(name), sent, re.I)
        if m is None:
            continue
        clause = _NEAR.sub(" near ", _clause_at(sent, m.start()))  # "not far from X": near X
        if re.search(rf"\b{NEG}\b(?:\s+[\w'-]+){{0,4}}?\s+{_name_re(name)}", clause, re.I) or _ALL_BUT.search(
            sent[: m.start()]
        ):
            return -1.0
        best = max(best, weight_at(sent, m.start(), clause))
    return best
