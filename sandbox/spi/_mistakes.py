"""The one list of mistake kinds a model may plant on purpose (the answer key's vocabulary).

A planted mistake perturbs one of three things an agent works from:

- ``intent`` — what the model read the traveller to want (a date a day off, a limit dropped);
- ``observation`` — what the model read a tool to say (a price misread);
- ``reply`` — what the model says or calls (a garbled id, a claim of success after a failure).

The ``noisy`` model plants ``reply`` and ``observation`` mistakes itself and turns on its inner
model's quirks, which perturb the ``intent`` (and some replies) from inside. Every kind recorded in
a trace is named here; a world's answer key (``World.mistake_checks``) says which of its checks can
catch each, and drill recipes name them in their evidence (``planted:KIND``). Old names that stored
traces still carry are ``aliases``: ``canonical`` reads them as today's name.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Target = Literal["intent", "observation", "reply"]


@dataclass(frozen=True)
class MistakeKind:
    """One kind of planted mistake: its name, what it perturbs, and what it does in one line."""

    name: str
    perturbs: tuple[Target, ...]
    about: str
    aliases: tuple[str, ...] = ()


MISTAKE_KINDS: tuple[MistakeKind, ...] = (
    MistakeKind("wrong_date", ("reply", "intent"), "a date one day off (in a call, or as read)"),
    MistakeKind(
        "hallucinated_id",
        ("reply",),
        "an id that does not exist: garbled in a call, or cited in the report",
        aliases=("hallucinate_id",),
    ),
    MistakeKind("ignored_preference", ("reply",), "another option of the same search booked"),
    MistakeKind("drop_preference", ("intent",), "one stated wish forgotten when reading the request"),
    MistakeKind(
        "overspend", ("reply", "intent"), "the dearest option booked, or the budget dropped from the intent"
    ),
    MistakeKind(
        "limit_as_wish", ("intent",), "a hard limit (non-stop, stars, an amenity, a time) read as a wish"
    ),
    MistakeKind("wrong_party", ("intent",), "the party or the rooms read one off"),
    MistakeKind("wrong_city", ("intent",), "a destination read as another city with a near name"),
    MistakeKind("misread_price", ("observation",), "a search result's dearest price read as its cheapest"),
    MistakeKind("false_success", ("reply",), "the traveller told everything was booked after a failure"),
    MistakeKind(
        "skipped_verification",
        ("reply",),
        "what was done never checked again (a verification call dropped) before the report",
        aliases=("skip_verify",),
    ),
)

MISTAKES: dict[str, MistakeKind] = {k.name: k for k in MISTAKE_KINDS}
_ALIASES: dict[str, str] = {alias: k.name for k in MISTAKE_KINDS for alias in k.aliases}


def canonical(name: str) -> str:
    """Today's name of a mistake kind (an old alias read as its new name; unknown names unchanged)."""
    return _ALIASES.get(name, name)


def mistake_kind(name: str) -> MistakeKind:
    """The registered kind of ``name`` (or an alias of it); ``KeyError`` naming it otherwise."""
    try:
        return MISTAKES[canonical(name)]
    except KeyError:
        raise KeyError(f"unknown mistake kind {name!r}; known: {', '.join(MISTAKES)}") from None


def planted(name: str) -> str:
    """The drill evidence signal for a planted mistake of ``name`` that a check caught."""
    return f"planted:{mistake_kind(name).name}"
