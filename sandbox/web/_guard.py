"""What a web request may name: checked before anything is started or recorded (422 naming the field).

A request never names a file on the server and never makes the server import code:

| field                  | accepted from the web                                                       |
|------------------------|-----------------------------------------------------------------------------|
| ``scenario``           | an id of the library (``/api/scenarios``); looked up, never opened as a path |
| ``agent``              | a registered agent (``/api/agents``); ``package.module:attr`` is refused      |
| ``model``              | a registered model: ``scripted``; ``noisy`` or ``noisy:MODEL``;              |
|                        | ``openai:NAME`` (a model name for the configured endpoint, never a URL);     |
|                        | ``replay:NAME`` (a recording of ``TRAVEL_SANDBOX_RECORDINGS``, by name) or    |
|                        | ``replay:record[:MODEL]``; another registered model by its plain name only  |
| ``policy``             | a preset name (``/api/policies``); a file path is refused                     |
| ``human``              | ``web``, ``scripted``, ``auto`` or ``reviewer`` (the request model's literal) |
| ``model_options``      | ``tool_choice``, ``max_tokens``, ``parallel_tool_calls``, ``top_p`` only     |
|                        | (``sandbox.live.WebModelOptions``): never a URL, a key or a client setting  |
| ``model_profile``      | a profile of the server's profiles folder, by name (``/api/model-profiles``); |
|                        | never a path; its endpoint, limits and prices are the server's              |
| ``args`` of an edit    | arguments of the tool the checkpoint stops (for a plan: of the plan or of   |
|                        | the world's WRITE tools), each of the type that tool takes                  |
| ``ids`` of a compare   | at most ``MAX_COMPARE`` run ids, or 2 to ``MAX_BATCHES`` batch ids          |

The library (``sandbox.live``) checks names too; these checks add the ones that need the server's
settings (the recordings folder) and say which field was wrong.
"""

from __future__ import annotations

import json
from typing import Any

from fastapi.exceptions import RequestValidationError

from sandbox.control import DecisionIn, edit_error, load_policy, tool_specs
from sandbox.errors import SandboxError, UnknownNameError
from sandbox.live import LiveRuns, LiveSpec
from sandbox.report import MAX_BATCHES, batch_comparison
from sandbox.settings import Settings
from sandbox.spi import agents, find_recording, looks_like_path, models, split_name, worlds

#: How many runs one comparison may hold.
MAX_COMPARE = 50
#: How deeply model names may wrap each other (``noisy:noisy:replay:record:openai:NAME`` is 3 deep).
MAX_MODEL_DEPTH = 3
#: What the argument after a built-in model's prefix is: another model, a name for the endpoint,
#: a recording, or nothing. A model not listed here is accepted by its plain name only.
MODEL_ARGS = {"scripted": None, "noisy": "model", "openai": "model name", "replay": "recording name"}


def field_error(loc: tuple[str | int, ...], message: str, value: Any = None) -> RequestValidationError:
    """A 422 in FastAPI's own shape: ``{"detail": [{"loc": [...], "msg": ..., "type": ...}]}``."""
    return RequestValidationError([{"type": "value_error", "loc": loc, "msg": message, "input": value}])


def check_run(spec: LiveSpec, live: LiveRuns, settings: Settings) -> None:
    """Refuse a scenario, agent, model or policy a web request may not name (see the module's table)."""
    try:
        live.library.get(spec.scenario)
    except SandboxError as exc:
        raise field_error(("body", "scenario"), str(exc), spec.scenario) from None
    if spec.agent not in agents.names():
        hint = (
            "; import paths (package.module:attr) are not accepted from the web" if ":" in spec.agent else ""
        )
        message = str(UnknownNameError("agent", spec.agent, agents.names())) + hint
        raise field_error(("body", "agent"), message, spec.agent)
    model = spec.model
    if spec.model_profile is not None:
        model = _profile_model(spec)
    try:
        check_model(model, settings)
    except SandboxError as exc:
        loc = "model" if model == spec.model else "model_profile"
        raise field_error(("body", loc), str(exc), getattr(spec, loc)) from None
    if spec.policy is None:
        return
    if looks_like_a_file(spec.policy):
        message = "the web app takes policy preset names only, never a file (see /api/policies)"
        raise field_error(("body", "policy"), message, spec.policy)
    try:
        load_policy(spec.policy)
    except SandboxError as exc:
        raise field_error(("body", "policy"), str(exc), spec.policy) from None


