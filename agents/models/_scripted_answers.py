"""An answer read against the question it answers: a bare count said back to "how many ...?".

People answer a question about a count with the count alone and leave the thing counted to the
question (ellipsis): "how many nights?" - "3", "three, please", "a couple, I reckon", "just the one".
Read on its own, such an answer says nothing about nights, so before the answers are read with the
request (``_scripted_intent.read_intent``) a short answer that gives a count and names nothing it
counts gets the question's noun back: "a couple, I reckon" to "how many nights ..." is read as
"a couple, I reckon (2 nights)". Number words go through ``text_to_num`` (``agents.intent._text``);
"a couple" / "a pair" (two) and "just the one" are the idioms it lacks. Any other answer is left as it is.
"""

from __future__ import annotations

import re

from agents.intent._text import digits

#: "how many nights do you need the hotel for", "how many people are travelling": the noun counted
_HOW_MANY = re.compile(r"\bhow many (?P<noun>[a-z]+)\b", re.I)
#: idioms of a count that number words do not cover
_IDIOMS = re.compile(r"\b(?:a\s+(?:couple|pair)(?:\s+of)?)\b", re.I)
#: a count: a whole number that is not a day of the month ("the 14th") or a time or price
_COUNT = re.compile(r"(?<![\d$£€:/.,])\b(?P<n>\d{1,2})\b(?!\s*(?:st|nd|rd|th|am|pm|[:/.,]\d|%|\$))", re.I)
#: an answer this long or longer says more than a count: it is read as it is
_MAX_WORDS = 8


def complete(question: str, answer: str) -> str:
    """The answer, with the counted noun of a "how many ...?" question added when it gives a bare count."""
    asked = _HOW_MANY.search(question)
    if asked is None or len(answer.split()) >= _MAX_WORDS:
        return answer
    noun = asked.group("noun").lower()
    said = digits(_IDIOMS.sub("2", answer))
    stem = noun.rstrip("s")
    if re.search(rf"\b{re.escape(stem)}", said, re.I):  # "two nights", "a couple of nights": it names it
        return _IDIOMS.sub("2", answer)
    counts = _COUNT.findall(said)
    if len(counts) != 1:
        return answer
    return f"{answer} ({counts[0]} {noun})"
