"""The ``replay`` model: replays recorded replies, so a real-LLM run can be reproduced offline.

    TRAVEL_SANDBOX_RECORD=gpt.jsonl travel-sandbox run --agent react --model replay:record:openai:gpt-4o-mini
    travel-sandbox run --agent react --model replay:gpt.jsonl      # the same runs, offline, no key

``replay:record:NAME`` wraps the model ``NAME`` (``replay:record`` alone wraps ``scripted``) and
appends each of its replies to the file named by ``TRAVEL_SANDBOX_RECORD`` (or the model spec's
``options["record"]``), one JSON line per model call::

    {"run": "5f0c...", "scenario": "one-way", "trial": 0, "call": 1,
     "message": {"content": "", "tool_calls": [{"name": "search_flights", "args": {...}, "id": "call_1"}],
                 "invalid_tool_calls": [], "usage_metadata": {"input_tokens": 812, ...}}}

``replay:NAME`` replays the recording called NAME: ``NAME.jsonl`` (or ``NAME.json``) in the recordings
folder (``TRAVEL_SANDBOX_RECORDINGS``). Only a regular file inside that folder, of at most
``TRAVEL_SANDBOX_MAX_RECORDING`` bytes, is read; this is how the web app replays (it never takes a
path). ``replay:PATH`` (a ``.jsonl``/``.json`` file, or anything with a ``/``) reads that file, for
the command line, where the user owns the machine.

``replay:NAME`` and ``replay:PATH`` answer the Nth model call of a run with the Nth recorded reply for the run's
(scenario, trial), taken from the last recording of that pair in the file; tool calls, malformed
calls and token usage come back as recorded. A file may also hold bare messages (``{"content": ...,
"tool_calls": [...]}``, as JSON lines or one JSON list), replayed in order for any scenario. A run
that asks for more replies than were recorded fails with ``ReplayExhausted`` (the run is ``error``).

A model playing the traveller (``--traveller llm:replay:...``, ``sandbox.runner._traveller``) is made
with ``options["role"] = "traveller"``: its recorded lines carry ``"role": "traveller"`` and it replays
only those, while the agent's model records and replays the lines without a role, so one file holds
both sides of a run.
"""

from __future__ import annotations

import json
import threading
import uuid
from pathlib import Path
from typing import Any

from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.messages import AIMessage, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatResult

from agents.models._wrapping import WrappingChatModel
from sandbox.spi import (
    ConfigError,
    ModelSpec,
    SandboxError,
    get_settings,
    looks_like_path,
    make_model,
    parse_recording,
    read_named_recording,
)

_WRITE_LOCK = threading.Lock()


class ReplayExhausted(SandboxError):  # noqa: N818 - names the situation, like StopIteration
    """The run asked for more model replies than the recording holds."""


def to_record(msg: AIMessage) -> dict[str, Any]:
    out: dict[str, Any] = {"content": msg.content}
    if msg.tool_calls:
        out["tool_calls"] = [
            {"name": c["name"], "args": c["args"], "id": c.get("id")} for c in msg.tool_calls
        ]
    if msg.invalid_tool_calls:
        out["invalid_tool_calls"] = [
            {k: c.get(k) for k in ("name", "args", "id", "error")} for c in msg.invalid_tool_calls
        ]
    if msg.usage_metadata:
        out["usage_metadata"] = dict(msg.usage_metadata)
    return out


def from_record(data: dict[str, Any], where: str) -> AIMessage:
    if not isinstance(data, dict):
        raise ConfigError(f"{where}: expected a recorded message (a JSON object), got {type(data).__name__}")
    calls = [
        {"name": c["name"], "args": c.get("args") or {}, "id": c.get("id"), "type": "tool_call"}
        for c in data.get("tool_calls") or []
    ]
    invalid = [
        {
            "name": c.get("name"),
            "args": c.get("args"),
            "id": c.get("id"),
            "error": c.get("error"),
            "type": "invalid_tool_call",
        }
        for c in data.get("invalid_tool_calls") or []
    ]
    return AIMessage(
        content=data.get("content") or "",
        tool_calls=calls,
        invalid_tool_calls=invalid,
        usage_metadata=data.get("usage_metadata"),
        response_metadata={"replay": where},
    )


