"""The sandbox's service-provider interface: everything a world or an agent may import, and nothing else.

Worlds and agents import ``sandbox.spi`` only (a test enforces it); the rest of the sandbox is built on
top of it and finds worlds, agents and models by name through the registries here.

- worlds: ``World`` (the protocol a world implements), ``Env``, ``WorldHooks`` (what the gateway asks
  about a call), ``Finding``, ``Harm``; tools (``@tool(READ | WRITE)``, ``ToolSpec``, ``ToolResult``)
  and interaction tools, handled by the harness by their role (``question_tool``, ``proposal_tool``,
  ``ProposalItem``); ``ScenarioGenerator`` and ``GeneratedScenario`` (a world's generated
  scenarios, ``World.scenario_generator``); the scenario base types (``ScenarioBase`` and its world-independent sections);
  ``WorldScore``, ``Check`` and ``budget_score`` for scoring;
- agents: ``AgentContext`` (what ``build(ctx)`` receives), ``ModelSpec`` and ``make_model`` for
  model factories, ``current_deadline()`` (the running run's time limit, for a model client) and
  ``report_rate_limit_wait`` (time a client waited for an endpoint's rate limit), the
  recordings of model replies by name (``read_named_recording``, for ``replay:NAME`` and the web app);
- both: the registries (``worlds``, ``agents``, ``models``; ``default_world``, ``world_of``), results
  and traces (``RunResult``, with a judge's ``JudgeResult`` on it; ``Trace``, ``cap_text`` for stored
  texts; the typed events, one class per kind, in the union ``TraceEvent``, and the data each
  carries, e.g. ``ToolCallEvent`` with ``ToolCall``), the exception tree (from ``sandbox.errors``) and the settings (from ``sandbox.settings``).

This is the bottom layer: it imports nothing else of the sandbox but ``sandbox.errors`` and
``sandbox.settings``.
"""

from sandbox.errors import (
    ConfigError,
    SandboxError,
    ScenarioError,
    ToolError,
    UnknownNameError,
)
from sandbox.settings import OPENAI_DEFAULT_URL, Settings, get_settings
from sandbox.spi._agent import AgentContext, AgentFactory, AgentGraph, is_privileged
from sandbox.spi._deadline import (
    Deadline,
    RunDeadlineExceeded,
    current_deadline,
    report_rate_limit_wait,
    within_deadline,
)
from sandbox.spi._event_data import (
    AssistantMessage,
    CheckpointKind,
    CheckpointPayload,
    EditApplied,
    ErrorObservation,
    EventData,
    Fault,
    HumanDecision,
    InjectedMistake,
    PolicyRejection,
    RawArgs,
    RequestedCall,
    ResultObservation,
    RuleViolations,
    RunEnd,
    RunError,
    RunStart,
    ToolCall,
    ToolOutcome,
    UserMessage,
    Violation,
)
from sandbox.spi._events import (
    EVENT_TYPES,
    CheckpointEvent,
    DecisionEvent,
    ErrorEvent,
    Event,
    FaultEvent,
    GuardrailBlockEvent,
    MessageEvent,
    RunEndEvent,
    RunStartEvent,
    ToolCallEvent,
    ToolResultEvent,
    TraceEvent,
    parse_event,
    parse_events,
)
from sandbox.spi._generator import GeneratedScenario, ScenarioGenerator
from sandbox.spi._interaction import (
    QUESTION_TOOL,
    ProposalItem,
    ProposalSpec,
    proposal_tool,
    question_tool,
)
from sandbox.spi._models import ModelSpec, make_model, model_factory, split_name
from sandbox.spi._recordings import (
    find_recording,
    looks_like_path,
    parse_recording,
    read_named_recording,
    recording_names,
)
from sandbox.spi._registry import agents, default_world, models, world_of, worlds
from sandbox.spi._results import Check, JudgeResult, RunResult, Scores, WorldScore, budget_score
from sandbox.spi._scenario import (
    HIDDEN_SECTIONS,
    Decision,
    Expect,
    HumanSpec,
    PolicyOutcome,
    PolicyRule,
    PolicySpec,
    ScenarioBase,
    ScoringSpec,
    Strict,
    ToolMatch,
)
from sandbox.spi._tools import (
    INTERACT,
    PROPOSAL,
    QUESTION,
    READ,
    WRITE,
    ToolKind,
    ToolResult,
    ToolRole,
    ToolSpec,
    describe_validation,
    tool,
)
from sandbox.spi._trace import DEFAULT_MAX_TEXT, Trace, cap, cap_text
from sandbox.spi._world import Env, Finding, Harm, World, WorldHooks

__all__ = [
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
    "Harm",
    "GeneratedScenario",
    "ScenarioGenerator",
    "PROPOSAL",
    "QUESTION",
    "QUESTION_TOOL",
    "ProposalItem",
    "ProposalSpec",
    "ToolRole",
    "default_world",
    "proposal_tool",
    "question_tool",
    "world_of",
    "HIDDEN_SECTIONS",
    "INTERACT",
    "OPENAI_DEFAULT_URL",
    "READ",
    "WRITE",
    "AgentContext",
    "AgentFactory",
    "AgentGraph",
    "Check",
    "ConfigError",
    "Decision",
    "Env",
    "Expect",
    "Finding",
    "HumanSpec",
    "ModelSpec",
    "PolicyOutcome",
    "PolicyRule",
    "PolicySpec",
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
    "AssistantMessage",
    "CheckpointKind",
    "CheckpointPayload",
    "EditApplied",
    "ErrorObservation",
    "EventData",
    "Fault",
    "HumanDecision",
    "InjectedMistake",
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
    "DecisionEvent",
    "ErrorEvent",
    "Event",
    "FaultEvent",
    "GuardrailBlockEvent",
    "MessageEvent",
    "RunEndEvent",
    "RunStartEvent",
    "ToolCallEvent",
    "ToolResultEvent",
    "parse_event",
    "parse_events",
    "UnknownNameError",
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
]
