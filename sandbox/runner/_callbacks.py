"""LangChain callbacks that count model calls and tokens for a run's process metrics."""

from __future__ import annotations

import threading
from typing import Any

from langchain_core.callbacks import BaseCallbackHandler
from langchain_core.outputs import LLMResult

from sandbox.spi import Trace


class ModelCallCounter(BaseCallbackHandler):
    """Counts chat-model calls and, when the model reports usage, tokens."""

    def __init__(self, trace: Trace):
        self.trace = trace
        self.calls = 0
        self._tokens = 0
        self._known = False
        self._lock = threading.Lock()

    @property
    def tokens(self) -> int | None:
        return self._tokens if self._known else None

    def on_chat_model_start(
        self, serialized: dict[str, Any], messages: list[list[Any]], **kwargs: Any
    ) -> None:
        with self._lock:
            self.calls += 1

    def on_llm_end(self, response: LLMResult, **kwargs: Any) -> None:
        used = 0
        for gens in response.generations:
            for g in gens:
                usage = getattr(getattr(g, "message", None), "usage_metadata", None)
                if usage:
                    used += int(usage.get("total_tokens", 0))
        if not used and response.llm_output:
            usage = response.llm_output.get("token_usage") or {}
            used = int(usage.get("total_tokens", 0) or 0)
        if used:
            with self._lock:
                self._tokens += used
                self._known = True
