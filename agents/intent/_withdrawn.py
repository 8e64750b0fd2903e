"""Days a traveller takes back mid-request: "on Thursday the 28th. No, scrap Thursday, Friday works
better", "forget the 14th, make it the 15th", "back on the 16th, not the 14th".

A day said right after a word that withdraws it (scrap, scratch, forget, skip, drop, not, no longer,
never mind, instead of, rather than) is no travel day. When the withdrawn day was said before, as a
day of the trip, the next day the traveller names after withdrawing it (in the same or the next
sentence, before any other day; a bare weekday the one nearest the day it replaces) takes its place there: it keeps the part the first day had (the way
out, the way back, a check-in), so the later word wins and nothing read earlier is lost. The place
names are corrected elsewhere (``_corrections``); this only moves days.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from agents.intent._mention import Mention

_WITHDRAW = re.compile(
    r"\b(?:scrap|scratch|forget(?: about)?|skip|drop|ditch|not|no longer|never ?mind|instead of|rather than)"
    r"\s+(?:the\s+|on\s+(?:the\s+)?|about\s+(?:the\s+)?)?$",
    re.I,
)
#: "not before Friday", "not later than the 14th": a limit, not a day taken back
_LIMIT = re.compile(r"\bnot\s+(?:before|after|later|earlier|until|till|by|on or)\b", re.I)
_SENTENCE = re.compile(r"[.!?;\n]")
#: "Thursday. Scrap that, Friday": what was said last is taken back
_THAT = re.compile(
    r"\b(?:scrap|scratch|forget|ditch|never ?mind|strike)\s+that\b(?=\s*(?:[,.;:!?\-—–]|$))", re.I
)


def is_withdrawn(text: str, m: Mention) -> bool:
    before = text[max(0, m.start - 24) : m.start]
    return bool(_WITHDRAW.search(before)) and not _LIMIT.search(before)


def withdrawn_days(mentions: list[Mention], text: str) -> list[Mention]:
    """The mentions as finally meant: withdrawn days dropped, and an earlier mention of a withdrawn
    day given the day said in its stead."""
    out = list(mentions)
    for w in [m for m in mentions if is_withdrawn(text, m)]:
        if w not in out:
            continue
        k = out.index(w)
        out.remove(w)
        earlier = [i for i, m in enumerate(out[:k]) if m.days == w.days]
        if not earlier:
            continue
        after = out[k] if k < len(out) else None
        gap = text[w.end : after.start] if after is not None else ""
        if after is None or len(_SENTENCE.findall(gap)) > 1 or is_withdrawn(text, after):
            continue
        i = earlier[-1]
        out[i] = replace(
            out[i], days=_near(after, out[i].days, text), kind=after.kind, anchored=after.anchored
        )
        out.remove(after)
    for cue in _THAT.finditer(text):
        before = [i for i, m in enumerate(out) if m.end <= cue.start()]
        after = next((m for m in out if m.start >= cue.end()), None)
        if not before or after is None or len(_SENTENCE.findall(text[cue.end() : after.start])) > 1:
            continue
        if len(_SENTENCE.findall(text[out[before[-1]].end : cue.start()])) > 1:
            continue  # "that" is the sentence just before, not one further back
        i = before[-1]
        out[i] = replace(
            out[i], days=_near(after, out[i].days, text), kind=after.kind, anchored=after.anchored
        )
        out.remove(after)
    return _after_replaced(out, mentions)


def _after_replaced(out: list[Mention], said: list[Mention]) -> list[Mention]:
    """A bare weekday after a replaced day ("... Saturday. Back Monday") follows the new day, as it
    followed the one said first."""
    first = next((k for k, m in enumerate(out) if m not in said), None)
    if first is None:
        return out
    prev = out[first].days[-1] if out[first].days else None
    for k in range(first + 1, len(out)):
        m = out[k]
        if prev is not None and m.anchored == "weekday" and len(m.days) == 1 and m.days[0] < prev:
            out[k] = replace(m, days=[m.days[0] + dt.timedelta(days=7 * -(-(prev - m.days[0]).days // 7))])
        prev = out[k].days[-1] if out[k].days else prev
    return out


def _near(said: Mention, old: list[dt.date], text: str) -> list[dt.date]:
    """A bare weekday said in the stead of a day ("Friday the 12th... scratch that, Saturday") is the
    one nearest the day it replaces; any other day is as said."""
    if said.kind != "wd_rel" or len(said.days) != 1 or len(old) != 1:
        return list(said.days)
    if re.search(r"\b(?:next|this|coming)\b", text[said.start : said.end], re.I):
        return list(said.days)
    wd, day = said.days[0].weekday(), old[0]
    return [day + dt.timedelta(days=(wd - day.weekday() + 3) % 7 - 3)]
