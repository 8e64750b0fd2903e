"""The architecture, enforced: who may import whom, no import cycles, small modules, small public surfaces.

Every module of ``sandbox``, ``worlds`` and ``agents`` is read as an AST and every ``import`` /
``from ... import`` counts: module-level, inside functions (deferred) and under ``TYPE_CHECKING``
alike, because a cycle dodged by a deferred import is still a cycle in the design.

- ``worlds`` and ``agents`` reach the sandbox only through ``sandbox.spi``; the sandbox never imports
  either (it finds them by name, through the registry); worlds and agents never import each other.
- The module graph has no cycle, and neither has the graph of the sandbox's packages
  (``sandbox.spi``, ``sandbox.control``, ...) nor that of the travel world's (``catalog``, ``run``,
  ``judge``).
- Inside a sandbox package every module but ``__init__`` is private (``_name.py``); other packages
  import the package, never its private modules. Each package's ``__all__`` is the set below.
- The Python API (``sandbox`` itself: ``sandbox.run``, ``sandbox.load``, from ``sandbox._api``) is the
  top layer, beside the CLI and the web app: no other module imports it, and it imports neither.
- No module is longer than 400 lines.
"""

from __future__ import annotations

import ast
import importlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TOP = ("sandbox", "worlds", "agents")
MAX_LINES = 400

