"""Override policies: when the gateway lets a tool call run, stops to ask a human, or refuses it.

A policy is an ordered list of rules and a default (docs/architecture.md)::

    name: careful
    rules:
      - {role: question, then: approve}
      - {kind: WRITE, when: "amount > 500 or confidence < 0.7", then: ask}
      - {role: proposal, then: ask, reason: "every plan needs your approval"}
    default: approve          # when no rule matches; omitted, it is reject

A rule matches a call when the tool name matches its glob (``fnmatch``, case-sensitive), its
``kind`` (READ, WRITE or INTERACT) and its ``role`` (``question``, ``proposal``: an interaction tool's
role) match if given, and its ``when`` condition (see ``sandbox.control._conditions``) is true if
given. The first matching rule decides; if none matches, the default does. Conditions see the
``CallFacts`` of the call: ``tool``, ``kind``, ``amount``, ``budget``, ``budget_remaining``,
``confidence``, ``calls``; an unknown (None) value makes an ordering comparison false, so
``confidence < 0.7`` does not fire when no confidence was stated.

Shipped presets (``sandbox/control/policies/*.yaml``), from fewest to most interruptions. They name
tool kinds and roles, never a tool, so they hold in every world:

===================  ===========================================================================
preset               decides
===================  ===========================================================================
never-ask            approve every call
ask-above-<amount>   ask on a WRITE call or a proposal costing more than <amount> dollars
                     (e.g. ``ask-above-500``); an unknown amount does not ask; approve the rest
ask-when-unsure      ask on a WRITE call or a proposal when the agent's confidence is below 0.7
                     or not stated; approve the rest
ask-on-write         ask on every WRITE call and every proposal; approve the rest
                     (**the default** when neither run nor scenario names a policy)
always-ask           ask on every call, reads included, except questions: the upper bound on
                     interruptions, for sweeps
===================  ===========================================================================

In every preset a question to the user is approved: the user answers it, there is no action to
approve. The proposal is the natural checkpoint: the plan, its total and the agent's confidence,
before anything changes.
"""

from __future__ import annotations

import fnmatch
import functools
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from sandbox._yaml import FileTooLargeError, YamlLimitError, load_yaml, max_file_bytes, read_capped
from sandbox.control._conditions import Condition
from sandbox.errors import ConfigError, UnknownNameError
from sandbox.spi import PolicyOutcome, PolicyRule, PolicySpec, ToolKind, ToolRole

#: The preset used when neither the run nor the scenario names a policy.
DEFAULT_POLICY = "ask-on-write"
#: Preset names in order of how often they interrupt; ``ask-above-<amount>`` is a family.
PRESETS: tuple[str, ...] = (
    "never-ask",
    "ask-above-<amount>",
    "ask-when-unsure",
    "ask-on-write",
    "always-ask",
)
_ASK_ABOVE = re.compile(r"ask-above-(\d{1,9}(?:\.\d{1,2})?)")
_AMOUNT = "<amount>"


@dataclass(frozen=True)
class CallFacts:
    """What a policy knows about one tool call. Money is in dollars; None means unknown."""

    tool: str
    kind: ToolKind
    amount: float | None = None
    budget: float | None = None
    budget_remaining: float | None = None
    confidence: float | None = None
    calls: int = 0
    role: ToolRole | None = None  # an interaction tool's role

    def variables(self) -> dict[str, Any]:
        """The values a rule's ``when`` condition sees."""
        return {
            "tool": self.tool,
            "kind": self.kind,
            "amount": self.amount,
            "budget": self.budget,
            "budget_remaining": self.budget_remaining,
            "confidence": self.confidence,
            "calls": self.calls,
        }


@dataclass(frozen=True)
class PolicyDecision:
    """The outcome for one call, the rule that produced it (rendered) and the reason shown, in words: the
    rule's own ``reason``, else the rule as a sentence (``Rule.in_words``)."""

    outcome: PolicyOutcome
    rule: str
    reason: str
    policy: str


_ROLE_WORDS = {"question": "a question to the user", "proposal": "a proposed plan"}
_KIND_WORDS = {"WRITE": "a call that makes a change", "READ": "a look-up", "INTERACT": "an interaction"}
_THEN_WORDS = {
    "ask": "needs your approval",
    "reject": "is not allowed",
    "approve": "goes ahead without asking",
}
_DEFAULT_WORDS = {"ask": "asks you", "reject": "refuses it", "approve": "lets it go ahead"}


