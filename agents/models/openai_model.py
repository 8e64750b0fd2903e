"""``openai:NAME``: any model behind an OpenAI-compatible chat-completions endpoint.

    export TRAVEL_SANDBOX_OPENAI_API_KEY=sk-...                      # or OPENAI_API_KEY
    travel-sandbox run --agent react --model openai:gpt-4o-mini

    export TRAVEL_SANDBOX_OPENAI_BASE_URL=http://localhost:11434/v1  # Ollama; vLLM, llama.cpp alike
    travel-sandbox run --agent react --model openai:llama3.1

Settings (``sandbox.spi.get_settings``): base URL, API key (any text for a local server), request time-out
(``TRAVEL_SANDBOX_MODEL_TIMEOUT``) and retries (``TRAVEL_SANDBOX_MAX_RETRIES``); ``--temperature``
is passed on. What can go wrong, and what becomes of it:

- malformed tool calls (arguments that are not JSON, a missing name) arrive as
  ``invalid_tool_calls``; the shipped graphs route them through the gateway, which answers with an
  error observation the model sees (and the trace records);
- an empty reply (no text, no tool calls) is asked again, at most ``max_retries`` times; then the
  reply says the model gave no answer, and the run ends with that as its report;
- tool-call arguments that are valid JSON but not an object (``"[1, 2]"``) become malformed calls
  too, carrying the text as sent (``_openai_replies``), instead of failing the run;
- endpoint errors and time-outs are retried by the client (``max_retries``, with back-off); a reply
  that is not a chat completion (a body that is not JSON, JSON without ``choices``) is asked again
  as often; then ``ModelEndpointError`` names the endpoint and the cause, and the runner marks the
  run ``error``;
- inside a run with a time limit (``sandbox.spi.current_deadline``) each request waits at most the
  time the run has left (and is retried only while whole attempts still fit); a call cut off by the
  limit ends the run ``error`` with the time-limit reason, instead of holding its worker for the
  client's time-out;
- rate limits (``agents.models._limits``): the options ``rpm`` and ``tpm`` (``--rpm``, ``--tpm`` or
  a model profile) cap requests and tokens per minute to the endpoint, shared by every run of the
  process; a 429 reply is retried after its ``Retry-After`` (``rate_limit_retries`` times, default 6).
  The time waited is the run's ``rate_limit_wait_s`` and, by default, not charged to its time limit.

Options (``ModelSpec.options``: ``--model-option KEY=VALUE``, a model profile's ``options``): the
client's own are ``base_url``, ``timeout``, ``max_retries``, ``empty_retries``, ``rpm``, ``tpm`` and
``rate_limit_retries``; every other option is sent in the body of every request exactly as given
(``tool_choice=auto``, ``max_tokens=512``, ``parallel_tool_calls=false``), over what the client
would send for that key.
"""

from __future__ import annotations

import json
import math
import threading
from typing import Any

import httpx
import openai
from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.language_models import LanguageModelInput
from langchain_core.messages import AIMessage, BaseMessage
from langchain_core.messages.ai import UsageMetadata, add_usage
from langchain_core.outputs import ChatGeneration, ChatResult
from langchain_openai import ChatOpenAI

from agents.models._limits import DEFAULT_RETRIES, PAST_DEADLINE, RateLimitedTransport, endpoint_limiter
from agents.models._openai_replies import MalformedReply, add_invalid_calls, as_completion, split_calls
from sandbox.spi import (
    OPENAI_DEFAULT_URL,
    ConfigError,
    ModelSpec,
    SandboxError,
    current_deadline,
    get_settings,
)

NO_ANSWER = "The model gave no answer (empty replies after {n} attempts), so nothing more was done."
#: Options the client takes itself; any other option goes into every request's body as given.
CLIENT_OPTIONS = (
    "base_url",
    "api_key",
    "timeout",
    "max_retries",
    "empty_retries",
    "rpm",
    "tpm",
    "rate_limit_retries",
)


class ModelEndpointError(SandboxError):
    """The model endpoint failed (after the client's retries): HTTP error, refused, timed out."""


