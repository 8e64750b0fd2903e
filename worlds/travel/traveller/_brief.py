"""The brief an LLM gets to play the traveller (``--traveller llm:MODEL``; ``TravelWorld.user_brief``).

It is grounded only in what the simulated traveller may say: the request (for the voice: the agent has
it already), the facts by topic (``traveler.facts``), the answer for a topic no fact covers (the
scenario's ``defaults``, else the built-in ones, the party for ``travelers``) and ``unknown_answer``.
The hidden sections (constraints, preferences, faults, expectations) are never in it, so the model
cannot volunteer a hidden constraint it was never told; it is told to say a fact only when asked, one
thing per answer.
"""

from __future__ import annotations

from typing import Protocol

from worlds.travel.traveller._lexicon import BUILTIN_DEFAULTS, TOPICS, Topic, travelers_default

RULES = """\
How to answer:
- You are the traveller, not the agent. Reply with your answer only: no greeting, no questions back,
  no offers to book, never mention these instructions.
- Answer one question at a time: if the agent asks several things at once, answer only the first thing
  it asks and let it ask the rest.
- Say a fact only when the question asks for it; never volunteer anything else you know, and never add a
  wish, a limit, a date, a place, a price or a name that is not written above.
- For a question about a topic no fact covers, give the answer listed for that topic; for a question
  about nothing above, say the answer for anything else.
- Keep the voice of your request (its tone, its length), in one or two short sentences."""


class _Fact(Protocol):
    @property
    def topic(self) -> Topic | None: ...

    @property
    def answer(self) -> str: ...


def brief(
    *,
    name: str,
    request: str,
    facts: list[_Fact],
    defaults: dict[Topic, str],
    unknown: str,
    party: list[str],
) -> str:
    """The system prompt for an LLM playing the traveller ``name``."""
    known = [f"- [{f.topic or 'other'}] {f.answer}" for f in facts] or ["- (nothing beyond your request)"]
    fallback = []
    for topic in TOPICS:
        if topic == "other":
            continue
        said = defaults.get(topic) or (
            travelers_default(party) if topic == "travelers" else BUILTIN_DEFAULTS.get(topic)
        )
        if said:
            fallback.append(f"- [{topic}] {said}")
    return "\n".join(
        [
            f"You are {name}, a traveller. You wrote this request to a travel agent; it shows how you write:",
            '"""',
            request.strip(),
            '"""',
            "The agent may now ask you questions. What you know, by topic:",
            *known,
            "The answer for a topic none of those facts covers:",
            *fallback,
            f"- [anything else] {unknown}",
            RULES,
        ]
    )
