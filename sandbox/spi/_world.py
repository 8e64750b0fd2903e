"""What the harness needs from a world. Worlds are found by name (``sandbox.spi.worlds``).

``World[S, E]`` is generic in the world's scenario model ``S`` and its per-run env ``E`` (the to-do
world is a ``World[MockScenario, MockEnv]``); the harness, which finds worlds by name, holds a
``World[Any, Any]`` and only passes a world what that world gave it (its scenarios, its env).
Subclassing ``World`` (``class MyWorld(World[MyScenario, MyEnv])``) also inherits the defaults of its
optional members (``user_noun``, ``interaction_tools``, ``provenance``, ``describe_state``,
``mistake_checks``, ``drill_recipes``, and the attack members ``attacks``, ``apply_attack``,
``judge_attack``: a world without attacks has none).
``WorldHooks`` is what the gateway asks the world about one call; its optional fields have defaults
too. ``sandbox.conformance.check_world`` checks a world against this contract.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol, TypeVar

from sandbox.errors import ConfigError
from sandbox.spi._answer_key import DrillRecipe
from sandbox.spi._event_data import CardContent, HarmKind
from sandbox.spi._events import TraceEvent
from sandbox.spi._generator import ScenarioGenerator
from sandbox.spi._interaction import question_tool
from sandbox.spi._results import WorldScore
from sandbox.spi._scenario import ScenarioBase, ToolMatch
from sandbox.spi._tools import ToolResult, ToolSpec


@dataclass(frozen=True)
class Finding:
    """A validation finding about a scenario beyond its schema (e.g. from the oracle)."""

    severity: Literal["error", "warning", "info"]
    message: str


@dataclass(frozen=True)
class Harm:
    """What an attempted call would break, had it reached the world: a hard ``constraint`` of the
    scenario, a ``minefield`` or the ``budget``; ``check`` is the stable id of what it breaks (a check
    id of the world's scoring, ``minefield``, ``budget``), ``detail`` says what, in words."""

    kind: HarmKind
    check: str
    detail: str


def minefield_harms(minefields: Sequence[ToolMatch], tool: str, args: dict[str, Any]) -> list[Harm]:
    """A ``minefield`` harm for every minefield an attempt of ``tool(**args)`` steps on (its tool glob
    and arguments; whether the call would succeed does not matter: the attempt is the harm). For a
    world's ``judge_call``: ``minefield_harms(scenario.expect.minefields, tool, args)``."""
    return [
        Harm("minefield", "minefield", str(getattr(m, "description", "") or m.tool))
        for m in minefields
        if m.matches_call(tool, args)
    ]


@dataclass(frozen=True)
class AttackOutcome:
    """How an attack (``World.attacks``) fared in one run: ``reached`` — its goal is met in the final
    state; ``attempted`` — the agent made a call towards the goal but the goal was not reached (a
    guardrail, the human or the world stopped it); ``detail`` says what happened, in words. Never both."""

    reached: bool
    attempted: bool
    detail: str


def _no_harm(tool: str, args: dict[str, Any]) -> list[Harm]:
    return []


def _no_card(tool: str, args: dict[str, Any]) -> CardContent | None:
    return None


@dataclass
class WorldHooks:
    """What the gateway asks of the world about a call (all pure reads of the run's env).

    - ``guardrails(tool, args)``: the domain rules a WRITE call breaks, as ``(rule, message)``;
    - ``quote(tool, args)``: what the call would cost, in dollars (None: nothing, or unknown); for the
      world's proposal tool, what carrying out the plan's items would cost (the amount the override
      policy and the checkpoint see for a plan; never the agent's stated total);
    - ``budget()``: the run's budget and what is left of it, in dollars (None: no budget);
    - ``describe(tool, args)``: the call in plain words, for a checkpoint card;
    - ``judge_call(tool, args)`` (optional): the harms an attempted call would do had it reached the
      world, judged against the scenario's hidden sections on the state before the call (``Harm``). The
      gateway asks it about every WRITE call (the agent's arguments, before the guardrails and the
      human, and a human's edited arguments) and about the world's proposal tool (a plan's items, as
      the calls that would carry them out). Default: no harm.
    - ``card(tool, args)`` (optional): what a checkpoint card shows about the call (``CardContent``: a
      headline in words, facts, cancellation terms, whether it is irreversible). None (the default):
      the card's headline is ``describe``'s line.
    """

    guardrails: Callable[[str, dict[str, Any]], list[tuple[str, str]]]
    quote: Callable[[str, dict[str, Any]], float | None]
    budget: Callable[[], tuple[float | None, float | None]]
    describe: Callable[[str, dict[str, Any]], str]
    judge_call: Callable[[str, dict[str, Any]], list[Harm]] = field(default=_no_harm)
    card: Callable[[str, dict[str, Any]], CardContent | None] = field(default=_no_card)


class Env(Protocol):
    """One run's world: the shared catalog plus the run's own small, mutable state."""

    def call(self, tool: str, args: dict[str, Any] | None, call_id: str | None = None) -> ToolResult: ...

    def state_hash(self) -> str: ...

    def lookup(self, call_id: str) -> ToolResult | None:
        """The recorded result of a call already made in this run (idempotent replays)."""
        ...

    def record(self, call_id: str, tool: str, args: dict[str, Any], result: ToolResult) -> object:
        """Record a result the world did not produce (blocked, rejected, answered by a human), so that a
        replay of ``call_id`` returns it. What it returns is not used."""
        ...

    def dump_state(self) -> str:
        """The run's state, exactly (a paused run is persisted with it)."""
        ...

    def restore_state(self, text: str) -> None:
        """Restore a dumped state, including what makes replays of executed calls idempotent."""
        ...

    def fault_for(self, call_id: str) -> str | None:
        """The injected fault that fired on this call, if any."""
        ...


S = TypeVar("S", bound=ScenarioBase)
E = TypeVar("E", bound=Env)


class World(Protocol[S, E]):
    """A world: its scenario model, tools, runs, rules, scoring and oracle.

    The scenario model must have a ``world`` section whose ``name`` defaults to the world's name: it is
    how a scenario file and a loaded scenario name their world.
    """

    name: str
    scenario_model: type[S]
    policy_text: str  # the world's rules for agents, in plain words
    #: What the world calls its user in the texts the harness writes ("the user did not answer").
    user_noun: str = "user"
    #: The answer key to planted mistakes: for each kind a model plants (``InjectedMistake.kind``, a
    #: quirk's name), the ids of the world's checks (and the signals of ``sandbox.spi.DrillRecipe``)
    #: that can catch it, best first. A kind it does not list, no check is said to catch. Default: none.
    mistake_checks: Mapping[str, tuple[str, ...]] = {}
    #: How ``travel-sandbox drill`` makes runs with known defects in this world. Default: none.
    drill_recipes: tuple[DrillRecipe, ...] = ()
    #: Where ``travel-sandbox learn`` starts a newcomer: ids of shipped scenarios (the first is run and
    #: read together; the walkthrough's drill draws from all of them) and the defect kinds of that
    #: drill (``drill_recipes`` kinds). Default: none (the suite's first scenarios; the seed's kinds).
    tutorial_scenarios: tuple[str, ...] = ()
    tutorial_kinds: tuple[str, ...] = ()

    @property
    def tools(self) -> Sequence[ToolSpec]:
        """The world's READ and WRITE tools, in the order an agent is given them."""
        ...

    @property
    def interaction_tools(self) -> Sequence[ToolSpec]:
        """The tools the harness answers (``sandbox.spi.question_tool``, ``proposal_tool``): at most
        one per role, given to an agent after ``tools``. Default: the sandbox's question tool only."""
        return (question_tool(),)

    def build_catalog(self, seed: int, size: str) -> dict[str, Any]:
        """Build (or load from cache) a catalog; return its info (seed, size, counts, catalog_hash, …)."""
        ...

    def new_env(self, scenario: S, *, trial: int = 0) -> E: ...

    def check_scenario(self, scenario: S) -> list[Finding]:
        """Checks beyond the schema: ids that exist, solvable or provably not (the oracle)."""
        ...

    def hooks(self, env: E) -> WorldHooks:
        """Guardrails, cost, budget and plain-words description of calls, for the gateway."""
        ...

    def briefing(self, scenario: S) -> str:
        """The agent's standing instructions for a scenario: the world's rules and its clock."""
        ...

    def answer(self, scenario: S, question: str) -> str:
        """The simulated user's answer to a question (the ``question`` tool)."""
        ...

    def describe_state(self, env: E) -> list[str]:
        """What the run has left in the world, in plain words: one line per thing its user would care
        about (a booking, an item on a list), each saying what it is, when, for whom and at what price
        where that applies; an empty list when it left nothing. It is what an outside reader (a
        person, a judge of the agent's report) is shown of the outcome, so it names nothing from the
        scenario's hidden sections and judges nothing. Default: nothing to show."""
        return []

    def score(self, scenario: S, env: E, events: list[TraceEvent], message: str) -> WorldScore:
        """Score a finished run from its final state (and the trace)."""
        ...

    def reference_plan(self, scenario: S) -> dict[str, Any]:
        """PRIVILEGED: the oracle's plan, for the reference agent only.

        Shape (what ``agents.reference`` reads): ``pre`` — calls to make first, each
        ``{"tool", "args"}``; ``options`` — best first, each with the ``calls`` that carry it out, the
        proposal's ``items`` and its ``total``; ``refuse_reason`` — why nothing is booked, when
        ``options`` is empty.
        """
        ...

    @property
    def scenario_generator(self) -> ScenarioGenerator | None:
        """Draws validated scenarios of named families (``travel-sandbox scenarios generate``), or None
        when the world has no generator. Optional: None."""
        return None

    def provenance(self, scenario: S) -> dict[str, str | int]:
        """What a run of ``scenario`` depends on beyond the code and the scenario file, as stable values
        that change when its results would: the version and hash of the data it runs on (e.g. a
        generated catalog), the version of the world's own scoring. Flat ``{key: value}``; one key per
        thing (two scenarios on the same data give the same key and value). Recorded with every batch;
        ``travel-sandbox compare`` warns when two batches differ on a key. Optional: ``{}``."""
        return {}

    @property
    def attacks(self) -> dict[str, str]:
        """The world's attacks (prompt injections planted into its tool data, each with its own goal),
        by name, each with a one-line description. Default: none (``--attack`` then refuses the
        world, naming it)."""
        return {}

    def apply_attack(self, scenario: S, name: str) -> S:
        """``scenario`` with attack ``name`` planted into the data its tools show (a new scenario; the
        given one is not changed). Only called with a name from ``attacks``."""
        raise ConfigError(f"world {self.name!r} has no attacks")

    def judge_attack(self, scenario: S, name: str, env: E, events: list[TraceEvent]) -> AttackOutcome:
        """Whether attack ``name``'s goal was reached in this run (the final state of ``env``) or
        attempted and stopped (the trace), for the attacked ``scenario``."""
        raise ConfigError(f"world {self.name!r} has no attacks")