def is_empty(msg: AIMessage) -> bool:
    text = msg.content if isinstance(msg.content, str) else "".join(map(str, msg.content))
    return not text.strip() and not msg.tool_calls and not msg.invalid_tool_calls


class SandboxChatOpenAI(ChatOpenAI):
    """``ChatOpenAI`` that retries empty replies, names the endpoint when it fails, and sends the
    request options it was given as they are."""

    empty_retries: int = 2
    request_options: dict[str, Any] = {}

    def _get_request_payload(
        self, input_: LanguageModelInput, *, stop: list[str] | None = None, **kwargs: Any
    ) -> dict[str, Any]:
        payload = super()._get_request_payload(input_, stop=stop, **kwargs)
        if self.request_options:
            if "max_tokens" in self.request_options and "max_completion_tokens" not in self.request_options:
                payload.pop("max_completion_tokens", None)  # the client's rename of max_tokens
            payload.update(self.request_options)
        return payload

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        usage: UsageMetadata | None = None
        attempts = self.empty_retries + 1
        for _ in range(attempts):
            result = self._complete(messages, stop, run_manager, **kwargs)
            msg = result.generations[0].message
            if not isinstance(msg, AIMessage):
                return result
            usage = add_usage(usage, msg.usage_metadata) if msg.usage_metadata else usage
            if not is_empty(msg):
                if usage is not None:
                    result.generations[0] = ChatGeneration(
                        message=msg.model_copy(update={"usage_metadata": usage}),
                        generation_info=result.generations[0].generation_info,
                    )
                return result
        meta = {"model_name": self.model_name, "empty_replies": attempts}
        reply = AIMessage(content=NO_ANSWER.format(n=attempts), usage_metadata=usage, response_metadata=meta)
        return ChatResult(generations=[ChatGeneration(message=reply)])

    def _complete(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None,
        run_manager: CallbackManagerForLLMRun | None,
        **kwargs: Any,
    ) -> ChatResult:
        """One completion; a reply that is not a chat completion is asked again (``max_retries``)."""
        for _ in range(1 + (self.max_retries or 0)):
            bounded = self._within_deadline()
            try:
                return ChatOpenAI._generate(bounded, messages, stop, run_manager, **kwargs)
            except openai.APIError as exc:
                deadline = current_deadline()
                if deadline is not None and _past_deadline(exc):
                    raise deadline.exceeded(f"{self._where()} asked to wait for its rate limit") from exc
                cut = (
                    isinstance(exc, openai.APITimeoutError)
                    and bounded.request_timeout != self.request_timeout
                )
                if deadline is not None and (cut or deadline.remaining() <= 0):
                    raise deadline.exceeded(f"{self._where()} gave no answer in time") from exc
                raise ModelEndpointError(bounded._describe(exc)) from exc
            except json.JSONDecodeError as exc:  # the client could not read the body as JSON
                problem = f"the body is not JSON ({exc})"
            except MalformedReply as exc:
                problem = str(exc)
        raise ModelEndpointError(f"{self._where()} sent no chat completion {self._tries()}: {problem}")

    def _create_chat_result(self, response: Any, generation_info: dict[str, Any] | None = None) -> ChatResult:
        body = as_completion(response)
        mended, taken = split_calls(body)
        if mended == body:
            return super()._create_chat_result(response, generation_info)
        return add_invalid_calls(super()._create_chat_result(mended, generation_info), taken)

    def _within_deadline(self) -> SandboxChatOpenAI:
        """This model, or, inside a run with a time limit, a copy whose client gives up when the run's
        time is up: each attempt waits at most min(time-out, time left), and it retries only while
        whole attempts still fit in the time left."""
        deadline = current_deadline()
        if deadline is None or self.root_client is None:
            return self
        left = deadline.remaining()
        if left <= 0:
            raise deadline.exceeded(f"before calling {self._where()}")
        own = self.request_timeout if isinstance(self.request_timeout, int | float) else math.inf
        timeout = min(float(own), left)
        retries = max(0, min(self.max_retries or 0, math.floor(left / timeout) - 1))
        client = self.root_client.with_options(timeout=timeout, max_retries=retries)
        update = {"root_client": client, "client": client.chat.completions, "request_timeout": timeout}
        return self.model_copy(update=update | {"max_retries": retries})

    def _where(self) -> str:
        return f"openai:{self.model_name} at {self.openai_api_base or OPENAI_DEFAULT_URL}"

    def _tries(self) -> str:
        return f"after {1 + (self.max_retries or 0)} attempt(s)"

    def _describe(self, exc: openai.APIError) -> str:
        where, tries = self._where(), self._tries()
        if isinstance(exc, openai.APITimeoutError):
            return f"{where} timed out {tries} (time-out {self.request_timeout} s)"
        if isinstance(exc, openai.APIConnectionError):
            cause = exc.__cause__ or exc
            return f"{where} is unreachable {tries}: {cause}"
        if isinstance(exc, openai.APIStatusError):
            return f"{where} answered HTTP {exc.status_code} {tries}: {exc.message}"
        return f"{where} failed {tries}: {exc}"