def _profile_model(spec: LiveSpec) -> str:
    """The model a run with a profile runs; a 422 naming ``model_profile`` for an unknown profile or
    one whose file is invalid (without the server's path)."""
    try:
        return spec.model_setup().model
    except UnknownNameError as exc:
        raise field_error(("body", "model_profile"), str(exc), spec.model_profile) from None
    except SandboxError:
        message = f"model profile {spec.model_profile!r} cannot be used: its file on the server is invalid"
        raise field_error(("body", "model_profile"), message, spec.model_profile) from None


def looks_like_a_file(name: str) -> bool:
    return name.endswith((".yaml", ".yml", ".json")) or "/" in name or "\\" in name or name.startswith(".")


def check_model(name: str, settings: Settings, depth: int = 0) -> None:
    """Raise ``SandboxError`` for a model name the web may not use (see the module's table)."""
    if depth > MAX_MODEL_DEPTH:
        raise SandboxError(f"model names nest at most {MAX_MODEL_DEPTH} deep")
    prefix, arg = split_name(name)
    arg = arg or None  # "openai:" names no model, as "openai" does not
    if prefix not in models.names():
        hint = "; import paths (package.module:attr) are not accepted from the web" if ":" in name else ""
        fallback = [f"openai:{name}"] if ":" not in name and "openai" in models.names() else []
        raise SandboxError(str(UnknownNameError("model", name, models.names(), fallback=fallback)) + hint)
    kind = MODEL_ARGS.get(prefix)
    if arg is None or kind is None:
        if arg is not None:
            raise SandboxError(f"model {prefix!r} takes nothing after its name from the web app")
        if kind in ("model name", "recording name"):
            raise SandboxError(f"model {prefix!r} needs a {kind}: {prefix}:NAME (see /api/models)")
        return
    if kind == "model":
        check_model(arg, settings, depth + 1)
    elif kind == "model name":
        if not arg.isprintable() or any(c.isspace() for c in arg) or "://" in arg:
            raise SandboxError(
                f"{prefix}:NAME takes a model name for the configured endpoint "
                "(TRAVEL_SANDBOX_OPENAI_BASE_URL), never a URL or spaces"
            )
    elif arg == "record" or arg.startswith("record:"):
        if settings.record is None:
            raise SandboxError("replay:record needs TRAVEL_SANDBOX_RECORD set on the server")
        check_model(arg.partition(":")[2] or "scripted", settings, depth + 1)
    elif looks_like_path(arg):
        raise SandboxError(
            f"the web app replays recordings by name (replay:NAME, see /api/models), never a file: {arg!r}"
        )
    else:
        find_recording(arg, settings.recordings_dir(), settings.max_recording)


def check_decision(live: LiveRuns, run_id: str, checkpoint_id: str, decision: DecisionIn) -> None:
    """Refuse an edit whose arguments do not fit the schema of what the checkpoint stops, before the
    decision is recorded (the run keeps waiting). Unknown or decided checkpoints are left to
    ``LiveRuns.decide`` (404, 409)."""
    if decision.decision != "edit" or not decision.args:
        return
    row, cp = live.store.run(run_id), live.store.checkpoint(run_id, checkpoint_id)
    if row is None or cp is None or cp.status != "pending":
        return
    tools = tool_specs(worlds.get(row.world))
    problem = edit_error(decision, str(json.loads(cp.payload_json).get("tool")), tools)
    if problem is not None:
        loc, message = problem
        raise field_error(("body", *loc.split(".", 1)), message, decision.args)


def compare_ids(raw: str) -> list[str]:
    """The distinct run ids of ``?ids=a,b,...``, at most ``MAX_COMPARE``."""
    ids = list(dict.fromkeys(i.strip() for i in raw.split(",") if i.strip()))
    if len(ids) > MAX_COMPARE:
        raise field_error(("query", "ids"), f"compare at most {MAX_COMPARE} runs at once (got {len(ids)})")
    return ids


def compare_batches(live: LiveRuns, raw: str, verdict: str) -> dict[str, Any]:
    """The comparison of the batches of ``?ids=a,b,...``; a 422 naming ``ids`` for too few or too many
    ids, an unknown batch (with the closest known ids) or batches with no scenario in common."""
    ids = list(dict.fromkeys(i.strip() for i in raw.split(",") if i.strip()))
    if not 2 <= len(ids) <= MAX_BATCHES:
        raise field_error(("query", "ids"), f"compare 2 to {MAX_BATCHES} batches (got {len(ids)})", raw)
    try:
        return batch_comparison(live.runs, ids, verdict=verdict)
    except SandboxError as exc:  # the database's location stays on the server
        message = str(exc).replace(f" in {live.runs.url}", "")
        raise field_error(("query", "ids"), message, raw) from None
