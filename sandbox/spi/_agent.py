"""The agent contract: an agent is a factory ``build(ctx) -> compiled LangGraph graph``.

The graph's input is ``{"messages": [HumanMessage(request)]}``; its output is the message history,
ending with the agent's report to the traveller. The tools in ``ctx.tools`` are already wrapped by
the gateway (guardrails, override checkpoints, tracing), so a graph cannot bypass them.

Privileged agents (``reference``) set ``privileged = True`` on their factory; only they receive
``ctx.privileged`` (the oracle's plan), and reports label them as such.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from langgraph.checkpoint.base import BaseCheckpointSaver


@dataclass
class AgentContext:
    model: Any  # a LangChain chat model (BaseChatModel), or None for agents that need none
    tools: list[Any]  # gateway-wrapped LangChain tools
    policy_text: str  # the world's rules for agents, in plain words
    checkpointer: BaseCheckpointSaver[Any] | None
    privileged: dict[str, Any] = field(default_factory=dict)

    def tool(self, name: str) -> Any:
        for t in self.tools:
            if t.name == name:
                return t
        raise KeyError(name)


AgentFactory = Callable[[AgentContext], Any]


def is_privileged(factory: AgentFactory) -> bool:
    return bool(getattr(factory, "privileged", False))
