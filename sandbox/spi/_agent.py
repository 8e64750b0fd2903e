"""The agent contract: an agent is a factory ``build(ctx) -> compiled LangGraph graph``.

The graph's input is ``{"messages": [HumanMessage(request)]}``; its output is the message history,
ending with the agent's report to the user. The tools in ``ctx.tools`` are already wrapped by
the gateway (guardrails, override checkpoints, tracing), so a graph cannot bypass them.

Privileged agents (``reference``) set ``privileged = True`` on their factory; only they receive
``ctx.privileged`` (the oracle's plan), and reports label them as such.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

from langchain_core.language_models import BaseChatModel
from langchain_core.runnables import RunnableConfig
from langchain_core.tools import BaseTool
from langgraph.checkpoint.base import BaseCheckpointSaver

from sandbox.errors import ConfigError


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

    def chat_model(self) -> BaseChatModel:
        """The chat model, for agents that need one (raises if the run was built without)."""
        if self.model is None:
            raise ConfigError("this agent needs a chat model, but the run has none")
        return self.model


AgentFactory = Callable[[AgentContext], AgentGraph]


def is_privileged(factory: AgentFactory) -> bool:
    return bool(getattr(factory, "privileged", False))