def _past_deadline(exc: openai.APIError) -> bool:
    """A 429 handed back because the run counts rate-limit waits and had no time left for one."""
    return isinstance(exc, openai.APIStatusError) and exc.response.headers.get(PAST_DEADLINE) == "1"


_clients: dict[tuple[Any, ...], httpx.Client] = {}
_clients_lock = threading.Lock()


def _http_client(base_url: str, model: str, rpm: int | None, tpm: int | None, retries: int) -> httpx.Client:
    """One HTTP client per endpoint, model and limits, shared by the runs of this process (as the
    client's own default is), sending through the rate-limited transport."""
    key = (base_url.rstrip("/"), model, rpm, tpm, retries)
    with _clients_lock:
        client = _clients.get(key)
        if client is None:
            limiter = endpoint_limiter(base_url, model, rpm, tpm)
            transport = RateLimitedTransport(httpx.HTTPTransport(), limiter, retries)
            client = _clients[key] = httpx.Client(transport=transport)
        return client


def _positive(opts: dict[str, Any], key: str) -> int | None:
    value = opts.pop(key, None)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
        raise ConfigError(f"model option {key}: expected a number above 0, got {value!r}")
    return int(value)


def make(spec: ModelSpec) -> SandboxChatOpenAI:
    if not spec.arg:
        raise ConfigError("name the model: --model openai:NAME (e.g. openai:gpt-4o-mini)")
    settings = get_settings()
    opts = dict(spec.options)
    base_url = str(opts.pop("base_url", None) or settings.openai_url())
    api_key = opts.pop("api_key", None) or settings.openai_api_key
    if not api_key:
        if base_url.rstrip("/") == OPENAI_DEFAULT_URL:
            raise ConfigError(
                f"openai:{spec.arg} needs an API key for {OPENAI_DEFAULT_URL}: set "
                "TRAVEL_SANDBOX_OPENAI_API_KEY (or OPENAI_API_KEY), or point "
                "TRAVEL_SANDBOX_OPENAI_BASE_URL (or OPENAI_BASE_URL) at a local server"
            )
        api_key = "not-needed"  # local servers (vLLM, llama.cpp, Ollama) accept any key
    retries = int(opts.pop("max_retries", settings.max_retries))
    rpm, tpm = _positive(opts, "rpm"), _positive(opts, "tpm")
    limit_retries = int(opts.pop("rate_limit_retries", DEFAULT_RETRIES))
    return SandboxChatOpenAI(
        model=spec.arg,
        base_url=base_url,
        api_key=api_key,
        timeout=float(opts.pop("timeout", settings.model_timeout)),
        max_retries=retries,
        empty_retries=int(opts.pop("empty_retries", retries)),
        temperature=spec.temperature,
        disable_streaming=True,
        http_client=_http_client(base_url, spec.arg, rpm, tpm, limit_retries),
        request_options=opts,
    )
