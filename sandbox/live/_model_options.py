"""What a web request may set of a run's model: a fixed allow-list of request options and named profiles.

A request never sets an endpoint, a key, a file or a client setting: ``WebModelOptions`` takes only
the options below (anything else is a 422 naming the field, before anything is created), and a
profile is named, never given (``model_profile``: a profile of the server's profiles folder,
``TRAVEL_SANDBOX_PROFILES``; its endpoint, options, limits and prices are the server's own).

| option                | values                          |
|-----------------------|---------------------------------|
| ``tool_choice``       | ``auto``, ``none``, ``required`` |
| ``max_tokens``        | 1 to 32768                      |
| ``parallel_tool_calls``| true or false                  |
| ``top_p``             | 0 to 1                          |
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from sandbox.errors import SandboxError
from sandbox.runner import ModelSetup, load_profile, model_setup, profile_names


class WebModelOptions(BaseModel):
    """Request options a web request may set (a fixed allow-list; the request body gets them as given)."""

    model_config = ConfigDict(extra="forbid")

    tool_choice: Literal["auto", "none", "required"] | None = Field(
        None, description="Whether the model must, may or must not call a tool."
    )
    max_tokens: int | None = Field(None, ge=1, le=32_768, description="Most tokens of one reply.")
    parallel_tool_calls: bool | None = Field(None, description="Whether one reply may call several tools.")
    top_p: float | None = Field(None, ge=0, le=1, description="Nucleus sampling.")


def web_model_setup(
    model: str, model_given: bool, profile: str | None, options: WebModelOptions
) -> ModelSetup:
    """The run's model, options and prices: the profile's (if any) under the request's allowed options;
    the request's model if it gave one, else the profile's."""
    return model_setup(
        model if model_given else None,
        profile=profile,
        options=options.model_dump(exclude_none=True),
        default_model=model,
    )


def profile_list() -> list[dict[str, Any]]:
    """The server's model profiles a run may name: each one's name and model (never its endpoint);
    a profile whose file is invalid is listed as such."""
    out: list[dict[str, Any]] = []
    for name in profile_names():
        try:
            out.append({"name": name, "model": load_profile(name).model, "broken": False})
        except SandboxError:
            out.append({"name": name, "model": None, "broken": True})
    return out
