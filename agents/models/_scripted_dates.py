"""Clock times in plain English, and "now" from the system prompt.

``scan_clock(text)`` finds ``5 pm``, ``5:30pm``, ``17:00``, ``noon`` (for the time-of-day wishes the
scorer weighs, ``_scripted_times``); ``parse_now(system)`` reads the clock the system prompt states.
Travel dates are read by the intent reader (``agents.intent``), not here.
"""

from __future__ import annotations

import datetime as dt
import re

from agents.models._scripted_lexicon import MONTH_RE

_CLOCK = re.compile(
    r"\b(1[0-2]|0?[1-9])(?:[:.](\d{2}))?\s*(a\.?m\b\.?|p\.?m\b\.?|in the morning|in the afternoon|in the evening|at night)"
    r"|\b([01]?\d|2[0-3]):(\d{2})\b|\b(noon|midday|midnight)\b",
    re.I,
)


def scan_clock(text: str) -> list[tuple[int, int, int]]:
    """Clock times: ``5 pm``, ``5:30pm``, ``17:00``, ``noon`` -> (start, end, minutes after midnight)."""
    out = []
    for m in _CLOCK.finditer(text):
        if re.search(rf"\b(?:{MONTH_RE})\.?\s*(?:the\s+)?$", text[: m.start()], re.I):
            continue  # "Jan 28 in the afternoon" is a date, then a part of the day
        if m.group(6):
            minutes = 0 if m.group(6).lower() == "midnight" else 12 * 60
        elif m.group(3):
            pm = m.group(3).lower()
            h = int(m.group(1)) % 12 + (
                12 if pm.startswith("p") or pm.endswith(("afternoon", "evening", "night")) else 0
            )
            minutes = h * 60 + int(m.group(2) or 0)
        else:
            minutes = int(m.group(4)) * 60 + int(m.group(5))
        if 0 <= minutes < 24 * 60:
            out.append((m.start(), m.end(), minutes))
    return out


_NOW = re.compile(r"current date and time is[^(]*\((\d{4}-\d{2}-\d{2}T[\d:.]+(?:[+-]\d{2}:\d{2}|Z)?)\)", re.I)


def parse_now(system_text: str) -> dt.datetime | None:
    """The clock stated in the system prompt ("The current date and time is ... (ISO)")."""
    m = _NOW.search(system_text)
    if m:
        return dt.datetime.fromisoformat(m.group(1).replace("Z", "+00:00"))
    m = re.search(r"(?:today is|current date is)\D{0,20}(\d{4}-\d{2}-\d{2})", system_text, re.I)
    return dt.datetime.fromisoformat(m.group(1)) if m else None
