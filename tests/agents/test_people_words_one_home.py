"""The requester's own words and the occasions people are met at, defined once for the party reader
(``_party``) and the reader of who flies (``_who_flies``).

Each reader keeps the words it has always taken: these pin them word by word, so sharing one list
changes no reading.
"""

from __future__ import annotations

import re

from agents.intent import _party, _who_flies

WORDS = [
    "i", "I", "me", "my", "mine", "myself", "i'm", "I'm", "im", "i'll", "i've", "i'd", "we", "we're",
    "we'll", "we've", "we'd", "us", "our", "ours", "ourselves", "you", "he", "she", "they", "it", "in",
    "imagine", "mind", "meet",
]  # fmt: skip
OCCASIONS = [
    "dinner", "lunch", "breakfast", "drinks", "meeting", "meetings", "a call", "time", "day", "evening",
    "night", "catch-up", "catchup", "session", "workshop", "coffee", "call", "week", "party", "the team",
]  # fmt: skip


def _taken(rx: re.Pattern[str], words: list[str], fmt: str = "{}") -> set[str]:
    return {w for w in words if rx.search(fmt.format(w))}


def test_the_party_readers_first_person() -> None:
    assert _taken(_party._FIRST, WORDS) == {
        "i",
        "I",
        "me",
        "my",
        "myself",
        "i'm",
        "I'm",
        "i'll",
        "i've",
        "i'd",
    }


def test_who_flies_first_person() -> None:
    assert _taken(_who_flies._I, WORDS) == {
        "i", "I", "me", "my", "mine", "myself", "i'm", "I'm", "im", "i'll", "i've", "i'd",
    }  # fmt: skip


def test_who_flies_subject() -> None:
    assert _taken(_who_flies._SELF, WORDS) == {
        "i", "I", "i'm", "I'm", "im", "i'll", "i've", "i'd", "we", "we're", "we'll", "we've", "we'd",
    }  # fmt: skip


def test_the_occasions_people_are_met_at() -> None:
    said = {"dinner", "lunch", "breakfast", "drinks", "meeting", "meetings", "a call", "time", "day"}
    said |= {"evening", "night", "catch-up", "catchup"}
    assert _taken(_party._MET, OCCASIONS, "{} with ") == said
    assert _taken(_who_flies._MET_THERE, OCCASIONS, "{} ") == said | {"session", "workshop"}


def test_the_party_readers_verbs_of_meeting() -> None:
    verbs = [
        "taking",
        "take",
        "meet",
        "meeting",
        "seeing",
        "see",
        "visiting",
        "treating",
        "hosting",
        "briefing",
    ]
    verbs += ["presenting to", "flying", "bringing", "with"]
    assert _taken(_party._MET, verbs, "{} ") == set(verbs) - {"flying", "bringing", "with"}
