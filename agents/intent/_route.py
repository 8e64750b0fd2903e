"""The route a request names: legs joined by places ("Paris to Rome, then home"), open jaws, chains,
and nights said beside a city ("Tokyo for 3 nights then Singapore for 2")."""

from __future__ import annotations

import re

from agents.intent import _words as w
from agents.intent._gazetteer import Place

_PAIR_SEP = re.compile(
    r"^\s*,?\s*(?:(?:and\s+)?(?:then\s+)?(?:(?:back home|back|home|on|onward|onwards|over|up|down|across|straight)\s+)?(?:to|for)"
    r"|->|→|>|-|–|/|(?:and\s+)?then(?:\s+on)?)\s*$",
    re.I,
)
_SWAP = re.compile(r"\b(?:swap\w*|switch\w*|chang\w*|trad\w*|exchang\w*|instead of)\s+(?:the\s+)?$", re.I)
#: The city a way back starts from ("come back from Madrid", "fly me home from Berlin").
_BACK_FROM = re.compile(r"\b(?:back|return\w*|home)\s+from\s+(?:the\s+)?$", re.I)
#: The city a way back ends in ("coming back I'm going straight home to Seattle", "back to Boston").
_BACK_TO = re.compile(r"\b(?:home|back|return(?:ing)?)\s+(?:to|into)\s+$", re.I)
#: The trip ends at home after the last city ("..., then home", "and home on the 10th").
_THEN_HOME = re.compile(
    r"^[^.;!?]{0,40}?(?:\b(?:then|and)\s+|,\s*)(?:fly\s+|flying\s+|back\s+)?home\b|^\s*(?:back\s+)?home\b",
    re.I,
)
#: A day said between two cities ("to Chicago on April 3 and then on to Denver"): not part of the join.
_GAP_DAY = re.compile(
    r"\s*\b(?:on\s+)?(?:the\s+)?(?:[a-z]+day,?\s+)?(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+)?"
    r"\d{1,2}(?:st|nd|rd|th)?(?:\s+(?:of\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*)?\b,?",
    re.I,
)


def route(
    places: list[Place], text: str, home: str | None
) -> tuple[str | None, list[tuple[str | None, str | None]], list[str]]:
    """(origin, explicit legs "A to B", destinations in order)."""
    pairs = place_pairs(places, text)
    origin = None
    into = re.search(r"\binto\b", text, re.I)
    for p in places:
        before = text[max(0, p.start - 25) : p.start]
        if into and into.start() < p.start and re.search(r"\bout of\s+(?:the\s+)?$", before, re.I):
            continue  # "into Paris ... and out of Rome": the way back, not the origin
        if _INSTITUTION.match(text[p.end : p.end + 20]):
            continue  # "graduates from Boston University": a place's institution, not where one leaves
        if re.search(
            r"\b(from|out of|leaving|departing|depart)\s+(?:the\s+)?$", before, re.I
        ) and not re.search(r"\b(back|return\w*|home)\s+from\s+$", before, re.I):
            origin = p.code
            break
    back_from = next(
        (
            p.code
            for p in places
            if _BACK_FROM.search(text[max(0, p.start - 25) : p.start])
            or (
                into
                and into.start() < p.start
                and re.search(r"\bout of\s+$", text[max(0, p.start - 8) : p.start])
            )
        ),
        None,
    )
    if pairs and len(pairs) == 1:
        origin = pairs[0][0]
    if len(pairs) >= 2 or (pairs and _open_jaw(places, pairs, text, home)):
        legs = _chain(pairs, places, text, home)
        first, last = legs[0][0], legs[-1][1]
        if last != first and (back_from == last or _THEN_HOME.search(text[_last_of(places, last) :])):
            legs.append((last, first))  # "..., and home from Madrid on the 16th"
        return origin or pairs[0][0], legs, []
    if back_from is not None:
        start = origin if pairs else (origin or home)
        out = (
            pairs[0][1] if pairs else next((p.code for p in places if p.code not in (start, back_from)), None)
        )
        if out is not None and out != back_from and start is not None and start != back_from:
            return start, [(start, out), (back_from, start)], []  # open jaw: into Rome, back from Madrid
        if out is None and home is not None and back_from != home and not pairs:
            return back_from, [], [home]  # "fly me home from Berlin"
    origin = origin or home
    back_to = next((p for p in places if _BACK_TO.search(text[max(0, p.start - 20) : p.start])), None)
    outward = [p.code for p in places if p.code != origin and (back_to is None or p.start < back_to.start)]
    if (
        back_to is not None
        and back_from is None
        and any(p.code == origin and p.start < back_to.start for p in places)  # the way out said first
        and outward
        and back_to.code not in (origin, outward[0])
        and not pairs
    ):
        return (
            origin,
            [(origin, outward[0]), (outward[0], back_to.code)],
            [],
        )  # open jaw: back home to Seattle
    dests = [p.code for p in places if p.code != origin]
    dests = list(dict.fromkeys(dests))
    return origin, [], dests


