"""The checks of a world that need no run: its members, tools, scenario model, env and hooks.

Each check is a function ``(world, scenarios, report)`` that adds problems to the report and never
raises: an exception inside the world is itself a problem, reported with the check's name.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from sandbox.spi import (
    INTERACT,
    PROPOSAL,
    QUESTION,
    QUESTION_TOOL,
    READ,
    WRITE,
    ProposalSpec,
    ScenarioBase,
    ToolResult,
    ToolSpec,
    World,
    WorldHooks,
)

MEMBERS = (
    "name",
    "scenario_model",
    "policy_text",
    "user_noun",
    "tools",
    "interaction_tools",
    "build_catalog",
    "new_env",
    "check_scenario",
    "hooks",
    "briefing",
    "answer",
    "score",
    "reference_plan",
    "describe_state",
)
PROPOSAL_ARGS = ("items", "total", "rationale", "confidence", "alternatives")


@dataclass(frozen=True)
class Problem:
    check: str
    detail: str


@dataclass
class Conformance:
    """What ``check_world`` found: the checks that ran and the problems, each naming its check."""

    world: str
    checks: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def failed(self, check: str) -> list[str]:
        return [p.detail for p in self.problems if p.check == check]

    def add(self, check: str, detail: str) -> None:
        self.problems.append(Problem(check, detail))

    def summary(self) -> str:
        head = f"world {self.world!r}: {len(self.checks)} checks, {len(self.problems)} problems"
        return "\n".join([head, *(f"  {p.check}: {p.detail}" for p in self.problems)])


Check = Callable[[World, Sequence[ScenarioBase], Conformance], None]


def members(world: World, scenarios: Sequence[ScenarioBase], report: Conformance) -> None:
    """Every member of ``sandbox.spi.World`` is there (subclass it to inherit the optional ones)."""
    for name in MEMBERS:
        if not hasattr(world, name):
            report.add("members", f"no {name!r} (subclass sandbox.spi.World for the optional members)")


def tools(world: World, scenarios: Sequence[ScenarioBase], report: Conformance) -> None:
    """Schemas and marks: READ or WRITE tools, then interaction tools with one role each."""
    specs = [*world.tools, *world.interaction_tools]
    names = [t.name for t in specs]
    for dup in sorted({n for n in names if names.count(n) > 1}):
        report.add("tools", f"two tools are called {dup!r}")
    for t in world.tools:
        if t.kind not in (READ, WRITE) or t.role is not None:
            report.add(
                "tools", f"{t.name}: a world tool is marked READ or WRITE (got {t.kind}, role {t.role})"
            )
    for t in specs:
        _schema(t, report)
    roles = [t.role for t in world.interaction_tools]
    for t in world.interaction_tools:
        if t.kind != INTERACT or t.role not in (QUESTION, PROPOSAL):
            report.add(
                "tools",
                f"{t.name}: an interaction tool is INTERACT with a role (use question_tool/proposal_tool)",
            )
        elif roles.count(t.role) > 1:
            report.add("tools", f"{t.name}: more than one {t.role} tool")
        elif t.role == QUESTION and t.name != QUESTION_TOOL:
            report.add("tools", f"{t.name}: the question tool is the sandbox's {QUESTION_TOOL!r}")
        elif t.role == PROPOSAL:
            _proposal(t, report)


def _schema(t: ToolSpec, report: Conformance) -> None:
    try:
        schema = t.json_schema()
    except Exception as exc:  # the world's model may not make a schema
        report.add("tools", f"{t.name}: no JSON schema ({exc!r})")
        return
    if not t.description.strip():
        report.add("tools", f"{t.name}: no description (the docstring is what a model reads)")
    if schema["parameters"].get("type") != "object":
        report.add("tools", f"{t.name}: parameters are not a JSON object schema")


def _proposal(t: ToolSpec, report: Conformance) -> None:
    fields = t.args_model.model_fields
    if not isinstance(t, ProposalSpec) or any(a not in fields for a in PROPOSAL_ARGS):
        report.add("tools", f"{t.name}: a proposal tool takes {', '.join(PROPOSAL_ARGS)} (use proposal_tool)")
        return
    item = t.args_model.model_json_schema()["$defs"]
    if not any({"kind", "id"} <= set(d.get("properties", {})) for d in item.values()):
        report.add("tools", f"{t.name}: a plan item has a kind and an id")


def scenario_model(world: World, scenarios: Sequence[ScenarioBase], report: Conformance) -> None:
    """A ``ScenarioBase`` whose ``world.name`` defaults to the world's name; the scenarios are its own."""
    model = world.scenario_model
    if not (isinstance(model, type) and issubclass(model, ScenarioBase)):
        report.add("scenario_model", "the scenario model is not a sandbox.spi.ScenarioBase")
        return
    section = model.model_fields.get("world")
    kind = section.annotation if section is not None else None
    name = kind.model_fields.get("name") if isinstance(kind, type) and issubclass(kind, BaseModel) else None
    if name is None or name.default != world.name:
        report.add("scenario_model", f"no world section whose name defaults to {world.name!r}")
    for sc in scenarios:
        if not isinstance(sc, model):
            report.add("scenario_model", f"{sc.id}: not a {model.__name__}")


