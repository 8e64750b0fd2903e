"""The simulated traveller: answers an agent's ``ask_user`` question with ONE thing it knows.

Every question the harness puts to a simulated human (``scripted`` and ``auto`` humans, the web app's
simulated runs) reaches ``TravelWorld.answer``, which asks ``answer`` here. Facts carry a topic
(``traveler.facts[].topic``, inferred from their ``match`` words for old files); a question is read
for its topics with a fixed lexicon (``_lexicon``) and the single best-matching fact is said, else the
scenario's default for the question's main topic, else its ``unknown_answer``. A question stuffed with
keywords still draws one fact. scenarios/README.md, "How the simulated traveller answers", documents
the rules with examples. ``brief`` is what an LLM playing the traveller is told instead
(``--traveller llm:MODEL``): the same facts and defaults, never the hidden sections.
"""

from worlds.travel.traveller._brief import brief
from worlds.travel.traveller._lexicon import BUILTIN_DEFAULTS, LEXICON, TOPICS, Topic, travelers_default
from worlds.travel.traveller._match import (
    FactLike,
    Reading,
    answer,
    classify,
    fact_scores,
    infer_topic,
    pick,
    tokens,
)

__all__ = [
    "BUILTIN_DEFAULTS",
    "LEXICON",
    "TOPICS",
    "FactLike",
    "Reading",
    "Topic",
    "answer",
    "brief",
    "classify",
    "fact_scores",
    "infer_topic",
    "pick",
    "tokens",
    "travelers_default",
]
