"""LangChain tools whose every call goes through the gateway.

``GatewayTool`` replaces ``BaseTool.invoke``: LangChain's own argument validation would raise on a
model's garbage arguments before the gateway saw them, and the gateway must see (and trace) every call.
The schema the model sees is the world tool's own, plus optional ``rationale`` and ``confidence`` on
WRITE tools, which override policies can key on (worded with the world's word for its user). A copy
scoped to an agent's phase (``scope``, set by ``AgentContext.phase_tools``) hands the scope to the
gateway with every call, so a call of a tool the phase does not offer is refused there, and traced.
"""

from __future__ import annotations

import functools
from typing import Any

from langchain_core.messages import ToolMessage
from langchain_core.runnables import RunnableConfig
from langchain_core.tools import BaseTool
from pydantic import BaseModel, ConfigDict, Field, create_model

from sandbox.control._call_keys import current_site
from sandbox.spi import ToolScope, ToolSpec


@functools.lru_cache(maxsize=256)
def _llm_schema(spec: ToolSpec, user: str) -> type[BaseModel]:
    # built once per tool: every run's wrapped tools share the schema class (schemas are costly to build)
    if spec.kind != "WRITE":
        return spec.args_model
    return create_model(
        spec.args_model.__name__,
        __base__=spec.args_model,
        rationale=(str | None, Field(None, description="Optional: why you are making this call.")),
        confidence=(
            float | None,
            Field(
                None,
                ge=0,
                le=1,
                description=f"Optional: how sure you are (0..1) this is what the {user} wants.",
            ),
        ),
    )


class GatewayTool(BaseTool):
    """A world or interaction tool as an agent receives it: already wrapped by the gateway."""

    model_config = ConfigDict(arbitrary_types_allowed=True)
    gateway: Any = Field(exclude=True)
    kind: str = "READ"
    role: str | None = None  # an interaction tool's role: "question", "proposal" or "control"
    scope: ToolScope | None = Field(None, exclude=True)  # the agent's phase, if it scopes its tools

    @classmethod
    def for_spec(cls, spec: ToolSpec, gateway: Any) -> GatewayTool:
        return cls(
            name=spec.name,
            description=spec.description,
            args_schema=_llm_schema(spec, gateway.user),
            gateway=gateway,
            kind=spec.kind,
            role=spec.role,
        )

    def invoke(self, input: Any, config: RunnableConfig | None = None, **kwargs: Any) -> Any:
        """A ``ToolCall`` dict (from a graph's tool node) gives a ``ToolMessage`` answering the model's
        call id; anything else is the arguments, and gives the observation text. ``args`` may be the
        text of a malformed call: the gateway says what is wrong with it."""
        site = current_site()  # which graph node execution makes the call: replays are told apart
        if isinstance(input, dict) and input.get("type") == "tool_call":
            call_id, args = input.get("id"), input.get("args")
            result = self.gateway.call(self.name, args, call_id, site=site, scope=self.scope)
            return ToolMessage(
                content=result.to_observation(),
                tool_call_id=call_id or "",
                name=self.name,
                status="success" if result.ok else "error",
            )
        return self.gateway.call(self.name, input, None, site=site, scope=self.scope).to_observation()

    async def ainvoke(self, input: Any, config: RunnableConfig | None = None, **kwargs: Any) -> Any:
        return self.invoke(input, config, **kwargs)

    def _run(self, *args: Any, **kwargs: Any) -> Any:  # pragma: no cover - invoke is overridden
        raise NotImplementedError("GatewayTool runs through invoke()")