def read_recording(path: Path) -> list[dict[str, Any]]:
    """Every entry of a JSONL or JSON recording, in file order."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"replay file {path} cannot be read: {exc.strerror or exc}") from exc
    return parse_recording(text, as_list=path.suffix == ".json", where=f"replay file {path}")


def replies_for(
    entries: list[dict[str, Any]], scenario: str, trial: int, path: Path, role: str = ""
) -> list[dict[str, Any]]:
    """The messages to replay for (scenario, trial) and ``role`` (the agent's: none; ``traveller``): its
    last recorded run, or all bare messages."""
    if not any(isinstance(e, dict) and "message" in e for e in entries):
        return entries
    mine = [
        e
        for e in entries
        if e.get("scenario") == scenario and e.get("trial") == trial and e.get("role", "") == role
    ]
    if not mine:
        have = sorted({f"{e.get('scenario')}#{e.get('trial')}" for e in entries})
        raise ReplayExhausted(
            f"replay file {path} has no recorded replies for scenario {scenario!r} trial {trial} "
            f"(it has: {', '.join(have)})"
        )
    last_run = mine[-1].get("run")
    return [e["message"] for e in mine if e.get("run") == last_run]


class ReplayChatModel(WrappingChatModel):
    """Answers each call with the next recorded reply; never calls a real model."""

    inner: Any = None
    path: Path
    scenario_id: str = ""
    trial: int = 0
    replies: list[Any]

    @property
    def _llm_type(self) -> str:
        return "replay"

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        n = self._calls.next()
        if n > len(self.replies):
            raise ReplayExhausted(
                f"replay file {self.path} holds {len(self.replies)} replies for scenario "
                f"{self.scenario_id!r} trial {self.trial}, and the run asked for reply {n}; "
                "the agent did not follow the recorded run (re-record it)"
            )
        reply = from_record(self.replies[n - 1], f"{self.path}#{n}")
        return ChatResult(generations=[ChatGeneration(message=reply)])


class RecordingChatModel(WrappingChatModel):
    """Passes every call to ``inner`` and appends its reply to ``path``."""

    path: Path
    scenario_id: str = ""
    trial: int = 0
    run_id: str
    role: str = ""

    @property
    def _llm_type(self) -> str:
        return "replay-record"

    def rewrite(self, call_no: int, messages: list[BaseMessage], reply: AIMessage) -> AIMessage:
        line = {
            "run": self.run_id,
            "scenario": self.scenario_id,
            "trial": self.trial,
            "call": call_no,
            "message": to_record(reply),
        }
        if self.role:
            line["role"] = self.role
        with _WRITE_LOCK, self.path.open("a", encoding="utf-8") as f:
            f.write(json.dumps(line, sort_keys=True, default=str) + "\n")
        return reply


def make(spec: ModelSpec) -> WrappingChatModel:
    arg = spec.arg or ""
    role = str(spec.options.get("role") or "")  # "traveller": a model playing the user (--traveller)
    if arg == "record" or arg.startswith("record:"):
        target = spec.options.get("record") or get_settings().record
        if not target:
            raise ConfigError(
                "replay:record needs a file to write to: set TRAVEL_SANDBOX_RECORD=path.jsonl "
                "(or pass options={'record': path})"
            )
        path = Path(target)
        path.parent.mkdir(parents=True, exist_ok=True)
        inner_name = arg.partition(":")[2] or "scripted"
        inner = make_model(
            inner_name,
            scenario_id=spec.scenario_id,
            trial=spec.trial,
            seed=spec.seed,
            temperature=spec.temperature,
            options={k: v for k, v in spec.options.items() if k not in ("record", "role")},
        )
        return RecordingChatModel(
            inner=inner,
            path=path,
            scenario_id=spec.scenario_id,
            trial=spec.trial,
            run_id=uuid.uuid4().hex,
            role=role,
        )
    if not arg:
        raise ConfigError(
            "the replay model needs a recording: --model replay:NAME (in the recordings folder) "
            "or replay:PATH (.jsonl or .json)"
        )
    if looks_like_path(arg):
        path = Path(arg)
        entries = read_recording(path)
    else:
        settings = get_settings()
        path = Path(arg)  # shown in messages as the recording's name, never its place on the server
        entries = read_named_recording(arg, settings.recordings_dir(), settings.max_recording)
    replies = replies_for(entries, spec.scenario_id, spec.trial, path, role)
    return ReplayChatModel(path=path, scenario_id=spec.scenario_id, trial=spec.trial, replies=replies)
