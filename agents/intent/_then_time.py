""" "Before then": a time limit said with a pro-form for a clock time said just before it.

People name a time once and point back to it: "I have a call until noon, so I can't fly before
then", "the workshop ends at 4:30pm and I can't leave until after that". The limit's own words carry
no time, so the limit is lost unless the pro-form is read as the time it stands for: the nearest clock
time said before it in the same sentence, one that is plainly a time of day (with am/pm, minutes, or
"noon"/"midnight", or an hour after "until": "busy until 3"; another bare number may be a day or a count). ``then_as_time`` rewrites the sentence so
the time readers (``_time_reader.time_limits``) see "can't fly before noon".

An elliptical clause ("we fly home on the 14th, but not before 2pm") has a time and nothing else: no
verb, no flight, no day. Its subject is the clause before it, so the flight that clause names (the
way home) is the flight the limit is about (``elliptic``), not the first flight by default.
"""

from __future__ import annotations

import re

#: a limit word and the pro-form that stands for the time said before it
_PRO_FORM = re.compile(
    r"\b(?P<p>before|until|till|after|by|past)\s+(?P<pro>then|that(?:\s+time)?)\b(?!\s+\w+ing\b)", re.I
)
#: a clock time that is plainly one: "noon", "4:30", "4pm", "9.15 am"
_CLOCK = re.compile(
    r"\b(?:noon|midnight|\d{1,2}[:.]\d\d\s*(?:[ap]\.?m\.?)?|\d{1,2}\s*[ap]\.?m\.?)(?![\w:])"
    r"|(?<=\buntil )(?<!\d)\d{1,2}\b(?![:.]?\d|\s*(?:st|nd|rd|th|of|[a-z]{3,}))"  # "busy until 3": a time
    r"|(?<=\btill )\d{1,2}\b(?![:.]?\d|\s*(?:st|nd|rd|th|of|[a-z]{3,}))",
    re.I,
)

#: the limit is about a flight: a verb of leaving or landing, or a negation, just before it
_ABOUT_FLYING = re.compile(
    r"\b(?:leav\w*|fly\w*|flights?|depart\w*|go|going|land\w*|arriv\w*|get|be|can'?t|cannot|not|nothing|no)\s+"
    r"(?:\w+\s+)?$",
    re.I,
)


def then_as_time(sent: str) -> str:
    """The sentence with "before then" / "until after that" read as the clock time said before it."""

    def swap(m: re.Match[str]) -> str:
        said = list(_CLOCK.finditer(sent, 0, m.start()))
        if not said or not _ABOUT_FLYING.search(sent[max(said[-1].end(), m.start() - 40) : m.start()]):
            return m.group(0)  # "after that we fly home": a sequence, not a limit
        return f"{m.group('p')} {said[-1].group(0)}"

    return _PRO_FORM.sub(swap, sent)


#: a clause that is a bare time bound, its subject left to the clause before it ("but not before 2pm")
_ELLIPTIC = re.compile(
    r"^\W*(?:(?:and|though|just|but)\s+)?(?:not|no|nothing|never)\s+(?:before|after|earlier|later|until|till)\b"
    r"(?!.*\b(?:fly|flight|leav\w*|depart\w*|land\w*|arriv\w*|out|back|home|return\w*)\b)",
    re.I,
)


def elliptic(clause: str) -> bool:
    """The clause is a bare time bound whose flight the clause before it names."""
    return _ELLIPTIC.match(clause) is not None
