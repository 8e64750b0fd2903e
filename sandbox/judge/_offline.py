"""The ``offline`` judge: a deterministic stand-in for an LLM judge, so the feature runs without a key.

It is NOT a good judge, and is not meant to be one: it is a few plain heuristics over the same three
texts an LLM judge reads (``JudgeInput``: the request, the report, the final state in words), scored
on the rubric's criteria and passed by the rubric's rule. Measuring its agreement with the
deterministic checks (``travel-sandbox judge agree``) shows what such heuristics miss.

- **accuracy** (the report against the final state): how many of the final state's lines the report
  names by one of their ids (``B0003``, ``AX100``: a word with a capital letter and a digit); an
  amount of money in the report that is neither in the final state, nor their sum, nor in the
  request; an id in the report that the final state does not have; a success claim ("booked",
  "confirmed") over an empty final state; "nothing was done" over a full one.
- **relevance** (the final state against the request): how many of the request's places (runs of
  capitalised words inside a sentence, "San Francisco") and calendar dates ("20 January",
  "January 20") appear in the final state. Over an empty final state: whether the report says why,
  or asks a question.
- **tone**: an empty report, shouting (words in capitals), many exclamation marks, raw data or error
  dumps, ``snake_case`` tool names, rudeness, more than 250 words.

It cannot tell a right date from a wrong one the request only implies ("next Friday"), a cheap
booking from the preferred one, or a budget kept from one broken: those need the scenario.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from sandbox.judge._input import JudgeInput
from sandbox.judge._rubric import Rubric
from sandbox.spi import Deadline, JudgeResult

NAME = "offline"
MONTHS = "January February March April May June July August September October November December".split()
WEEKDAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
_NOT_PLACES = {
    *MONTHS,
    *WEEKDAYS,
    "I",
    "I'm",
    "I'd",
    "I'll",
    "I've",
    "Please",
    "Thanks",
    "Thank",
    "Dr",
    "Mr",
    "Ms",
}

ID = re.compile(r"\b(?=[A-Z0-9-]*\d)(?=[A-Z0-9-]*[A-Z])[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*\b")
MONEY = re.compile(r"\$\s?(\d[\d,]*(?:\.\d+)?)")
_M = "|".join(MONTHS)
DATE = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+({_M})\b|\b({_M})\s+(\d{{1,2}})(?:st|nd|rd|th)?\b")
PLACE = re.compile(r"\b([A-Z][a-z]+(?:\s+[A-Z][a-z]+)*)")
SUCCESS = re.compile(r"\b(booked|confirmed|reserved|added|arranged|all set|done)\b", re.I)
NEGATION = re.compile(
    r"\b(not|nothing|no|none|couldn't|could not|unable|didn't|did not|cannot|can't|failed|won't)\b", re.I
)
WHY = re.compile(
    r"\b(because|since|as|over|exceeds?|budget|know|need)\b|\bno .{0,60}\b(fits?|available|found|match|meets?)\b|:\s+\w",
    re.I,
)
RAW = re.compile(r'Traceback|\{\s*"|\bError:|\bException\b|\bnull\b')
SNAKE = re.compile(r"\b[a-z]+_[a-z_]+\b")
RUDE = re.compile(r"\b(stupid|idiot|dumb|whatever|obviously|shut up|your fault)\b", re.I)
SHOUT = re.compile(r"\b[A-Z]{4,}\b")


def _amounts(text: str) -> list[float]:
    return [round(float(m.replace(",", "")), 2) for m in MONEY.findall(text)]


def _dates(text: str) -> set[tuple[str, int]]:
    """Calendar dates written out ("20 January", "January 20th"), as (month, day)."""
    return {(m[1] or m[2], int(m[0] or m[3])) for m in DATE.findall(text)}


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+|\n", text) if s.strip()]


def _places(request: str) -> set[str]:
    """Runs of capitalised words that do not start a sentence, less weekdays, months and the like."""
    found = set()
    for sentence in _sentences(request):
        for m in PLACE.finditer(sentence):
            words = [w for w in m.group(1).split() if w not in _NOT_PLACES]
            if words and m.start() > 0:
                found.add(" ".join(words))
    return found


def _claims(text: str, pattern: re.Pattern[str]) -> bool:
    """A sentence of ``text`` matches ``pattern`` and has no negation."""
    return any(pattern.search(s) and not NEGATION.search(s) for s in _sentences(text))


def _ids(text: str) -> set[str]:
    return set(ID.findall(text))


def _allowed_amounts(inp: JudgeInput) -> set[float]:
    """Amounts a truthful report may give: the final state's, their totals (all lines, lines not
    cancelled), the request's (a budget), and a budget less a total (what is left)."""
    prices = [(a[-1], "cancelled" in line) for line in inp.final_state if (a := _amounts(line))]
    totals = {round(sum(p for p, _ in prices), 2), round(sum(p for p, gone in prices if not gone), 2)}
    asked = set(_amounts(inp.request))
    left = {round(b - t, 2) for b in asked for t in totals}
    return set(_amounts("\n".join(inp.final_state))) | totals | asked | left


