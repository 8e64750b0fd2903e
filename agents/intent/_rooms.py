"""How many hotel rooms the words ask for (``rooms``): a count ("two rooms"), one each ("separate
rooms": as many as travellers), a single room ("a double room"), or one room per person named ("a room
for me and a room for my boss"); when the words say it twice, the last said wins."""

from __future__ import annotations

import re

from agents.intent._text import digits

_ROOMS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"\b(?:a|one|1)\s+(?:\w+\s+)?room\s+(?:each|per (?:person|head|travell?er|guest)|apiece)\b"
                r"|\brooms?,?\s+(?:one|1)\s+each\b|\b(?:one|1)\s+(?:room\s+)?each\b", re.I), "each"),
    (re.compile(r"\b(\d+)\s+(?:\w+\s+)?rooms?\b", re.I), "count"),  # "two separate rooms": the number
    (re.compile(r"\b(?:separate|own|individual)\s+rooms?\b", re.I), "each"),
    (re.compile(r"\b(?:a|one|single|double|twin|king|queen)\s+(?:\w+\s+)?room\b", re.I), "one"),
]  # fmt: skip


def rooms(text: str, travelers: int | None) -> int | None:
    """The rooms the words give; the last said wins ("two rooms. Actually, one room is fine")."""
    t = digits(text)
    said: list[tuple[int, int | None]] = []
    taken: list[tuple[int, int]] = []
    for rx, kind in _ROOMS:
        for m in rx.finditer(t):
            if any(m.start() < b and a < m.end() for a, b in taken):
                continue
            if kind == "count" and int(m.group(1)) > 9:
                continue
            taken.append((m.start(), m.end()))
            said.append((m.start(), travelers if kind == "each" else 1 if kind == "one" else int(m.group(1))))
    each = re.findall(r"\b(?:a|one)\s+(?:[\w-]+\s+)?room\s+for\b", t, re.I)
    if len(each) >= 2:
        return len(each)  # "a room for me and a room for my boss"
    return max(said)[1] if said else None