def scenario_checks(world: World, scenarios: Sequence[ScenarioBase], report: Conformance) -> None:
    """The world's own checks find no error in its scenarios, and every scenario has a briefing."""
    for sc in scenarios:
        for f in world.check_scenario(sc):
            if f.severity == "error":
                report.add("scenario_checks", f"{sc.id}: {f.message}")
        if not world.briefing(sc).strip():
            report.add("scenario_checks", f"{sc.id}: empty briefing")


def _calls(world: World, sc: ScenarioBase) -> list[tuple[str, dict[str, Any]]]:
    """The reference plan's calls (first steps and the best option's calls): a run's worth of state."""
    plan = world.reference_plan(sc)
    options = plan.get("options") or [{}]
    steps = [*plan.get("pre", []), *options[0].get("calls", [])]
    return [
        (s["tool"], dict(s.get("args") or {})) for s in steps if s["tool"] in {t.name for t in world.tools}
    ]


def _played(world: World, sc: ScenarioBase) -> tuple[Any, list[tuple[str, ToolResult]]]:
    env = world.new_env(sc, trial=0)
    done = []
    for n, (tool, args) in enumerate(_calls(world, sc)):
        done.append((f"conformance-{n}", env.call(tool, args, f"conformance-{n}")))
    return env, done


def determinism(world: World, scenarios: Sequence[ScenarioBase], report: Conformance) -> None:
    """Same scenario and seed, same calls: the same state hash, from the start and after the calls."""
    for sc in scenarios:
        if world.new_env(sc, trial=0).state_hash() != world.new_env(sc, trial=0).state_hash():
            report.add("determinism", f"{sc.id}: two fresh envs hash differently")
        (a, _), (b, _) = _played(world, sc), _played(world, sc)
        if a.state_hash() != b.state_hash():
            report.add("determinism", f"{sc.id}: the same calls leave different state hashes")


def round_trip(world: World, scenarios: Sequence[ScenarioBase], report: Conformance) -> None:
    """dump/restore gives the same state, and a replayed call id returns its result, changing nothing."""
    for sc in scenarios:
        env, done = _played(world, sc)
        copy = world.new_env(sc, trial=0)
        copy.restore_state(env.dump_state())
        if (copy.state_hash(), copy.dump_state()) != (env.state_hash(), env.dump_state()):
            report.add("round_trip", f"{sc.id}: a restored state differs from the dumped one")
        for call_id, result in done:
            if copy.lookup(call_id) != result:
                report.add("round_trip", f"{sc.id}: {call_id} is not recorded after a restore")
        before = env.state_hash()
        for (tool, args), (call_id, result) in zip(_calls(world, sc), done, strict=True):
            if env.call(tool, args, call_id) != result:
                report.add("round_trip", f"{sc.id}: replaying {call_id} ({tool}) gave another result")
        if env.state_hash() != before:
            report.add("round_trip", f"{sc.id}: replaying executed calls changed the state")


def failures(world: World, scenarios: Sequence[ScenarioBase], report: Conformance) -> None:
    """A bad call is an error observation naming the problem, never an exception."""
    for sc in scenarios[:1]:
        env = world.new_env(sc, trial=0)
        bad: list[tuple[str, Any]] = [
            ("no_such_tool", {}),
            *((t.name, {"no_such_argument": 1}) for t in world.tools),
        ]
        for n, (tool, args) in enumerate(bad):
            try:
                result = env.call(tool, args, f"conformance-bad-{n}")
            except Exception as exc:
                report.add("failures", f"{tool}: a bad call raised {exc!r} instead of returning an error")
                continue
            if not isinstance(result, ToolResult) or result.ok or result.error is None:
                report.add("failures", f"{tool}: a bad call did not come back as an error result")


def _state_words(world: World, sc: ScenarioBase, env: Any, when: str, report: Conformance) -> None:
    lines = world.describe_state(env)
    if not isinstance(lines, list) or not all(isinstance(x, str) and x.strip() for x in lines):
        report.add("hooks", f"{sc.id}: describe_state {when} is not a list of lines of text")


def hooks(world: World, scenarios: Sequence[ScenarioBase], report: Conformance) -> None:
    """What the gateway asks about the reference's WRITE calls has the promised types, and the final
    state in plain words (``describe_state``, what a judge reads) is lines of text."""
    writes = {t.name for t in world.tools if t.kind == WRITE}
    for sc in scenarios:
        env = world.new_env(sc, trial=0)
        _state_words(world, sc, env, "at the start", report)
        h = world.hooks(env)
        if not isinstance(h, WorldHooks) or len(h.budget()) != 2:
            report.add("hooks", f"{sc.id}: hooks() is not a WorldHooks with a (budget, remaining) budget()")
            continue
        for tool, args in _calls(world, sc):
            if tool not in writes:
                continue
            quote = h.quote(tool, args)
            if not isinstance(h.guardrails(tool, args), list) or not (
                quote is None or isinstance(quote, float | int)
            ):
                report.add("hooks", f"{sc.id}: {tool}: guardrails must be a list and quote a number or None")
            if not h.describe(tool, args).strip():
                report.add("hooks", f"{sc.id}: {tool}: describe gives no words for the checkpoint card")
            env.call(tool, args)
        _state_words(world, sc, env, "after the reference's calls", report)
