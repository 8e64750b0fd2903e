"""Chat models by name: ``scripted``, ``noisy``, ``replay:FILE``, ``openai:NAME``, or ``package.module:attr``.

A model factory (registered in the ``travel_sandbox.models`` entry-point group) is called with a
``ModelSpec`` and returns a LangChain chat model (``BaseChatModel`` with tool calling). A name with a
prefix (``openai:gpt-4o-mini``) resolves the factory registered for the prefix (``openai``) and
passes the rest as ``spec.arg``; a full import path (``mypkg.models:make``) is imported.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from langchain_core.language_models import BaseChatModel

from sandbox.errors import UnknownNameError
from sandbox.spi._registry import _is_spec, models

OPENAI = "openai"  # the model prefix for OpenAI-compatible endpoints


@dataclass(frozen=True)
class ModelSpec:
    name: str  # as given: "scripted", "noisy", "openai:gpt-4o-mini"
    arg: str | None = None  # the part after the prefix ("gpt-4o-mini"), if any
    scenario_id: str = ""
    trial: int = 0
    seed: int = 0
    temperature: float = 0.0
    options: dict[str, Any] = field(default_factory=dict)


def split_name(name: str) -> tuple[str, str | None]:
    """``"openai:gpt-4o"`` -> ``("openai", "gpt-4o")``; import paths and plain names stay whole."""
    if ":" in name and not _is_spec(name):
        prefix, _, rest = name.partition(":")
        return prefix, rest
    if ":" in name and name.partition(":")[0] in models.names():
        prefix, _, rest = name.partition(":")
        return prefix, rest
    return name, None


def model_factory(name: str) -> Callable[[ModelSpec], BaseChatModel]:
    """The factory for ``name``; raises ``UnknownNameError`` (with did-you-mean) for unknown names.

    A plain name that is no model and close to none (``gpt-4o``) is probably a model behind an
    OpenAI-compatible endpoint: the error suggests ``openai:gpt-4o``.
    """
    key, _ = split_name(name)
    try:
        return models.get(key)
    except UnknownNameError as exc:
        if type(exc) is not UnknownNameError or ":" in name or OPENAI not in models.names():
            raise
        raise UnknownNameError("model", name, models.names(), fallback=[f"{OPENAI}:{name}"]) from None


def make_model(name: str, **kwargs: Any) -> BaseChatModel:
    _, arg = split_name(name)
    return model_factory(name)(ModelSpec(name=name, arg=arg, **kwargs))
