"""A chat model that wraps another one (``noisy``, the replay recorder) and rewrites its replies.

The wrapper is what the agent holds: ``bind_tools`` binds the tools to the wrapper, and each call
binds them to the inner model and invokes it. The inner call runs without the caller's callbacks
(neither passed nor inherited from the running graph's context), so the runner's counter sees one
model call (the wrapper's) and the inner reply's token usage, which the wrapper's reply carries on.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import Any

from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatResult
from langchain_core.runnables import Runnable
from langchain_core.runnables.config import var_child_runnable_config
from pydantic import ConfigDict, PrivateAttr


class CallCounter:
    """Numbers a model's calls 1, 2, ... (thread-safe; shared by every binding of the model)."""

    def __init__(self) -> None:
        self._n = 0
        self._lock = threading.Lock()

    def next(self) -> int:
        with self._lock:
            self._n += 1
            return self._n


def as_ai_message(reply: Any) -> AIMessage:
    """A plain ``AIMessage`` (not a chunk) with the reply's content, calls, usage and metadata."""
    if type(reply) is AIMessage:
        return reply
    if isinstance(reply, AIMessage):
        return AIMessage(
            content=reply.content,
            tool_calls=reply.tool_calls,
            invalid_tool_calls=reply.invalid_tool_calls,
            usage_metadata=reply.usage_metadata,
            response_metadata=reply.response_metadata,
            additional_kwargs=reply.additional_kwargs,
            id=reply.id,
        )
    return AIMessage(content=getattr(reply, "content", str(reply)))


class WrappingChatModel(BaseChatModel):
    """Calls ``inner`` and passes its reply through ``rewrite`` (the identity here)."""

    model_config = ConfigDict(arbitrary_types_allowed=True)
    inner: Any
    _calls: CallCounter = PrivateAttr(default_factory=CallCounter)

    @property
    def _llm_type(self) -> str:
        return "wrapping"

    def bind_tools(
        self, tools: Sequence[Any], *, tool_choice: str | None = None, **kwargs: Any
    ) -> Runnable[Any, AIMessage]:
        if tool_choice is not None:
            kwargs["tool_choice"] = tool_choice
        return self.bind(tools=list(tools), **kwargs)

    def call_inner(self, messages: list[BaseMessage], stop: list[str] | None, **kwargs: Any) -> AIMessage:
        tools = kwargs.pop("tools", None)
        inner = self.inner.bind_tools(tools, **kwargs) if tools else self.inner
        token = var_child_runnable_config.set(None)  # the caller's callbacks stay with the wrapper
        try:
            reply = inner.invoke(messages, config={"callbacks": []}, stop=stop)
        finally:
            var_child_runnable_config.reset(token)
        return as_ai_message(reply)

    def rewrite(self, call_no: int, messages: list[BaseMessage], reply: AIMessage) -> AIMessage:
        return reply

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        call_no = self._calls.next()
        reply = self.rewrite(call_no, messages, self.call_inner(messages, stop, **kwargs))
        return ChatResult(generations=[ChatGeneration(message=reply)])