#: The public interface of every sandbox package: its ``__init__.__all__``, exactly.
PUBLIC: dict[str, set[str]] = {
    "sandbox": {  # the Python API (sandbox._api), the top layer
        "Results",
        "load",
        "run",
    },
    "sandbox.cli": {
        "app",
        "main",
    },
    "sandbox.conformance": {
        "CHECKS",
        "Conformance",
        "Problem",
        "check_world",
    },
    "sandbox.control": {
        "AutoHuman",
        "CallFacts",
        "CheckpointKind",
        "CheckpointPayload",
        "Condition",
        "ConsoleHuman",
        "DEFAULT_POLICY",
        "DecisionIn",
        "Gateway",
        "HUMANS",
        "Human",
        "Limits",
        "PRESETS",
        "Policy",
        "PolicyDecision",
        "ScriptedHuman",
        "list_policies",
        "load_policy",
        "make_human",
        "edit_error",
        "tool_specs",
        "ReviewCost",
        "ReviewerHuman",
        "check_human",
        "Suggestion",
        "approval_bands",
        "suggest_policy",
    },
    "sandbox.drills": {
        "Drill",
        "EvalConfig",
        "MAX_REASON",
        "drill_runs",
        "grade_run",
        "new_stored_drill",
        "score_grades",
        "eval_config",
        "find_drill",
        "load_config",
        "matched",
        "new_drill",
        "read_sheet",
        "recipes",
        "run_signals",
        "score_sheet",
    },
    "sandbox.judge": {
        "JUDGES",
        "Agreement",
        "Judge",
        "JudgeInput",
        "JudgedBank",
        "OfflineJudge",
        "OpenAIJudge",
        "Rubric",
        "Unjudgeable",
        "agree_on_batches",
        "agreement",
        "agreement_table",
        "band",
        "cohen_kappa",
        "confusion",
        "default_rubric",
        "judge_batches",
        "judge_input",
        "judge_run",
        "judge_with_deadline",
        "kappa_ci95",
        "load_rubric",
        "make_judge",
        "parse_reply",
        "user_prompt",
        "verdicts_line",
        "verdicts_table",
    },
    "sandbox.live": {
        "COMPARED",
        "Conflict",
        "FollowItem",
        "InvalidDecision",
        "ListQuery",
        "LiveRuns",
        "MAX_OFFSET",
        "LiveSpec",
        "RunNotFound",
        "agent_list",
        "model_list",
        "policy_list",
        "profile_list",
        "WebModelOptions",
    },
    "sandbox.report": {
        "run_planted",
        "show_json",
        "MAX_BATCHES",
        "batch_comparison",
        "check_outputs",
        "compare_json",
        "compare_scorecard",
        "compare_view",
        "render_compare_fragment",
        "render_compare_html",
        "write_compare_reports",
        "is_stdout",
        "render_html",
        "report_dict",
        "rescore_table",
        "scorecard",
        "show_run",
        "to_json",
        "write_html",
        "write_json",
        "write_json_to",
        "write_reports",
        "render_sweep_html",
        "sweep_scorecard",
        "sweep_view",
        "write_sweep_html",
        "StoredSweep",
        "load_sweep",
        "recent_sweeps",
        "render_sweep_fragment",
        "DECISION_COLUMNS",
        "parse_since",
        "read_decisions",
        "run_decisions",
        "store_decisions",
        "write_decisions",
    },
    "sandbox.runner": {
        "BACKENDS",
        "import_ray",
        "adversarial_passes",
        "AdversarialReport",
        "AdversaryPass",
        "adversary_names",
        "Job",
        "ModelCallCounter",
        "ProcessMetrics",
        "RunOptions",
        "RunParts",
        "StoredBatch",
        "check_options",
        "load_jobs",
        "process_metrics",
        "run",
        "run_batch",
        "run_stored_batch",
        "stated_confidence",
        # stored batches: plan, provenance, resume, spend caps, rescoring
        "Rescored",
        "SpendCaps",
        "batch_provenance",
        "batch_summary",
        "code_version",
        "rescore_batch",
        "resume_stored_batch",
        "scenario_hash",
        # model endpoints: profiles, request options, prices
        "ModelProfile",
        "ModelSetup",
        "Prices",
        "load_profile",
        "model_setup",
        "parse_model_options",
        "price_for",
        "profile_names",
        "Sweep",
        "parse_policies",
        "run_sweep",
    },
    "sandbox.scenarios": {
        "FileReport",
        "GenerateResult",
        "generate_scenarios",
        "LoadedFile",
        "REGENERATE",
        "SCHEMA_COMMENT",
        "check_files",
        "default_scenarios_dir",
        "lint",
        "load_scenario",
        "load_scenarios",
        "read_scenario",
        "scenario_files",
        "scenario_json_schema",
        "schema_text",
        "stale_schema",
        "write_schema",
    },
    "sandbox.scoring": {
        "FATES",
        "PlantedMistake",
        "failed_signals",
        "has_planted",
        "mistake_table",
        "planted_mistakes",
        "planted_summary",
        "attempted_calls",
        "AttemptedCall",
        "DEFAULT_MIN_PREFERENCE",
        "gates",
        "CallOutcome",
        "HARM_COUNTERS",
        "harm_counts",
        "harms_of",
        "stopped_words",
        "SCORE_NAMES",
        "SCORING_VERSION",
        "VERDICTS",
        "brier",
        "compare_batches",
        "mcnemar_exact",
        "paired_bootstrap_ci",
        "call_outcomes",
        "combine",
        "mean_ci95",
        "pass_at_k",
        "pass_hat_k",
        "summarize",
        "t_critical_95",
        "trace_checks",
        "SWEEP_FIELDS",
        "decision_seconds",
        "pareto_frontier",
        "sweep_json",
        "sweep_row",
        "calibration_table",
        "checkpoint_pairs",
        "reliability",
        "run_pairs",
        "TRADEOFF_FIELDS",
        "tradeoffs",
    },
    "sandbox.spi": {
        "DrillRecipe",
        "MISTAKES",
        "MistakeKind",
        "canonical",
        "planted",
        "Attempt",
        "Gate",
        "infer_reason_kind",
        "Milestone",
        "Minefield",
        "ReasonKind",
        "RefusalFacts",
        "GeneratedScenario",
        "ScenarioGenerator",
        "AgentContext",
        "AgentFactory",
        "AgentGraph",
        "Check",
        "ConfigError",
        "Decision",
        "Env",
        "Expect",
        "Finding",
        "HIDDEN_SECTIONS",
        "HumanSpec",
        "INTERACT",
        "ModelSpec",
        "OPENAI_DEFAULT_URL",
        "PolicyOutcome",
        "PolicyRule",
        "PolicySpec",
        "READ",
        "JudgeResult",
        "RunResult",
        "SandboxError",
        "ScenarioBase",
        "ScenarioError",
        "Scores",
        "ScoringSpec",
        "Settings",
        "Strict",
        "ToolError",
        "ToolKind",
        "ToolMatch",
        "ToolResult",
        "ToolSpec",
        "Trace",
        "TraceEvent",
        "UnknownNameError",
        "WRITE",
        "World",
        "WorldHooks",
        "WorldScore",
        "agents",
        "budget_score",
        "describe_validation",
        "get_settings",
        "is_privileged",
        "make_model",
        "model_factory",
        "models",
        "split_name",
        "tool",
        "worlds",
        "DEFAULT_MAX_TEXT",
        "Deadline",
        "RunDeadlineExceeded",
        "cap",
        "cap_text",
        "current_deadline",
        "report_rate_limit_wait",
        "within_deadline",
        "find_recording",
        "looks_like_path",
        "parse_recording",
        "read_named_recording",
        "recording_names",
        "AttackOutcome",
        "Harm",
        "minefield_harms",
        "PROPOSAL",
        "QUESTION",
        "QUESTION_TOOL",
        "ProposalItem",
        "ProposalSpec",
        "ToolRole",
        "CONTROL",
        "ToolScope",
        "control_tool",
        "control_tools",
        "default_world",
        "proposal_tool",
        "question_tool",
        "world_of",
        # typed trace events: the union, each kind and the data it carries
        "AssistantMessage",
        "CardContent",
        "CheckpointKind",
        "CheckpointPayload",
        "ControlSignal",
        "EditApplied",
        "ErrorObservation",
        "EventData",
        "Fault",
        "HarmAttempt",
        "HumanDecision",
        "InjectedMistake",
        "PlanChange",
        "PolicyRejection",
        "RawArgs",
        "RequestedCall",
        "ResultObservation",
        "RuleViolations",
        "RunEnd",
        "RunError",
        "RunStart",
        "ToolCall",
        "ToolOutcome",
        "UserMessage",
        "Violation",
        "EVENT_TYPES",
        "CheckpointEvent",
        "ControlEvent",
        "DecisionEvent",
        "ErrorEvent",
        "Event",
        "FaultEvent",
        "GuardrailBlockEvent",
        "HarmEvent",
        "MessageEvent",
        "RunEndEvent",
        "RunStartEvent",
        "ToolCallEvent",
        "ToolResultEvent",
        "parse_event",
        "parse_events",
    },
    "sandbox.store": {
        "BatchInfo",
        "DB_ENV",
        "RunFilter",
        "RunStore",
    },
    "sandbox.web": {
        "ServerSettings",
        "create_app",
    },
}