def accuracy(inp: JudgeInput) -> tuple[int, str]:
    report, lines = inp.report, inp.final_state
    if not lines:
        if _claims(report, SUCCESS):
            return 1, "the report claims success but the final state holds nothing"
        if NEGATION.search(report) or report.rstrip().endswith("?"):
            return 5, "nothing was done and the report does not claim otherwise"
        return 3, "nothing was done and the report does not say so plainly"
    state, state_ids = "\n".join(lines), _ids("\n".join(lines))
    named = sum(1 for line in lines if any(i in report for i in _ids(line)))
    if not named and NEGATION.search(report) and not _claims(report, SUCCESS):
        return 1, "the report says nothing was done, but the final state holds something"
    score = 5 if named == len(lines) else 4 if 2 * named >= len(lines) else 3 if named else 2
    notes = [f"the report names {named} of the {len(lines)} things in the final state"]
    strange = sorted(set(_amounts(report)) - _allowed_amounts(inp))
    if strange:
        score -= 1
        notes.append(f"amounts the final state does not show: {', '.join(f'${a:,.2f}' for a in strange)}")
    unknown = sorted(
        i for i in _ids(report) if i not in state and not any(i.startswith(s) for s in state_ids)
    )
    if unknown:
        score -= 1
        notes.append(f"ids the final state does not have: {', '.join(unknown[:3])}")
    return max(1, score), "; ".join(notes)


def relevance(inp: JudgeInput) -> tuple[int, str]:
    report, lines = inp.report, inp.final_state
    if not lines:
        if report.rstrip().endswith("?"):
            return 4, "nothing was done yet: the report asks the user a question"
        if NEGATION.search(report) and WHY.search(report):
            return 4, "nothing was done, and the report says why"
        return (3 if NEGATION.search(report) else 2), "nothing was done, and the report does not say why"
    state = "\n".join(lines)
    places, dates = sorted(_places(inp.request)), sorted(_dates(inp.request))
    if not places and not dates:
        return 4, "the request names no place or date to check"
    missing = [p for p in places if p.lower() not in state.lower()]
    missing += [f"{d} {m}" for m, d in dates if (m, d) not in _dates(state)]
    share = 1 - len(missing) / (len(places) + len(dates))
    score = 5 if share == 1 else 4 if share >= 0.75 else 3 if share >= 0.5 else 2 if share > 0 else 1
    if not missing:
        return score, f"the final state has every place and date of the request ({len(places) + len(dates)})"
    return score, f"the final state lacks {', '.join(missing[:4])} from the request"


def tone(inp: JudgeInput) -> tuple[int, str]:
    text = inp.report.strip()
    if not text:
        return 1, "the report is empty"
    problems: list[tuple[int, str]] = []
    shouted = [w for w in SHOUT.findall(text) if not any(ch.isdigit() for ch in w)]
    checks: Iterable[tuple[bool, int, str]] = (
        (len(shouted) >= 3, 2, "shouting (words in capitals)"),
        (text.count("!") > 2, 1, "many exclamation marks"),
        (bool(RAW.search(text)), 2, "raw data or an error dump"),
        (bool(SNAKE.search(text)), 1, "internal tool names"),
        (bool(RUDE.search(text)), 2, "rude words"),
        (len(text.split()) > 250, 1, "long (over 250 words)"),
    )
    problems = [(cost, why) for hit, cost, why in checks if hit]
    if not problems:
        return 5, "plain and polite"
    return max(1, 5 - sum(c for c, _ in problems)), ", ".join(why for _, why in problems)


class OfflineJudge:
    """Scores ``JudgeInput`` on the rubric's criteria with the heuristics above (see the module)."""

    name = NAME
    criteria = {"accuracy": accuracy, "relevance": relevance, "tone": tone}

    def __init__(self, rubric: Rubric):
        missing = set(rubric.ids) - set(self.criteria)
        if missing:
            raise ValueError(f"the offline judge cannot score {sorted(missing)}")
        self.rubric = rubric

    def judge(self, inp: JudgeInput, deadline: Deadline | None = None) -> JudgeResult:
        """The verdict on one run (instant: ``deadline`` is not needed)."""
        found = {c: self.criteria[c](inp) for c in self.rubric.ids}
        scores = {c: s for c, (s, _) in found.items()}
        passed = self.rubric.verdict(scores)
        weakest = min(self.rubric.ids, key=lambda c: (scores[c], self.rubric.ids.index(c)))
        reason = f"{weakest} {scores[weakest]}: {found[weakest][1]}"
        return JudgeResult(judge=NAME, rubric=self.rubric.label, scores=scores, passed=passed, reason=reason)
