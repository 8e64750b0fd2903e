"""The agent contract: an agent is a factory ``build(ctx) -> compiled LangGraph graph``.

The graph's input is ``{"messages": [HumanMessage(request)]}``; its output is the message history,
ending with the agent's report to the user. The tools in ``ctx.tools`` are already wrapped by
the gateway (guardrails, override checkpoints, tracing), so a graph cannot bypass them.

Privileged agents (``reference``) set ``privileged = True`` on their factory; only they receive
``ctx.privileged`` (the oracle's plan), and reports label them as such.

An agent may declare **control tools** on its factory (``build.control_tools = (FINISH_PHASE,)``, each
built with ``control_tool``): signals to its own graph that the gateway answers and traces, and that
``ctx.tools`` then contains. A graph that offers its model a subset of the tools in each phase takes
them with ``ctx.phase_tools(phase, names)``: a call through them of any other known tool is answered
by the gateway with a traced ``not_in_phase`` error naming the phase and the tools it offers.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

from langchain_core.language_models import BaseChatModel
from langchain_core.runnables import RunnableConfig
from langchain_core.tools import BaseTool
from langgraph.checkpoint.base import BaseCheckpointSaver

from sandbox.errors import ConfigError
from sandbox.spi._tools import CONTROL, ToolSpec


class AgentGraph(Protocol):
    """What the harness needs of a built agent: LangGraph's ``stream`` (a compiled graph has it).

    The runner streams ``stream_mode="updates"``: one ``{node: update}`` dict per step, and
    ``{"__interrupt__": (...)}`` when the graph stops at a checkpoint."""

    def stream(
        self,
        input: Any,
        config: RunnableConfig | None = None,
        *,
        stream_mode: Literal["updates"] = ...,
    ) -> Iterator[Any]: ...


@dataclass(frozen=True)
class ToolScope:
    """The tools a graph offers its model in one phase (``AgentContext.phase_tools``)."""

    phase: str
    tools: tuple[str, ...]

    def refusal(self, name: str) -> str:
        """What the model reads when it calls ``name`` in this phase although the phase does not offer it."""
        offered = ", ".join(self.tools) or "none"
        return f"{name} is not available in the {self.phase} phase; available: {offered}"


@dataclass
class AgentContext:
    model: BaseChatModel | None  # None for agents that need none (``needs_model = False``)
    tools: list[BaseTool]  # gateway-wrapped LangChain tools
    policy_text: str  # the world's rules for agents, in plain words
    checkpointer: BaseCheckpointSaver[str] | None
    privileged: dict[str, Any] = field(default_factory=dict)  # the oracle's plan, for privileged agents

    def tool(self, name: str) -> BaseTool:
        for t in self.tools:
            if t.name == name:
                return t
        raise KeyError(name)

    def phase_tools(self, phase: str, names: Iterable[str]) -> list[BaseTool]:
        """The tools named (those that exist, in ``tools`` order), scoped to ``phase``: the gateway answers
        a call made through them of a tool outside ``names`` with a ``not_in_phase`` error (traced like
        any result), also when the graph routes an unknown name through one of them."""
        wanted = set(names)
        chosen = [t for t in self.tools if t.name in wanted]
        scope = ToolScope(phase, tuple(t.name for t in chosen))
        return [
            t.model_copy(update={"scope": scope}) if "scope" in type(t).model_fields else t for t in chosen
        ]

    def chat_model(self) -> BaseChatModel:
        """The chat model, for agents that need one (raises if the run was built without)."""
        if self.model is None:
            raise ConfigError("this agent needs a chat model, but the run has none")
        return self.model


AgentFactory = Callable[[AgentContext], AgentGraph]


def is_privileged(factory: AgentFactory) -> bool:
    return bool(getattr(factory, "privileged", False))


def control_tools(factory: AgentFactory) -> tuple[ToolSpec, ...]:
    """The control tools an agent's factory declares (``factory.control_tools``; none by default)."""
    declared = tuple(getattr(factory, "control_tools", ()) or ())
    for spec in declared:
        if not isinstance(spec, ToolSpec) or spec.role != CONTROL:
            raise ConfigError(
                f"{getattr(factory, '__name__', factory)!r}.control_tools must hold control tools "
                f"(sandbox.spi.control_tool), got {getattr(spec, 'name', type(spec).__name__)!r}"
            )
    return declared