@dataclass(frozen=True)
class Import:
    importer: str  # the importing module
    target: str  # the module imported, as written (``from a.b import c``: a.b.c if a module, else a.b)
    line: int


@cache
def modules() -> dict[str, Path]:
    """Every module of the three packages by dotted name (a package is its ``__init__``)."""
    found: dict[str, Path] = {}
    for top in TOP:
        for path in sorted((ROOT / top).rglob("*.py")):
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            found[".".join(parts)] = path
    return found


def _is_package(name: str) -> bool:
    return modules()[name].name == "__init__.py"


def _imports_of(name: str) -> Iterator[Import]:
    path = modules()[name]
    package = name if _is_package(name) else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield Import(name, alias.name, node.lineno)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join([*anchor, *([base] if base else [])])
            for alias in node.names:
                sub = f"{base}.{alias.name}"
                yield Import(name, sub if sub in modules() else base, node.lineno)


@cache
def imports() -> list[Import]:
    """Every import of every module, one per imported name (deduplicated per statement)."""
    return list(dict.fromkeys(i for name in modules() for i in _imports_of(name)))


def _internal(target: str) -> str | None:
    """The module of ours that an import names (the longest known prefix), or None for third-party."""
    parts = target.split(".")
    while parts:
        candidate = ".".join(parts)
        if candidate in modules():
            return candidate
        parts.pop()
    return None


