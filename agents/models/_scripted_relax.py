"""The traveller's answer to "shall I book the option that comes closest anyway?" (``_scripted_nofit``
asks it): a clear yes admits the one option the question named, though it breaks a limit; any other
answer (a no, a default "no particular wishes") keeps the limits. The answers are read here, not with
the request: they say yes or no to an option, not what the trip is.
"""

from __future__ import annotations

import dataclasses
import re
from typing import TYPE_CHECKING

from agents.models._scripted_lexicon import RELAX_MARK as MARK
from agents.models._scripted_options import FlightOpt, HotelOpt, Scorer

if TYPE_CHECKING:
    from agents.models._scripted_belief import Belief

#: an answer that gives way: a yes at its start ("Fine, book it", "OK") or words that consent to the
#: option anywhere ("I'll take the early flight"); "economy is fine" consents to nothing
_YES = re.compile(
    r"^\W*(?:yes|yeah|yep|sure|ok|okay|fine|alright|all\s+right)\b"
    r"|\b(?:go\s+ahead|book\s+(?:it|that|that\s+one)|i'?ll\s+take|take\s+(?:it|that)|that\s+(?:works|one\s+is\s+fine)"
    r"|works\s+for\s+me|go\s+for\s+it|fair\s+enough|i\s+can\s+live\s+with)\b",
    re.I,
)
#: an answer that keeps the limit ("no, the times are fixed", "please don't book anything")
_NO = re.compile(
    r"^\W*(?:no|nope|nah|not|never)\b|\b(?:don'?t|do\s+not|not)\s+(?:book|break|want)\b"
    r"|\brather\s+not\b|\bcan'?t\s+(?:move|change)\b|\b(?:is|are)\s+fixed\b",
    re.I,
)
_ID = re.compile(r"\(id ([A-Za-z0-9-]+)\)")


def gives_way(answer: str) -> bool:
    """The answer to a question of this module says yes to the option it named."""
    return _NO.search(answer) is None and _YES.search(answer) is not None


def is_question(question: str) -> bool:
    return MARK in question


def accepted(b: Belief) -> frozenset[str]:
    """The option ids the traveller agreed to take although they break a limit."""
    out: set[str] = set()
    for c in b.calls:
        q = str(c.args.get("question", ""))
        if c.name != "ask_user" or not is_question(q) or not c.ok or not isinstance(c.data, dict):
            continue
        if gives_way(str(c.data.get("answer") or "")) and (m := _ID.search(q)):
            out.add(m.group(1))
    return frozenset(out)


def asked(b: Belief) -> bool:
    return any(c.name == "ask_user" and is_question(str(c.args.get("question", ""))) for c in b.calls)


def firm(opt: FlightOpt | HotelOpt, scorer: Scorer, problem: str) -> bool:
    """A fact of the world or of the traveller's answers, not a limit the words set."""
    return opt.id in scorer.avoid.ids or not opt.available or problem.startswith("clashes with")


@dataclasses.dataclass
class RelaxedScorer(Scorer):
    """A scorer that admits the options the traveller agreed to take though they break a limit."""

    admitted: frozenset[str] = frozenset()

    def flight_problem(self, f: FlightOpt, leg: int) -> str | None:
        problem = super().flight_problem(f, leg)
        return None if problem and f.id in self.admitted and not firm(f, self, problem) else problem

    def hotel_problem(self, h: HotelOpt, nightly_cap: float | None) -> str | None:
        problem = super().hotel_problem(h, nightly_cap)
        return None if problem and h.id in self.admitted and not firm(h, self, problem) else problem


def relaxed(scorer: Scorer, b: Belief) -> Scorer:
    """``scorer`` as it is, or one that admits what the traveller agreed to take."""
    ids = accepted(b)
    if not ids:
        return scorer
    fields = {f.name: getattr(scorer, f.name) for f in dataclasses.fields(scorer)}
    return RelaxedScorer(**fields, admitted=ids)
