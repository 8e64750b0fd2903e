"""LangChain callbacks that count model calls, tokens and the time spent waiting for the model, for a
run's process metrics."""

from __future__ import annotations

import threading
import time
from typing import Any

from langchain_core.callbacks import BaseCallbackHandler
from langchain_core.outputs import LLMResult

from sandbox.spi import Trace


def _usage(response: LLMResult) -> tuple[int, int, int]:
    """``(input, output, total)`` tokens a model response reports (zeros when it reports none)."""
    inp = out = total = 0
    for gens in response.generations:
        for g in gens:
            usage = getattr(getattr(g, "message", None), "usage_metadata", None)
            if usage:
                inp += int(usage.get("input_tokens", 0) or 0)
                out += int(usage.get("output_tokens", 0) or 0)
                total += int(usage.get("total_tokens", 0) or 0)
    if not total and response.llm_output:
        usage = response.llm_output.get("token_usage") or {}
        inp = int(usage.get("prompt_tokens", 0) or 0)
        out = int(usage.get("completion_tokens", 0) or 0)
        total = int(usage.get("total_tokens", 0) or 0)
    return inp, out, total or inp + out


class ModelCallCounter(BaseCallbackHandler):
    """Counts chat-model calls and, when the model reports usage, tokens (input and output apart); times
    each call from its start to its end or error (``model_s``: calls in parallel each count)."""

    def __init__(self, trace: Trace):
        self.trace = trace
        self.calls = 0
        self._tokens = 0
        self._input = 0
        self._output = 0
        self._known = False
        self._lock = threading.Lock()
        self._started: dict[Any, float] = {}
        self.model_s = 0.0

    @property
    def tokens(self) -> int | None:
        return self._tokens if self._known else None

    @property
    def input_tokens(self) -> int | None:
        return self._input if self._known else None

    @property
    def output_tokens(self) -> int | None:
        return self._output if self._known else None

    def on_chat_model_start(
        self, serialized: dict[str, Any], messages: list[list[Any]], **kwargs: Any
    ) -> None:
        with self._lock:
            self.calls += 1
            self._started[kwargs.get("run_id")] = time.monotonic()

    def _stopped(self, run_id: Any) -> None:
        with self._lock:
            began = self._started.pop(run_id, None)
            if began is not None:
                self.model_s += time.monotonic() - began

    def on_llm_error(self, error: BaseException, **kwargs: Any) -> None:
        self._stopped(kwargs.get("run_id"))

    def on_llm_end(self, response: LLMResult, **kwargs: Any) -> None:
        self._stopped(kwargs.get("run_id"))
        inp, out, total = _usage(response)
        if total:
            with self._lock:
                self._tokens += total
                self._input += inp
                self._output += out
                self._known = True
