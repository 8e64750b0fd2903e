"""How a batch talks to a model endpoint: request options, named model profiles and token prices.

- ``parse_model_options(["tool_choice=auto", "max_tokens=512"])``: ``--model-option KEY=VALUE``; a
  value is JSON when it parses as JSON (``512``, ``false``, ``{"type": "auto"}``), else the text.
- A **model profile** is a YAML file ``NAME.yaml`` in the profiles folder (``TRAVEL_SANDBOX_PROFILES``,
  default ``~/.local/share/travel-sandbox/profiles``), chosen by name (``--model-profile NAME``)::

      model: openai:qwen2.5-7b-instruct     # used unless --model is given
      base_url: http://localhost:8080/v1    # the endpoint (else TRAVEL_SANDBOX_OPENAI_BASE_URL)
      options: {tool_choice: auto, max_tokens: 512}   # sent in every request body, as given
      rpm: 60                               # requests per minute to this endpoint
      tpm: 100000                           # tokens per minute
      prices: {input: 0.0, output: 0.0}     # $ per 1M input and output tokens

- **Prices** ($ per 1M input and output tokens) come from the profile, else from the price table:
  the shipped ``prices.yaml`` (a few common OpenAI models) with ``TRAVEL_SANDBOX_PRICES`` (a YAML
  file of the same shape) over it. A model is looked up by its whole name (``openai:gpt-4o``), then by
  the name after its prefix (``gpt-4o``). A model with no price has an unknown cost: ``--max-cost``
  refuses to run it, ``--max-tokens`` still works.

``model_setup`` puts these together (command-line values over the profile's) into what ``RunOptions``
takes: the model name, its options (``base_url``, ``rpm``, ``tpm`` among them) and its prices.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from sandbox._yaml import FileTooLargeError, YamlLimitError, load_yaml, max_file_bytes, read_capped
from sandbox.errors import ConfigError, UnknownNameError
from sandbox.settings import get_settings
from sandbox.spi import split_name

#: A profile name: a plain file name without its suffix, never a path.
PROFILE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")
PRICES_FILE = Path(__file__).with_name("prices.yaml")
_OPTION_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_.-]{0,63}")
#: Options never taken: a batch records its options, and a key belongs in the environment.
SECRET_OPTIONS = frozenset({"api_key", "openai_api_key"})


class Prices(BaseModel):
    """Dollars per 1M tokens."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    input: float = Field(ge=0, description="$ per 1M input (prompt) tokens.")
    output: float = Field(ge=0, description="$ per 1M output (completion) tokens.")


class ModelProfile(BaseModel):
    """A named model profile (one YAML file in the profiles folder)."""

    model_config = ConfigDict(extra="forbid")
    model: str | None = Field(None, description="Model name, used unless --model is given.")
    base_url: str | None = Field(None, description="The endpoint's base URL.")
    options: dict[str, Any] = Field(default_factory=dict, description="Request options, sent as given.")
    rpm: int | None = Field(None, gt=0, description="Requests per minute to this endpoint.")
    tpm: int | None = Field(None, gt=0, description="Tokens per minute to this endpoint.")
    prices: Prices | None = None


@dataclass(frozen=True)
class ModelSetup:
    """What a batch runs its model with: its name, its options (for ``ModelSpec.options``) and prices."""

    model: str
    options: dict[str, Any]
    prices: Prices | None
    profile: str | None = None


def parse_model_options(items: list[str] | None) -> dict[str, Any]:
    """``["KEY=VALUE", ...]`` as a dict; VALUE is JSON when it parses, else the text. Raises
    ``ConfigError`` naming the item for anything but ``KEY=VALUE``."""
    options: dict[str, Any] = {}
    for item in items or []:
        key, eq, text = item.partition("=")
        key = key.strip()
        if not eq or not _OPTION_KEY.fullmatch(key):
            raise ConfigError(
                f"--model-option {item!r}: expected KEY=VALUE (e.g. tool_choice=auto, max_tokens=512)"
            )
        try:
            options[key] = json.loads(text)
        except ValueError:
            options[key] = text
    return options


