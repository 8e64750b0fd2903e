"""Settings, from the environment (prefix ``TRAVEL_SANDBOX_``) or a ``.env`` file.

| variable                             | default                                                   |
|--------------------------------------|-----------------------------------------------------------|
| ``TRAVEL_SANDBOX_DB``                | ``sqlite:///$XDG_DATA_HOME/travel-sandbox/runs.sqlite`` (``~/.local/share``) |
| ``TRAVEL_SANDBOX_CACHE``             | ``~/.cache/travel-sandbox`` (large catalogs)              |
| ``TRAVEL_SANDBOX_SCENARIOS``         | the shipped ``scenarios/``                                |
| ``TRAVEL_SANDBOX_OPENAI_BASE_URL``   | ``$OPENAI_BASE_URL``, else OpenAI (``https://api.openai.com/v1``) |
| ``TRAVEL_SANDBOX_OPENAI_API_KEY``    | ``$OPENAI_API_KEY``; needed for OpenAI itself, any text for local servers |
| ``TRAVEL_SANDBOX_MODEL_TIMEOUT``     | ``60`` seconds per model request                          |
| ``TRAVEL_SANDBOX_MAX_RETRIES``       | ``2`` retries of a failed model request (errors, time-outs, empty replies) |
| ``TRAVEL_SANDBOX_RECORD``            | unset; the file ``--model replay:record:NAME`` writes to   |
| ``TRAVEL_SANDBOX_MAX_SCENARIO_BYTES``| ``1000000``; larger scenario and policy files are refused  |
| ``TRAVEL_SANDBOX_MAX_STORED_TEXT``   | ``65536`` characters kept of any one text a run stores (a reply, an argument, a result) |
| ``TRAVEL_SANDBOX_RECORDINGS``        | ``$XDG_DATA_HOME/travel-sandbox/recordings``: the folder ``replay:NAME`` reads ``NAME.jsonl`` (or ``.json``) from |
| ``TRAVEL_SANDBOX_MAX_RECORDING``     | ``16777216`` bytes (16 MiB): a larger recording read by name is refused |
| ``TRAVEL_SANDBOX_PROFILES``          | ``$XDG_DATA_HOME/travel-sandbox/profiles``: the folder ``--model-profile NAME`` reads ``NAME.yaml`` from |
| ``TRAVEL_SANDBOX_PRICES``            | unset; a YAML price table ($ per 1M input/output tokens by model) over the shipped one |
| ``TRAVEL_SANDBOX_WORLD``             | the installation's default world (``sandbox.spi.default_world``): the world of a scenario file that names none, and the CLI's ``--world`` |

The ``openai:NAME`` models use the OpenAI settings, so OpenAI, vLLM, llama.cpp server and Ollama
(``http://localhost:11434/v1``) all work by setting the base URL. The web app replays recordings by
name from the recordings folder only; it never reads a file a request names.
"""

from __future__ import annotations

import os
from pathlib import Path

from pydantic import AliasChoices, Field
from pydantic_settings import BaseSettings, SettingsConfigDict

OPENAI_DEFAULT_URL = "https://api.openai.com/v1"


def _data_home() -> Path:
    return Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share") / "travel-sandbox"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="TRAVEL_SANDBOX_", env_file=".env", extra="ignore")

    db: str | None = None
    openai_base_url: str | None = Field(
        None, validation_alias=AliasChoices("TRAVEL_SANDBOX_OPENAI_BASE_URL", "OPENAI_BASE_URL")
    )
    openai_api_key: str | None = Field(
        None, validation_alias=AliasChoices("TRAVEL_SANDBOX_OPENAI_API_KEY", "OPENAI_API_KEY")
    )
    model_timeout: float = Field(60.0, gt=0)
    max_retries: int = Field(2, ge=0, le=20)
    record: Path | None = None
    max_scenario_bytes: int = Field(1_000_000, gt=0)
    max_stored_text: int = Field(65_536, ge=1_024)
    recordings: Path | None = None
    max_recording: int = Field(16 * 1024 * 1024, ge=1)
    profiles: Path | None = None
    prices: Path | None = None
    world: str | None = None

    def db_url(self) -> str:
        if self.db:
            return self.db
        home = _data_home()
        home.mkdir(parents=True, exist_ok=True)
        return f"sqlite:///{home / 'runs.sqlite'}"

    def recordings_dir(self) -> Path:
        """The folder of recordings replayed by name (``replay:NAME``); it need not exist."""
        return self.recordings or _data_home() / "recordings"

    def profiles_dir(self) -> Path:
        """The folder of model profiles chosen by name (``--model-profile NAME``); it need not exist."""
        return self.profiles or _data_home() / "profiles"

    def openai_url(self) -> str:
        """The chat-completions base URL: the configured one, else OpenAI's."""
        return (self.openai_base_url or OPENAI_DEFAULT_URL).rstrip("/")


def get_settings() -> Settings:
    return Settings()