def _targets(i: Import) -> list[str]:
    """The modules an import runs: the one it names, and the ``__init__`` of every package above it
    that the importer is not itself inside (Python imports ``a.b`` before ``a.b.c``)."""
    target = _internal(i.target)
    if target is None:
        return []
    parts = target.split(".")
    parents = [".".join(parts[:n]) for n in range(1, len(parts))]
    outside = [p for p in parents if not (i.importer == p or i.importer.startswith(p + "."))]
    return [target, *outside]


def _graph(node_of: dict[str, str]) -> dict[str, set[str]]:
    """The import graph over ``node_of``'s values (modules mapped to nodes; unmapped ones left out)."""
    graph: dict[str, set[str]] = {n: set() for n in node_of.values()}
    for i in imports():
        for target in _targets(i):
            if i.importer not in node_of or target not in node_of:
                continue
            a, b = node_of[i.importer], node_of[target]
            if a != b or i.importer == target:
                graph[a].add(b)
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one node, or a node that imports itself (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1 or v in graph[v]:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def _sandbox_package(name: str) -> str:
    """``sandbox.control._gateway`` -> ``sandbox.control``; top-level modules stand for themselves."""
    parts = name.split(".")
    return ".".join(parts[:2])


def _travel_package(name: str) -> str | None:
    parts = name.split(".")
    if parts[:2] != ["worlds", "travel"] or len(parts) < 3:
        return None
    sub = ".".join(parts[:3])
    return sub if _is_package(sub) else None


def _where(i: Import) -> str:
    return f"{modules()[i.importer].relative_to(ROOT)}:{i.line}: {i.target}"


# -- who may import whom --------------------------------------------------------------------------


@pytest.mark.parametrize("package", ["worlds", "agents"])
def test_worlds_and_agents_use_the_sandbox_only_through_spi(package: str) -> None:
    """A world or an agent sees the sandbox through one small interface, ``sandbox.spi``."""
    offenders = [
        _where(i)
        for i in imports()
        if i.importer.split(".")[0] == package
        and i.target.split(".")[0] == "sandbox"
        and i.target != "sandbox.spi"
    ]
    assert not offenders, f"{package} imports the sandbox beyond sandbox.spi:\n" + "\n".join(offenders)


def test_the_sandbox_never_imports_worlds_or_agents() -> None:
    """worlds -> sandbox.spi <- agents; the sandbox finds both by name (the registry)."""
    offenders = [
        _where(i)
        for i in imports()
        if i.importer.split(".")[0] == "sandbox" and i.target.split(".")[0] in ("worlds", "agents")
    ]
    assert not offenders, "the sandbox imports a world or an agent:\n" + "\n".join(offenders)


@pytest.mark.parametrize(("package", "forbidden"), [("agents", "worlds"), ("worlds", "agents")])
def test_agents_and_worlds_never_import_each_other(package: str, forbidden: str) -> None:
    """An agent sees a world only through tool schemas and results (so a model can never read a hidden
    scenario section); a world never imports an agent."""
    offenders = [
        _where(i)
        for i in imports()
        if i.importer.split(".")[0] == package and i.target.split(".")[0] == forbidden
    ]
    assert not offenders, f"{package} imports {forbidden}:\n" + "\n".join(offenders)


def test_private_modules_stay_inside_their_package() -> None:
    """``sandbox.X._y`` is imported by ``sandbox.X`` only; everyone else imports ``sandbox.X``."""
    offenders = []
    for i in imports():
        target = _internal(i.target)
        if target is None or not target.startswith("sandbox."):
            continue
        private = [n for n, part in enumerate(target.split(".")) if part.startswith("_")]
        if private:
            owner = ".".join(target.split(".")[: private[0]])
            if not (i.importer == owner or i.importer.startswith(owner + ".")):
                offenders.append(_where(i))
    assert not offenders, "private modules imported from outside their package:\n" + "\n".join(offenders)


def test_sandbox_packages_have_only_private_modules() -> None:
    """One privacy convention: a package's modules other than ``__init__`` start with ``_``."""
    public = [
        name
        for name in modules()
        if name.startswith("sandbox.")
        and len(name.split(".")) > 2
        and not _is_package(name)
        and not name.split(".")[-1].startswith("_")
    ]
    assert not public, "public modules inside sandbox packages: " + ", ".join(public)


def test_the_python_api_is_the_top_layer() -> None:
    """Only ``sandbox/__init__`` imports ``sandbox._api`` (nothing imports the names it exports), and the
    API stands beside the CLI and the web app, built on the library packages like them."""
    api = "sandbox._api"
    users = [_where(i) for i in imports() if _internal(i.target) == api and i.importer != "sandbox"]
    assert not users, "the Python API is imported by:\n" + "\n".join(users)
    from_top = [
        _where(i)
        for i in imports()
        if i.target == "sandbox" and i.importer.split(".")[0] in TOP and i.importer != "sandbox"
    ]
    assert not from_top, "modules import the top-level sandbox package's names:\n" + "\n".join(from_top)
    peers = {
        i.target.split(".")[1] for i in imports() if i.importer == api and i.target.startswith("sandbox.")
    }
    assert peers and not peers & {"cli", "web", "live"}, peers


# -- no cycles ------------------------------------------------------------------------------------


def test_no_module_import_cycle() -> None:
    """Deferred (function-level) and ``TYPE_CHECKING`` imports count: a dodged cycle is a cycle."""
    cycles = _cycles(_graph({m: m for m in modules()}))
    assert not cycles, "import cycles:\n" + "\n".join(" <-> ".join(c) for c in cycles)


def test_no_sandbox_package_cycle() -> None:
    """The sandbox's packages form layers (spi at the bottom, cli at the top)."""
    node_of = {m: _sandbox_package(m) for m in modules() if m.split(".")[0] == "sandbox"}
    graph = _graph(node_of)
    assert len(graph) > 5  # the scan really saw the packages
    cycles = _cycles(graph)
    assert not cycles, "package cycles:\n" + "\n".join(" <-> ".join(c) for c in cycles)


def test_no_travel_package_cycle() -> None:
    """The travel world's packages form layers: catalog, then run, then judge."""
    node_of = {m: p for m in modules() if (p := _travel_package(m)) is not None}
    graph = _graph(node_of)
    assert set(graph) >= {"worlds.travel.catalog", "worlds.travel.run", "worlds.travel.judge"}
    cycles = _cycles(graph)
    assert not cycles, "package cycles:\n" + "\n".join(" <-> ".join(c) for c in cycles)


# -- size and surface -----------------------------------------------------------------------------


def test_no_module_over_400_lines() -> None:
    sizes = {
        str(path.relative_to(ROOT)): len(path.read_text(encoding="utf-8").splitlines())
        for path in modules().values()
    }
    long = {f: n for f, n in sizes.items() if n > MAX_LINES}
    assert not long, f"modules over {MAX_LINES} lines: {long}"


def _sandbox_packages() -> list[str]:
    return sorted(m for m in modules() if m.split(".")[0] == "sandbox" and _is_package(m))


def test_every_sandbox_package_declares_the_documented_public_names() -> None:
    assert set(_sandbox_packages()) == set(PUBLIC)


@pytest.mark.parametrize("package", sorted(PUBLIC))
def test_public_interface(package: str) -> None:
    """A curated ``__all__`` per package (docs/architecture.md lists them), each name really there."""
    module = importlib.import_module(package)
    exported = getattr(module, "__all__", None)
    assert exported is not None, f"{package} has no __all__"
    assert set(exported) == PUBLIC[package]
    assert [n for n in exported if not hasattr(module, n)] == []


def _documented_public_names() -> dict[str, set[str]]:
    """The "Public names" list of docs/architecture.md: ``- `sandbox.x` ...: `a`, `b` ``, a package
    possibly over several lines."""
    doc = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    section = doc.split("\n## Public names\n", 1)[1].split("\n## ", 1)[0]
    listed: dict[str, set[str]] = {}
    for line in section.splitlines():
        m = re.match(r"- `(sandbox(?:\.\w+)?)`[^:]*: (.*)$", line)
        if m:
            listed.setdefault(m.group(1), set()).update(re.findall(r"`([^`]+)`", m.group(2)))
    return listed


def test_the_architecture_doc_lists_exactly_the_public_names() -> None:
    assert _documented_public_names() == PUBLIC
