"""Time expressions and dates found by Microsoft's Recognizers-Text, in the reader's terms.

Recognizers-Text (``recognizers-text-date-time``) is the
recognizer behind Microsoft's Bot Framework: one grammar per language, written and tested by a team
over thousands of phrasings ("prior to 15:00", "no later than half past two in the afternoon", "the
second Tuesday of March", "from the 14th to the 17th"). Its English ``DateTimeV2``
model says what kind each expression is (a date, a time, a range, a duration) and, for bounds, which
way it points (``Mod``: ``before``, ``after``, ``since``, ``until``). The reader's own grammars
(``_deadlines``, ``_dates``) know what the words mean for a trip; this module only
says where the library finds an expression and what it resolves to, against the world's clock.

Each found expression is a ``Found``: where it is in the text, its kind, its ``Mod`` if any, and
its resolutions. An expression the library cannot place in time (an ambiguous "the 14th") has one
resolution per reading, the past one first; ``Found.future`` keeps those on or after the reference
day, which is what a traveller planning a trip means. Results are cached per text and day: the
reader asks about the same clause several times, so each resolution is read-only (a caller that
changed one would change what every later call gets).
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from recognizers_date_time import recognize_datetime
from recognizers_text import Culture


@dataclass(frozen=True)
class Found:
    """One expression the library found: ``text[start:end]`` (``end`` exclusive), its kind (``date``,
    ``time``, ``daterange``, ``timerange``, ``datetime``, ``datetimerange``, ``duration``, ``set``), its
    bound (``before``, ``after``, ``since``, ``until``; ``None`` when it is not a bound) and its
    resolutions, as the library gives them (``timex``, ``value``, ``start``, ``end``)."""

    start: int
    end: int
    text: str
    kind: str
    mod: str | None
    values: tuple[Mapping[str, str], ...]

    def future(self, today: dt.date) -> tuple[Mapping[str, str], ...]:
        """The resolutions that do not lie wholly before ``today`` (all of them when none is dated)."""
        kept = tuple(v for v in self.values if _not_past(v, today))
        return kept or self.values

    def clock(self) -> dt.time | None:
        """The time of day the expression names or is bounded by: its ``value`` for a time, its
        ``end`` for a "before"/"until" bound, its ``start`` for an "after"/"since" one; ``None`` when
        it names no single time of day (a date, a duration, a stretch of hours)."""
        for v in self.values:
            raw = v.get("value") or (v.get("end") if self.mod in ("before", "until") else v.get("start"))
            if raw and ":" in raw:
                return _clock(raw)
        return None


def _clock(raw: str) -> dt.time | None:
    """``"15:00:00"`` or ``"2027-01-14 15:00:00"`` as a time of day."""
    part = raw.rsplit(" ", 1)[-1]
    try:
        return dt.time.fromisoformat(part)
    except ValueError:
        return None


def _not_past(value: Mapping[str, str], today: dt.date) -> bool:
    """Whether a resolution lies on or after ``today`` (an undated one does)."""
    raw = value.get("end") or value.get("value") or value.get("start") or ""
    try:
        return dt.date.fromisoformat(raw[:10]) >= today
    except ValueError:
        return True


def _found(result: Any) -> Found:
    resolution = result.resolution or {}
    values = tuple(MappingProxyType(dict(v)) for v in resolution.get("values", ()) if isinstance(v, dict))
    mod = next((v.get("Mod") for v in values if v.get("Mod")), None)
    kind = result.type_name.split(".", 1)[-1]
    return Found(result.start, result.end + 1, result.text, kind, mod, values)


@functools.lru_cache(maxsize=2048)
def datetimes(text: str, now: dt.datetime) -> tuple[Found, ...]:
    """The date and time expressions in ``text``, resolved against ``now`` (the world's clock), in
    the order they appear."""
    if not text.strip():
        return ()
    return tuple(_found(r) for r in recognize_datetime(text, Culture.English, reference=now))
