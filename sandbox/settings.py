"""Settings, from the environment (prefix ``TRAVEL_SANDBOX_``) or a ``.env`` file.

| variable                     | default                                          |
|------------------------------|--------------------------------------------------|
| ``TRAVEL_SANDBOX_DB``        | ``sqlite:///$XDG_DATA_HOME/travel-sandbox/runs.sqlite`` (``~/.local/share``) |
| ``TRAVEL_SANDBOX_CACHE``     | ``~/.cache/travel-sandbox`` (large catalogs)     |
| ``TRAVEL_SANDBOX_SCENARIOS`` | the shipped ``scenarios/``                       |
"""

from __future__ import annotations

import os
from pathlib import Path

from pydantic_settings import BaseSettings, SettingsConfigDict


def _data_home() -> Path:
    return Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share") / "travel-sandbox"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="TRAVEL_SANDBOX_", env_file=".env", extra="ignore")

    db: str | None = None

    def db_url(self) -> str:
        if self.db:
            return self.db
        home = _data_home()
        home.mkdir(parents=True, exist_ok=True)
        return f"sqlite:///{home / 'runs.sqlite'}"


def get_settings() -> Settings:
    return Settings()
