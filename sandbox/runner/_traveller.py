"""Who plays the simulated user when an agent asks a question (``RunOptions.traveller``, ``--traveller``).

- ``scripted`` (the default): the world's own answer (``World.answer``; a world may pick one fact per
  question).
- ``llm:MODEL``: a chat model plays the user, told only what the world's optional ``user_brief(scenario)``
  says (for instance the request for the voice, the facts by topic and the defaults; never the
  hidden sections) and the conversation so far (its earlier questions and answers). ``MODEL`` is a model
  as ``--model`` takes it, or a model profile's name (its model, endpoint and options); another bare
  name is ``openai:NAME``, any OpenAI-compatible endpoint with the same settings
  (``TRAVEL_SANDBOX_OPENAI_BASE_URL``, the API key, time-out and retries) as the agent's model.

Every answer, whoever gives it, is the ``respond`` decision of the question's checkpoint in the trace,
and the batch's plan keeps the option, so a stored run shows what the traveller said. To replay a run
offline, record the traveller's replies with the replay model and replay them:
``--traveller llm:replay:record:openai:NAME`` (with ``TRAVEL_SANDBOX_RECORD=FILE``) writes each reply as
a JSON line marked ``"role": "traveller"``, and ``--traveller llm:replay:FILE`` answers the Nth question
of each (scenario, trial) with its Nth recorded reply; the agent's own recorded replies in the same file
(no role) are left to ``--model replay:FILE``.

A bad option (``llm:`` without a model, an unknown model, an endpoint without a key or URL) is a
``ConfigError`` naming ``--traveller`` before anything runs (``check_traveller``). A reply that fails at
run time (an endpoint down, a time-out, a replay that runs out) fails that run only, as
``TravellerError`` naming the option; an empty reply is answered by the world's scripted user instead.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, SystemMessage

from sandbox.errors import ConfigError, SandboxError
from sandbox.runner._endpoints import model_setup, profile_names
from sandbox.spi import ScenarioBase, make_model, model_factory, split_name

AnswerFn = Callable[[str], str]
OPENAI = "openai"  # the model prefix for OpenAI-compatible endpoints (a bare name means it)
SCRIPTED = "scripted"
LLM = "llm:"
#: How the traveller's lines in a recording are marked (``agents.models.replay``).
ROLE = "traveller"


class TravellerError(SandboxError):
    """The model playing the traveller failed to answer (the run is ``error``; the batch goes on)."""


def traveller_model(spec: str) -> tuple[str, dict[str, Any]] | None:
    """The model behind ``spec`` and its options (None for ``scripted``): a model profile's model and
    options when ``llm:NAME`` names one, else ``openai:NAME`` for a bare name, else the model as given.
    ``ConfigError`` naming ``--traveller`` for anything else."""
    if spec == SCRIPTED:
        return None
    if not spec.startswith(LLM):
        raise ConfigError(f"--traveller {spec!r}: expected 'scripted' or 'llm:MODEL' (e.g. llm:gpt-4o-mini)")
    name = spec.removeprefix(LLM).strip()
    if not name:
        raise ConfigError("--traveller llm: needs a model, e.g. llm:gpt-4o-mini or llm:openai:gpt-4o-mini")
    if ":" in name:
        return name, {}
    if name in profile_names():
        setup = model_setup(None, profile=name)
        return setup.model, dict(setup.options)
    return f"{OPENAI}:{name}", {}


def _build(spec: str, scenario_id: str, trial: int, seed: int) -> BaseChatModel:
    resolved = traveller_model(spec)
    assert resolved is not None
    name, options = resolved
    if split_name(name)[0] == "replay":
        options = {**options, "role": ROLE}
    return make_model(name, scenario_id=scenario_id, trial=trial, seed=seed, temperature=0.0, options=options)


def check_traveller(spec: str) -> None:
    """Everything about ``--traveller`` that can be checked before a run: the form, the model's name and,
    for a model behind an endpoint, its settings (a key or a base URL)."""
    try:
        resolved = traveller_model(spec)
        if resolved is None:
            return
        model_factory(resolved[0])
        if split_name(resolved[0])[0] == OPENAI:
            _build(spec, "", 0, 0)  # builds the client: a missing key or URL fails here
    except ConfigError as exc:
        if str(exc).startswith("--traveller"):
            raise
        raise ConfigError(f"--traveller {spec}: {exc}") from exc
    except SandboxError as exc:
        raise ConfigError(f"--traveller {spec}: {exc}") from exc


class LLMTraveller:
    """Answers each question with ``model``, given the brief and the conversation so far."""

    def __init__(self, spec: str, model: BaseChatModel, brief: str, fallback: AnswerFn):
        self.spec, self.model, self.fallback = spec, model, fallback
        self.messages: list[BaseMessage] = [SystemMessage(content=brief)]

    def __call__(self, question: str) -> str:
        asked = [*self.messages, HumanMessage(content=question)]
        try:
            reply = self.model.invoke(asked)
        except Exception as exc:  # any failure of the model is this run's, named by the option
            raise TravellerError(f"--traveller {self.spec}: {type(exc).__name__}: {exc}") from exc
        text = _text(reply).strip() or self.fallback(question)
        self.messages = [*asked, AIMessage(content=text)]
        return text


def _text(reply: BaseMessage) -> str:
    content = reply.content
    if isinstance(content, str):
        return content
    return "".join(p if isinstance(p, str) else str(p.get("text", "")) for p in content)


def traveller_answer(
    spec: str, world: Any, scenario: ScenarioBase, *, trial: int = 0, seed: int = 0
) -> AnswerFn:
    """The answer function of the user ``spec`` names, for one run of ``scenario`` in ``world``."""
    scripted: AnswerFn = lambda question: str(world.answer(scenario, question))  # noqa: E731
    if traveller_model(spec) is None:
        return scripted
    user_brief = getattr(world, "user_brief", None)
    if user_brief is None:
        raise ConfigError(f"--traveller {spec}: world {world.name!r} cannot brief a model to play its user")
    model = _build(spec, scenario.id, trial, seed)
    return LLMTraveller(spec, model, user_brief(scenario), scripted)