@dataclass(frozen=True)
class Rule:
    """A compiled ``PolicyRule``; ``number`` is its 1-based position in the policy."""

    number: int
    tool: str
    kind: ToolKind | None
    when: Condition | None
    then: PolicyOutcome
    reason: str | None = None
    role: ToolRole | None = None

    def matches(self, call: CallFacts) -> bool:
        if not fnmatch.fnmatchcase(call.tool, self.tool):
            return False
        if self.kind is not None and call.kind != self.kind:
            return False
        if self.role is not None and call.role != self.role:
            return False
        return self.when is None or self.when.evaluate(call.variables())

    def in_words(self) -> str:
        """The rule as a sentence, for a rule that states no ``reason`` of its own, e.g. "a call that
        makes a change, when amount > 500, needs your approval"."""
        if self.role is not None:
            what = _ROLE_WORDS.get(self.role, f"a {self.role}")
        elif self.kind is not None:
            what = _KIND_WORDS.get(self.kind, f"a {self.kind} call")
        else:
            what = "any call"
        if self.tool != "*":
            what += f" of a tool named {self.tool}"
        when = f", when {self.when}," if self.when else ""
        return f"{what}{when} {_THEN_WORDS[self.then]}"

    def __str__(self) -> str:
        """Readable form, e.g. ``#2 * [WRITE] when amount > 500 -> ask`` or ``#1 * (question) -> approve``."""
        kind = f" [{self.kind}]" if self.kind else ""
        role = f" ({self.role})" if self.role else ""
        when = f" when {self.when}" if self.when else ""
        return f"#{self.number} {self.tool}{kind}{role}{when} -> {self.then}"


@dataclass(frozen=True)
class Policy:
    """A named, ordered list of rules and a default outcome. Build with ``load_policy``."""

    name: str
    rules: tuple[Rule, ...]
    default: PolicyOutcome
    description: str = ""

    @classmethod
    def from_spec(cls, spec: PolicySpec, *, source: str = "policy", description: str = "") -> Policy:
        """Compile a spec; a bad condition is a ``ConfigError`` naming ``source`` and the rule."""
        rules = []
        for i, r in enumerate(spec.rules):
            try:
                when = Condition.parse(r.when) if r.when is not None else None
            except ConfigError as exc:
                raise ConfigError(f"{source}: rules.{i}.when: {exc}") from None
            rules.append(Rule(i + 1, r.tool, r.kind, when, r.then, r.reason, r.role))
        return cls(spec.name or "custom", tuple(rules), spec.default, description)

    def decide(self, call: CallFacts) -> PolicyDecision:
        """The first matching rule's outcome, or the default's."""
        for rule in self.rules:
            if rule.matches(call):
                reason = rule.reason or rule.in_words()
                return PolicyDecision(rule.then, str(rule), reason, self.name)
        reason = f"no rule of policy {self.name!r} covers this call, and by default it {_DEFAULT_WORDS[self.default]}"
        return PolicyDecision(self.default, f"default -> {self.default}", reason, self.name)

    def to_spec(self) -> PolicySpec:
        rules = [
            PolicyRule(
                tool=r.tool,
                kind=r.kind,
                role=r.role,
                when=r.when.text if r.when else None,
                then=r.then,
                reason=r.reason,
            )
            for r in self.rules
        ]
        return PolicySpec(name=self.name, rules=rules, default=self.default)

    def describe(self) -> str:
        """Multi-line readable form: name, description, rules, default."""
        head = f"{self.name}: {self.description}" if self.description else self.name
        lines = [head, *(f"  {r}" for r in self.rules), f"  default -> {self.default}"]
        return "\n".join(lines)


