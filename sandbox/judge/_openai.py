"""``openai:NAME``: an LLM judge behind any OpenAI-compatible chat-completions endpoint.

It uses the same settings as the ``openai:NAME`` models (``sandbox.spi.get_settings``): the base URL
(``TRAVEL_SANDBOX_OPENAI_BASE_URL``), the API key (``TRAVEL_SANDBOX_OPENAI_API_KEY``; any text for a
local server), the request time-out (``TRAVEL_SANDBOX_MODEL_TIMEOUT``) and the retries
(``TRAVEL_SANDBOX_MAX_RETRIES``). It is harness code, built on ``langchain-openai`` directly, not on
an agent's model: the sandbox never imports ``agents``.

One verdict is at most ``1 + max_retries`` requests at temperature 0, each waiting at most the
time-out and never past the verdict's deadline. The prompt is the rubric (``Rubric.system_prompt``)
and the run as a judge may read it (``user_prompt``: request, final state, report). The reply must
be one JSON object ``{"scores": {criterion: 1..5}, "verdict": "pass" | "fail", "reason": "..."}``
(a fenced code block is accepted); a reply that is not is asked again, with what was wrong. An
endpoint error is asked again too. When every attempt fails, or the deadline passes, the verdict is
a judge error (``JudgeResult.error``, ``passed`` null): a judge never raises, so one bad reply never
stops a batch.
"""

from __future__ import annotations

import json
import re
from typing import Literal

from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, SystemMessage
from langchain_openai import ChatOpenAI
from pydantic import BaseModel, ConfigDict, SecretStr, ValidationError

from sandbox.errors import ConfigError
from sandbox.judge._input import JudgeInput
from sandbox.judge._rubric import SCALE, Rubric, user_prompt
from sandbox.spi import OPENAI_DEFAULT_URL, Deadline, JudgeResult, current_deadline, get_settings

PREFIX = "openai:"
MAX_REASON = 300
FENCE = re.compile(r"^```(?:json)?\s*(.*?)\s*```$", re.S)


class _Reply(BaseModel):
    model_config = ConfigDict(extra="ignore")
    scores: dict[str, int]
    verdict: Literal["pass", "fail"]
    reason: str


class BadReply(ValueError):
    """A reply that is not the JSON object the rubric asks for."""


def parse_reply(text: str, rubric: Rubric) -> _Reply:
    """The judge's reply as scores, verdict and reason; ``BadReply`` saying what is wrong."""
    body = text.strip()
    fenced = FENCE.match(body)
    body = fenced.group(1) if fenced else body
    if not body.startswith("{") and "{" in body:
        body = body[body.index("{") : body.rindex("}") + 1]
    try:
        data = json.loads(body)
    except json.JSONDecodeError as exc:
        raise BadReply(f"the reply is not JSON ({exc.msg}): {text[:80]!r}") from None
    try:
        reply = _Reply.model_validate(data, strict=False)
    except ValidationError as exc:
        raise BadReply(f"the reply is not the JSON object asked for: {_first_error(exc)}") from None
    if set(reply.scores) != set(rubric.ids):
        raise BadReply(
            f"scores must be given for exactly {', '.join(rubric.ids)}; got {sorted(reply.scores)}"
        )
    outside = {c: v for c, v in reply.scores.items() if v not in SCALE}
    if outside:
        raise BadReply(f"scores must be whole numbers 1-5; got {outside}")
    if not reply.reason.strip():
        raise BadReply("the reason is empty")
    return reply


def _first_error(exc: ValidationError) -> str:
    e = exc.errors()[0]
    return f"{'.'.join(map(str, e['loc'])) or 'the reply'}: {e['msg']}"


class OpenAIJudge:
    """A judge behind an OpenAI-compatible endpoint (see the module docstring)."""

    def __init__(self, model: str, rubric: Rubric):
        if not model:
            raise ConfigError("name the judge's model: --judge openai:NAME (e.g. openai:gpt-4o-mini)")
        settings = get_settings()
        self.name = f"{PREFIX}{model}"
        self.model, self.rubric = model, rubric
        self.base_url = settings.openai_url()
        key = settings.openai_api_key
        if not key and self.base_url == OPENAI_DEFAULT_URL:
            raise ConfigError(
                f"{self.name} needs an API key for {OPENAI_DEFAULT_URL}: set TRAVEL_SANDBOX_OPENAI_API_KEY "
                "(or OPENAI_API_KEY), or point TRAVEL_SANDBOX_OPENAI_BASE_URL at a local server"
            )
        self.api_key = key or "not-needed"  # local servers accept any key
        self.timeout, self.attempts = settings.model_timeout, 1 + settings.max_retries

    def _chat(self, timeout: float) -> ChatOpenAI:
        return ChatOpenAI(
            model=self.model,
            base_url=self.base_url,
            api_key=SecretStr(self.api_key),
            timeout=timeout,
            max_retries=0,  # this judge retries itself, within its deadline
            temperature=0.0,
            disable_streaming=True,
        )

    def _error(self, message: str) -> JudgeResult:
        return JudgeResult(judge=self.name, rubric=self.rubric.label, error=message)

    def judge(self, inp: JudgeInput, deadline: Deadline | None = None) -> JudgeResult:
        """The verdict on one run; never raises (a failure is a judge error)."""
        deadline = deadline or current_deadline()
        messages: list[BaseMessage] = [
            SystemMessage(self.rubric.system_prompt()),
            HumanMessage(user_prompt(inp)),
        ]
        problem = "no attempt was made"
        for attempt in range(1, self.attempts + 1):
            left = deadline.remaining() if deadline is not None else self.timeout
            if left <= 0:
                return self._error(
                    f"{self.name} gave no verdict in time ({attempt - 1} attempt(s)): {problem}"
                )
            try:
                reply = self._chat(min(self.timeout, left)).invoke(messages)
            except Exception as exc:  # an endpoint failure of any kind is this verdict's error
                problem = f"the endpoint failed: {type(exc).__name__}: {str(exc)[:200]}"
                continue
            text = reply.content if isinstance(reply.content, str) else json.dumps(reply.content)
            try:
                parsed = parse_reply(text, self.rubric)
            except BadReply as exc:
                problem = str(exc)
                messages += [
                    AIMessage(text),
                    HumanMessage(f"That reply was not usable: {problem}. Reply with the JSON object only."),
                ]
                continue
            return JudgeResult(
                judge=self.name,
                rubric=self.rubric.label,
                scores=dict(parsed.scores),
                passed=parsed.verdict == "pass",
                reason=parsed.reason.strip().splitlines()[0][:MAX_REASON],
            )
        return self._error(f"{self.name} gave no usable verdict after {self.attempts} attempt(s): {problem}")
