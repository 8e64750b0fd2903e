"""Numeric dates in a request ("8/20", "3/4-3/6", "25/12/2027"): day first or month first by the
traveller's home (``ReadContext.home``), a reading that cannot be a date giving way to the other,
and ambiguous (ask) when both are dates and the home is unknown."""

from __future__ import annotations

import datetime as dt
import re

from agents.intent._mention import Mention, on_or_after

# Homes where "3/4" is the 3rd of April (day first); elsewhere, in North America and East Asia, the
# month comes first. Either way a reading that cannot be a date ("8/20", "20/8") gives way.
_MONTH_FIRST = frozenset(
    "SFO JFK LAX ORD BOS SEA MIA DEN ATL DFW PHX AUS PDX IAD LAS MCO PHL SAN MSP HNL YYZ YVR YUL NRT ICN".split()
)
_NUMERIC = re.compile(
    r"(?<![\d/])(?P<a>[0-3]?\d)/(?P<b>[0-3]?\d)(?:/(?P<y>(?:20)?\d\d))?(?![\d/])"
    r"(?:\s*(?:-|–|to|till|until|thru|through)\s*(?P<c>[0-3]?\d)/(?P<d>[0-3]?\d)(?:/(?:20)?\d\d)?(?![\d/]))?"
)


#: Words around "8/10" that make it a score ("well-reviewed (8/10 or more)", "rated 4/5"), not a day.
_SCORE_NEAR = re.compile(r"\b(?:rat(?:ed|ing|ings)|review\w*|scor\w*|stars?)\b", re.I)
_SCORE_AFTER = re.compile(
    r"\s*(?:\+|or (?:more|better|higher|above|up)|and (?:up|above)|plus\b|minimum\b)", re.I
)


def _score(m: re.Match[str]) -> bool:
    """A score out of 5 or 10 said next to rating words, not a date."""
    if m.group("y") or m.group("c") or m.group("b") not in ("5", "10"):
        return False
    text = m.string
    return bool(
        _SCORE_AFTER.match(text[m.end() : m.end() + 15])
        or _SCORE_NEAR.search(text[max(0, m.start() - 30) : m.start()])
    )


def _numeric(m: re.Match[str], today: dt.date, home: str | None, order: bool | None) -> Mention | None:
    """ "8/20", "3/4" (day first from a day-first home, or when ``order`` says the writer puts the
    day first), "3/4-3/6", "8/20/27"."""
    if m.group() == "24/7" or _score(m):
        return None
    day_first = order if order is not None else home is not None and home not in _MONTH_FIRST
    known = home is not None or order is not None  # else both readings of "3/4" are open: ask
    year = int(m.group("y")) % 100 + 2000 if m.group("y") else None

    def one(a: int, b: int, after: dt.date) -> tuple[dt.date | None, bool]:
        readings = [(b, a), (a, b)] if day_first else [(a, b), (b, a)]
        ok = [d for d in (on_or_after(mo, dd, after, year) for mo, dd in readings) if d is not None]
        return (ok[0] if ok else None), len(ok) == 2 and ok[0] != ok[1] and not known

    first, unsure = one(int(m.group("a")), int(m.group("b")), today)
    if first is None:
        return None
    men = Mention(m.start(), m.end(), "numeric", [first], ambiguous=unsure)
    if m.group("c"):
        last, unsure2 = one(int(m.group("c")), int(m.group("d")), first)
        if last is None:
            return None
        men.days.append(last)
        men.ambiguous = men.ambiguous or unsure2
    return men


def _writers_order(matches: list[re.Match[str]]) -> bool | None:
    """Whether the writer puts the day first (True) or the month (False), when one of their dates can
    only be read one way ("11/2-14/2": 14/2 is the 14th of February, so 11/2 is the 11th); None when
    none says, or they disagree."""
    pairs = [(m.group("a"), m.group("b")) for m in matches] + [
        (m.group("c"), m.group("d")) for m in matches if m.group("c")
    ]
    said = {int(a) > 12 for a, b in pairs if (int(a) > 12) != (int(b) > 12)}
    return said.pop() if len(said) == 1 else None


def numeric_days(text: str, today: dt.date, home: str | None) -> list[Mention]:
    """Every numeric date (or range of two) in ``text``, in order; all of them in the writer's order."""
    matches = [m for m in _NUMERIC.finditer(text) if m.group() != "24/7" and not _score(m)]
    order = _writers_order(matches)
    return [n for n in (_numeric(m, today, home, order) for m in matches) if n]
