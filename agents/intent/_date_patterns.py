"""The patterns of worded days that ``_dates.scan`` reads, in order of precedence.

Each entry is a kind ("mon_day", "wd_rel", ...) and its regular expression; where two patterns match
overlapping text, the one earlier in ``PATTERNS`` wins. ``_dates._read`` turns each kind's named
groups into days.
"""

from __future__ import annotations

import re

_MON = r"(?P<{n}>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|[a-z]{{4,9}})\.?"
_DAY = r"(?P<{n}>[0-3]?\d)(?:st|nd|rd|th)?"
_WD = r"(?P<{n}>mon|tue|tues|wed|weds|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|rsday|urday)?"
#: A weekday written short with a dot ("Fri., 12 Mar."), before the day it names
_WDD = _WD + r"\.?"
_TO = r"\s*(?:-|–|to|till|until|thru|through|and)\s*(?:the\s+)?"
#: after a bare number: what makes it a time, a count or an amount, not a day ("Tuesday 19" is a day)
_NOT_COUNT = r"(?!\s*(?::|\.\d|am\b|pm\b|[ap]\.m|nights?|days?|people|persons|rooms?|adults|kids|children|guests|%|\$))"
_COUNT = r"a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|\d+"


def _p(template: str, **names: str) -> str:
    return template.format(**names)


PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"\b(?P<y>20\d\d)-(?P<m>\d\d)-(?P<d>\d\d)\b")),
    ("ordinal", re.compile(
        r"\b(?:the\s+)?(?P<ord>first|1st|second|2nd|third|3rd|fourth|4th|fifth|5th|last)\s+"
        + _WD.format(n="wd") + r"\s+(?:of|in)\s+(?:(?P<this>the month|that month|this month|next month)|" + _MON.format(n="mon") + r")",
        re.I)),
    ("rel_from", re.compile(
        r"\b(?P<n>" + _COUNT + r")\s+(?P<u>days?|weeks?|fortnights?)\s+(?:from|after)\s+(?:this\s+)?"
        r"(?P<base>today|now|tomorrow|" + _WD.format(n="wd") + r")\b"
        r"|\ba\s+(?P<u2>week|fortnight)\s+(?:on\s+)?(?P<base2>today|tomorrow|" + _WD.format(n="wd2") + r")\b"
        r"|\b(?P<base3>" + _WD.format(n="wd3") + r"|tomorrow)\s+(?P<u3>week|fortnight)\b(?!\s+(?:after|from|of|on)\b)",
        re.I)),
    ("wd_week", re.compile(
        r"\b(?:the\s+)?" + _WD.format(n="wd") + r"\s+(?:of\s+)?(?:the\s+)?"
        r"(?P<wk>week after next|next week|this week|that (?:same )?week|the same week|the following week)\b",
        re.I)),
    ("range_month", re.compile(
        r"\b(?:the\s+)?" + _DAY.format(n="d1") + _TO + _DAY.format(n="d2")
        + r"\s+of\s+(?P<which>this|next|the following)\s+month\b", re.I)),
    ("dom_month", re.compile(
        r"\b(?:the\s+)?" + _DAY.format(n="d") + r"\s+of\s+(?P<which>this|next|the following)\s+month\b", re.I)),
    ("week_of", re.compile(
        r"\b(?:the\s+)?(?P<ord>first|second|third|last)\s+week\s+(?:of|in)\s+" + _MON.format(n="mon"), re.I)),
    ("mon_day_or", re.compile(
        r"\b" + _MON.format(n="mon") + r"\s+" + _DAY.format(n="d1") + r"\s*(?:,\s*)?or\s+(?:the\s+)?" + _DAY.format(n="d2")
        + r"\b(?!\s*(?:am|pm|:|nights?|days?|people|rooms?|[ap]\.m))", re.I)),
    # "17 or 18 May", "the 3rd or 4th of June": the month said once, after both days
    ("mon_day_or", re.compile(
        r"\b(?:the\s+)?" + _DAY.format(n="d1") + r"\s*(?:,\s*)?or\s+(?:the\s+)?" + _DAY.format(n="d2")
        + r"\s+(?:of\s+)?" + _MON.format(n="mon") + r"\b", re.I)),
    ("dom_or", re.compile(
        r"\b(?:the\s+)?(?P<d1>[0-3]?\d)(?:st|nd|rd|th)\s*(?:,\s*)?or\s+(?:the\s+)?(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?\b"
        r"(?!\s*(?:am|pm|:|nights?|days?|people|rooms?|[ap]\.m|of\b|" + _MON.format(n="mon") + r"))", re.I)),
    # "Tuesday 19 to Friday 22 January": the month said once, after both days (before "Friday 22 January")
    ("wd_day_range", re.compile(
        r"\b(?:from\s+)?" + _WD.format(n="wd") + r",?\s+(?:the\s+)?" + _DAY.format(n="d1") + _TO + _WD.format(n="wd2")
        + r",?\s+(?:the\s+)?" + _DAY.format(n="d2") + r"\s+(?:of\s+)?" + _MON.format(n="mon") + r"\b", re.I)),
    ("mon_range", re.compile(
        r"\b" + _MON.format(n="mon") + r"\s+" + _DAY.format(n="d1") + _TO + r"(?:" + _MON.format(n="mon2")
        + r"\s+)?" + _DAY.format(n="d2") + r"\b(?!\s*(?:am|pm|nights?|days?|:))", re.I)),
    ("range_mon", re.compile(
        r"\b" + _DAY.format(n="d1") + r"(?:\s+" + _MON.format(n="mon1") + r")?" + _TO + _DAY.format(n="d2")
        + r"\s+(?:of\s+)?" + _MON.format(n="mon"), re.I)),
    ("mon_day", re.compile(
        r"\b(?:" + _WDD.format(n="wd") + r",?\s+)?" + _MON.format(n="mon") + r"\s+" + _DAY.format(n="d")
        + r"\b(?:,?\s*(?P<y>20\d\d))?(?!\s*(?:am|pm|:\d|nights?|days?|people|rooms?))", re.I)),
    ("day_mon", re.compile(
        r"\b(?:" + _WDD.format(n="wd") + r",?\s+)?(?:the\s+)?" + _DAY.format(n="d") + r"\.?\s+(?:of\s+)?"
        + _MON.format(n="mon") + r"\b(?:,?\s*(?P<y>20\d\d))?", re.I)),
    ("wd_day_range", re.compile(
        r"\b" + _WD.format(n="wd") + r"\s+(?:the\s+)?" + _DAY.format(n="d1") + _TO + _WD.format(n="wd2")
        + r"\s+(?:the\s+)?" + _DAY.format(n="d2") + r"\b", re.I)),
    ("wd_day", re.compile(
        r"\b" + _WD.format(n="wd") + r"(?:\.(?=,?\s+[0-3]?\d))?,?\s+(?=the\s|[0-3]?\d(?:st|nd|rd|th)\b|[0-3]?\d\b" + _NOT_COUNT + r")(?:the\s+)?"
        + _DAY.format(n="d") + r"\b", re.I)),
    ("day_range", re.compile(
        r"\b(?:the\s+)?(?P<d1>[0-3]?\d)(?:st|nd|rd|th)" + _TO + r"(?P<d2>[0-3]?\d)(?:st|nd|rd|th)\b", re.I)),
    ("day_range", re.compile(r"\b(?P<d1>[0-3]?\d)\s*(?:-|–)\s*(?P<d2>[0-3]?\d)(?:st|nd|rd|th)\b", re.I)),
    ("day", re.compile(r"\b(?:the|teh|hte)\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)\b", re.I)),  # "on teh 3rd"
    # "back 27th", "on 3rd", "until 14th": an ordinal day without "the" after a word that places it
    ("day", re.compile(
        r"(?:(?<=\bback )|(?<=\bon )|(?<=\buntil )|(?<=\btill )|(?<=\breturning )|(?<=\bthrough ))"
        r"(?P<d>[0-3]?\d)(?:st|nd|rd|th)\b", re.I)),
    ("wd_range", re.compile(
        r"\b(?:from\s+)?" + _WD.format(n="wd") + r"\s*(?:-|–|to|till|until|thru|through)\s*" + _WD.format(n="wd2")
        + r"\b(?!\s+the\s+\d|\s+[0-3]?\d(?:st|nd|rd|th)\b)", re.I)),
    ("weekend", re.compile(r"\b(?P<which>this|next|the|this coming)?\s*weekend(?P<an>\s+after\s+next)?\b", re.I)),
    ("relative", re.compile(
        r"\b(?:(?:the\s+)?day after tomorrow|tomorrow|today|tonight"
        r"|in (?:a|one|\d+|two|three|four|five|six|seven|eight|nine|ten|a couple of) (?:days?|weeks?|fortnights?))\b", re.I)),
    ("rel_prev", re.compile(
        r"\b(?P<rel>the day before|the day after|the (?:night|evening|afternoon) before|the night after|the morning after|the day of the \w+|"
        r"that (?:same )?day|later that (?:same )?day|the same day)\b"
        # not "the day after tomorrow", "the day before my talk"; "the day after it (ends)" is the event's
        r"(?!\s+(?:tomorrow|my|the|her|his|our)\b"
        # "the evening before I have a dinner": the day of something else, not a travel day
        r"|,?\s+(?:i|we)\s+(?:have|had|'ve got|have got|am|'m|attend)\b"
        r"|\s+it\b(?!\s+(?:ends|finishes|wraps|closes|is over|'s over|starts|begins|kicks off|opens)|\s*(?:[.,;!?]|$)))", re.I)),
    ("later", re.compile(r"\b(?P<n>" + _COUNT + r")\s+(?P<u>days?|nights?|weeks?)\s+later\b", re.I)),
    # "two days before it", "three days earlier", "a day after that": counted back (or on) from the day before
    ("later", re.compile(
        r"\b(?P<n>" + _COUNT + r")\s+(?P<u>days?|nights?|weeks?)\s+(?P<w>earlier|before|after)"
        r"(?:\s+(?:it|that|then))?\b(?=\s*(?:$|[.,;:!?)]|and\b|to\b|so\b|then\b|please\b))", re.I)),
    ("after_next", re.compile(r"\b(?:the\s+)?" + _WD.format(n="wd") + r"\s+after\s+next\b(?!\s+week)", re.I)),
    ("week_from", re.compile(r"\ba week from (?:this |next )?" + _WD.format(n="wd") + r"\b", re.I)),
    ("wd_rel", re.compile(
        r"\b(?:(?P<which>this coming|this|next|coming|that|the following|the)\s+)?" + _WD.format(n="wd")
        + r"(?P<after>\s+(?:after|before)\b(?!\s+(?:the|my|our|your|his|her|their|a|an|work|school|class|lunch|dinner|brunch|noon|\d)\b))?"
        r"\b(?!\s+the\s+\d)", re.I)),
]  # fmt: skip