def _read_yaml(path: Path, what: str) -> Any:
    try:
        text = read_capped(path, max_file_bytes()).decode("utf-8")
    except FileNotFoundError:
        raise ConfigError(f"{what} {str(path)!r} not found") from None
    except (FileTooLargeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{what} {str(path)!r} cannot be read: {exc}") from None
    except OSError as exc:
        raise ConfigError(f"{what} {str(path)!r} cannot be read: {exc.strerror or exc}") from None
    try:
        return load_yaml(text)  # bounded: depth, aliases
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark is not None else str(path)
        kind = "YAML" if isinstance(exc, YamlLimitError) else "not valid YAML:"
        raise ConfigError(f"{where}: {kind} {getattr(exc, 'problem', None) or exc}") from None


def _invalid(path: Path, exc: ValidationError) -> ConfigError:
    err = exc.errors()[0]
    field = ".".join(str(p) for p in err["loc"]) or "(top level)"
    return ConfigError(f"{path}: {field}: {err['msg']}")


# -- profiles -------------------------------------------------------------------------------------


def profiles_dir() -> Path:
    """The folder model profiles are read from, by name (``TRAVEL_SANDBOX_PROFILES``)."""
    return get_settings().profiles_dir()


def profile_names() -> list[str]:
    """The profiles of the profiles folder, by name (none when the folder does not exist)."""
    folder = profiles_dir()
    if not folder.is_dir():
        return []
    names = {p.stem for p in folder.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file()}
    return sorted(n for n in names if PROFILE_NAME.fullmatch(n))


def load_profile(name: str) -> ModelProfile:
    """The profile ``name`` of the profiles folder. A name is never a path; an unknown one raises
    ``UnknownNameError`` listing the known ones, a bad file ``ConfigError`` naming the file and field."""
    if not PROFILE_NAME.fullmatch(name):
        raise ConfigError(
            f"model profile {name!r}: a profile is named by its file name in {profiles_dir()} "
            "(letters, digits, '.', '_' and '-'), never a path"
        )
    folder = profiles_dir()
    path = next((p for p in (folder / f"{name}.yaml", folder / f"{name}.yml") if p.is_file()), None)
    if path is None:
        raise UnknownNameError("model profile", name, profile_names())
    data = _read_yaml(path, "model profile")
    try:
        return ModelProfile.model_validate(data if data is not None else {})
    except ValidationError as exc:
        raise _invalid(path, exc) from None


# -- prices ---------------------------------------------------------------------------------------


def _price_file(path: Path) -> dict[str, Prices]:
    data = _read_yaml(path, "price table")
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: a price table maps model names to {{input: $, output: $}} per 1M tokens")
    table: dict[str, Prices] = {}
    for model, entry in data.items():
        try:
            table[str(model)] = Prices.model_validate(entry)
        except ValidationError as exc:
            err = exc.errors()[0]
            field = ".".join(str(p) for p in (model, *err["loc"]))
            raise ConfigError(f"{path}: {field}: {err['msg']}") from None
    return table


@cache
def _shipped_prices() -> dict[str, Prices]:
    return _price_file(PRICES_FILE)


def price_table() -> dict[str, Prices]:
    """The shipped prices, with ``TRAVEL_SANDBOX_PRICES`` (a YAML file of the same shape) over them."""
    extra = get_settings().prices
    return {**_shipped_prices(), **(_price_file(extra) if extra is not None else {})}


def price_for(model: str, table: dict[str, Prices] | None = None) -> Prices | None:
    """The price of ``model``: by its whole name, then by the name after its prefix; None if unknown."""
    table = price_table() if table is None else table
    if model in table:
        return table[model]
    _, rest = split_name(model)
    return table.get(rest) if rest else None


# -- putting it together --------------------------------------------------------------------------


def model_setup(
    model: str | None,
    *,
    profile: str | None = None,
    options: dict[str, Any] | None = None,
    rpm: int | None = None,
    tpm: int | None = None,
    default_model: str = "scripted",
) -> ModelSetup:
    """The model, its options and prices: the command line's (``model``, ``options``, ``rpm``,
    ``tpm``) over the profile's, over the defaults. ``model`` None: the profile's, else the default."""
    prof = load_profile(profile) if profile is not None else ModelProfile()
    name = model or prof.model or default_model
    merged: dict[str, Any] = dict(prof.options)
    if prof.base_url:
        merged["base_url"] = prof.base_url
    merged.update(options or {})
    secret = sorted(SECRET_OPTIONS & set(merged))
    if secret:
        raise ConfigError(
            f"model option {secret[0]!r} is not taken (a batch records its options): set the key in "
            "TRAVEL_SANDBOX_OPENAI_API_KEY (or OPENAI_API_KEY)"
        )
    for key, value in (
        ("rpm", rpm if rpm is not None else prof.rpm),
        ("tpm", tpm if tpm is not None else prof.tpm),
    ):
        if value is not None:
            merged[key] = value
    prices = prof.prices if prof.prices is not None else price_for(name)
    return ModelSetup(name, merged, prices, profile)