def _last_of(places: list[Place], code: str | None) -> int:
    return max((p.end for p in places if p.code == code), default=0)


def place_pairs(places: list[Place], text: str) -> list[tuple[str | None, str | None]]:
    """Every "A to B" the words say (a journey between two cities), in order."""
    pairs: list[tuple[str | None, str | None]] = []
    for a, b in zip(places, places[1:], strict=False):
        gap = text[a.end : b.start]
        if _joined(gap) and a.code != b.code and not _SWAP.search(text[max(0, a.start - 20) : a.start]):
            if (
                re.search(r"then", gap, re.I)
                and not pairs
                and not _DEST.search(text[max(0, a.start - 12) : a.start])
                and not _STAY_GAP.match(w.digits(gap))
            ):
                continue  # "Rome, then Paris" names a next city only after a first leg or a destination
            pairs.append((a.code, b.code))
    return pairs


#: a city's name used in a school's ("graduates from Boston University", "Boston College")
_INSTITUTION = re.compile(r"\s+(?:university|college|school|campus)\b", re.I)
_DEST = re.compile(r"\b(?:to|into|visit\w*)\s+(?:the\s+)?$", re.I)


def _joined(gap: str) -> bool:
    """The words between two cities make them one leg."""
    if _STAY_GAP.match(w.digits(gap)):
        return True
    if not _PAIR_SEP.match(gap) and re.search(r"\bthen\b", gap, re.I):
        gap = _GAP_DAY.sub(" ", gap)  # "to Chicago on April 3 and then on to Denver"
    return bool(_PAIR_SEP.match(gap))


#: "Tokyo for 3 nights, then Singapore": a stay in the first city, then on to the next.
_STAY_GAP = re.compile(
    r"^\s*,?\s*(?:for\s+)?(?:\d+|a)\s+nights?\s*,?\s*(?:and\s+)?then\s+(?:on\s+)?(?:to\s+)?$", re.I
)
_NIGHTS_AFTER = re.compile(r"^\s*(?:for\s+)?(?P<n>\d+|a|one)(?:\s+nights?)?\b", re.I)


def stay_nights(places: list[Place], text: str) -> dict[str, int]:
    """Nights said right after a city ("Tokyo for 3 nights then Singapore for 2"): city -> nights."""
    out: dict[str, int] = {}
    said_nights = False
    for p in places:
        rest = w.digits(text[p.end : p.end + 20])
        m = _NIGHTS_AFTER.match(rest)
        if m is None:
            continue
        if not re.match(r"\s*(?:for\s+)?\S+\s+nights?", rest, re.I) and not said_nights:
            continue  # a bare number counts nights only after nights were said
        said_nights = True
        out[p.code] = 1 if m.group("n").lower() in ("a", "one") else int(m.group("n"))
    return out


def _to_first(places: list[Place], pairs: list[tuple[str | None, str | None]], text: str) -> bool:
    """The first leg's city was itself flown to ("to Boston, then on to Chicago")."""
    for a, b in zip(places, places[1:], strict=False):
        if (a.code, b.code) == pairs[0] and _joined(text[a.end : b.start]):
            stayed = bool(_STAY_GAP.match(w.digits(text[a.end : b.start])))  # nights there: flown to
            return stayed or bool(_DEST.search(text[max(0, a.start - 12) : a.start]))
    return False


def _open_jaw(
    places: list[Place], pairs: list[tuple[str | None, str | None]], text: str, home: str | None
) -> bool:
    into = bool(re.search(r"\b(into|out of)\b", text, re.I)) and len(places) >= 3
    return into or (_to_first(places, pairs, text) and home is not None and pairs[0][0] != home)


def _chain(
    pairs: list[tuple[str | None, str | None]], places: list[Place], text: str, home: str | None
) -> list[tuple[str | None, str | None]]:
    """Explicit legs, with an "into X" leg from home first when the words fly into a city first."""
    m = re.search(r"\binto\s+", text, re.I)
    if m and home:
        into = next((p.code for p in places if p.start >= m.end() - 1), None)
        if into and all(into != a for a, _ in pairs):
            return [(home, into), *pairs]
    if home and pairs[0][0] != home and _to_first(places, pairs, text):
        return [(home, pairs[0][0]), *pairs]  # "fly me to Boston, then on to Chicago"
    return list(pairs)