def load_policy(ref: str | Path | PolicySpec | Policy | None, *, base_dir: Path | None = None) -> Policy:
    """Resolve a policy reference.

    - ``None``: the default preset, ``ask-on-write`` (ask before anything changes);
    - a preset name (``list_policies()``), including ``ask-above-<amount>`` for any amount;
    - a path to a YAML policy file (``*.yaml``/``*.yml`` or containing a ``/``), relative to
      ``base_dir`` (e.g. the scenario's folder) or the current directory;
    - an inline ``PolicySpec`` (or an already built ``Policy``).

    An unknown name raises ``UnknownNameError`` with a "did you mean"; ``ask-above-`` followed by
    anything but an amount, or a missing or malformed file, raises ``ConfigError`` naming the file
    and the field.
    """
    if ref is None:
        return _preset(DEFAULT_POLICY)
    if isinstance(ref, Policy):
        return ref
    if isinstance(ref, PolicySpec):
        return Policy.from_spec(ref, source=f"policy {ref.name!r}" if ref.name else "inline policy")
    if isinstance(ref, Path) or _looks_like_path(ref):
        return _load_file(Path(ref), base_dir)
    return _preset(ref)


def list_policies() -> list[tuple[str, str]]:
    """``(name, description)`` of every preset, fewest interruptions first."""
    return [(name, _preset_text(name)[1]) for name in PRESETS]


def _looks_like_path(ref: str) -> bool:
    return ref.endswith((".yaml", ".yml")) or "/" in ref or "\\" in ref


@functools.lru_cache(maxsize=64)
def _preset(name: str) -> Policy:
    match = _ASK_ABOVE.fullmatch(name)
    if match:
        amount = match.group(1)
        amount = str(int(float(amount))) if float(amount).is_integer() else amount
        text, description = _preset_text("ask-above-<amount>")
        text, description = text.replace(_AMOUNT, amount), description.replace(_AMOUNT, amount)
    elif name.startswith("ask-above-"):
        raise ConfigError(
            f"policy {name!r}: put an amount in dollars after 'ask-above-' (at most two decimals), "
            "e.g. 'ask-above-500'"
        )
    elif name in PRESETS:
        text, description = _preset_text(name)
    else:
        raise UnknownNameError("policy", name, PRESETS)
    spec = _parse_spec(text, f"preset {name!r}")
    return Policy.from_spec(spec, source=f"preset {name!r}", description=description)


def _preset_text(name: str) -> tuple[str, str]:
    """The preset's YAML text and its description (the ``# <name>: <description>`` header line)."""
    filename = name.replace(_AMOUNT, "amount") + ".yaml"
    text = resources.files("sandbox.control").joinpath("policies", filename).read_text(encoding="utf-8")
    prefix = f"# {name}: "
    description = next(
        (line[len(prefix) :].strip() for line in text.splitlines() if line.startswith(prefix)), ""
    )
    return text, description


def _load_file(path: Path, base_dir: Path | None) -> Policy:
    full = path if path.is_absolute() or base_dir is None else base_dir / path
    try:
        text = read_capped(full, max_file_bytes()).decode("utf-8")
    except FileNotFoundError:
        raise ConfigError(f"policy file {str(path)!r} not found (looked for {full})") from None
    except (FileTooLargeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"policy file {str(full)!r} cannot be read: {exc}") from None
    except OSError as exc:
        raise ConfigError(f"policy file {str(full)!r} cannot be read: {exc.strerror or exc}") from None
    spec = _parse_spec(text, str(full))
    if spec.name is None:  # an unnamed policy file is named after the file
        spec = spec.model_copy(update={"name": full.stem})
    return Policy.from_spec(spec, source=str(full))


def _parse_spec(text: str, source: str) -> PolicySpec:
    try:
        data = load_yaml(text)  # bounded: depth, aliases
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{source}:{mark.line + 1}" if mark is not None else source
        problem = getattr(exc, "problem", None) or str(exc)
        kind = "YAML" if isinstance(exc, YamlLimitError) else "not valid YAML:"
        raise ConfigError(f"{where}: {kind} {problem}") from None
    if not isinstance(data, dict):
        got = "an empty file" if data is None else f"a {type(data).__name__}"
        raise ConfigError(
            f"{source}: a policy must be a mapping with 'rules' (and 'name', 'default'); got {got}"
        )
    try:
        return PolicySpec.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(_describe(e) for e in exc.errors())
        raise ConfigError(f"{source}: {problems}") from None


def _describe(error: Any) -> str:
    path = ".".join(str(p) for p in error["loc"]) or "policy"
    if error["type"] == "extra_forbidden":
        return f"{path}: unknown field (a policy has name, rules, default; a rule has tool, kind, role, when, then, reason)"
    if error["type"] == "missing":
        return f"{path}: required field missing"
    return f"{path}: {error['msg']} (got {error.get('input')!r})"
