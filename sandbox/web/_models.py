"""Request (``XCreate``) and response (``XPublic``) models of the JSON API (docs/architecture.md).

They document the contract in ``/docs`` and filter what goes out; the values come from
``sandbox.live`` as plain dicts. The run models are built from ``RunResult``'s own fields (one source
of truth: a field added to ``RunResult`` is served, with its type and description), except the few
a live run serves differently (``SERVED_DIFFERENTLY``).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, create_model
from pydantic.fields import FieldInfo

from sandbox.control import DecisionIn
from sandbox.live import COMPARED, LiveSpec
from sandbox.spi import RunResult, TraceEvent

RunStatus = Literal["running", "waiting", "done", "error", "skipped"]


class ScenarioPublic(BaseModel):
    id: str
    title: str
    tags: list[str]
    request: str = Field(description="The only task text the agent sees.")
    version: int
    expect: str = Field(description="Expected outcome: booked, refused, asked or changed.")


class AgentPublic(BaseModel):
    name: str
    about: str
    privileged: bool = Field(description="Reads the hidden scenario (the reference agent): calibration only.")
    needs_model: bool


class ModelPublic(BaseModel):
    name: str


class ProfilePublic(BaseModel):
    name: str = Field(description="The profile's name, for a run's model_profile.")
    model: str | None = Field(description="The model it runs (none: the request's or the default).")
    broken: bool = Field(description="Its file on the server is invalid: a run cannot use it.")


class PolicyPublic(BaseModel):
    name: str = Field(description="Preset name; ask-above-<amount> is a family, e.g. ask-above-500.")
    about: str


class RunCreate(LiveSpec):
    """Start a run of a library scenario. Unknown names, and names the web may not use (file paths,
    import paths), are refused (422 naming the field) and nothing is created."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "scenario": "basic-round-trip",
                    "agent": "reference",
                    "policy": "ask-on-write",
                    "human": "web",
                }
            ]
        },
    )

    scenario: str = Field(max_length=200, description="Scenario id (see /api/scenarios).")
    agent: str = Field("planner", max_length=200, description="Agent name (see /api/agents).")
    model: str = Field(
        "scripted",
        max_length=300,
        description="Model name, for agents that use one (see /api/models): a registered model, "
        "openai:NAME, or replay:NAME for a recording of the server's recordings folder.",
    )
    policy: str | None = Field(
        None,
        max_length=200,
        description="Override-policy preset (see /api/policies); none: the scenario's own.",
    )
    seed: int | None = Field(
        None, ge=0, le=2**63 - 1, description="Run seed (default: the scenario's world seed)."
    )


class RunCreated(BaseModel):
    id: str
    status: RunStatus


#: The ``RunResult`` fields the API serves differently from a stored result, and why: a live run is
#: also ``running`` or ``waiting``, its spend and budget are unknown until it is scored, and its time
#: excludes the time it waited for a person. Every other field is ``RunResult``'s own.
SERVED_DIFFERENTLY: dict[str, tuple[Any, Any]] = {
    "status": (
        RunStatus,
        Field(
            description="done, error or skipped (a batch's spend cap), or a live run's running or waiting."
        ),
    ),
    "spend": (float | None, Field(None, description="Dollars charged (none until a live run is scored).")),
    "budget": (float | None, Field(None, description="The trip's budget (none until a live run is scored).")),
    "duration_s": (
        float,
        Field(0.0, description="Seconds the run ran (time waiting for a person excluded)."),
    ),
}


def _fields(model: type[BaseModel], names: Iterable[str]) -> dict[str, Any]:
    """``model``'s fields of these names, as ``create_model`` takes them (type, field)."""
    own = model.model_fields
    return {n: (own[n].annotation, FieldInfo.merge_field_infos(own[n])) for n in names}


def _run_fields() -> dict[str, Any]:
    """``RunResult``'s fields but the ones only the store keeps (the trace, the final state), as served."""
    names = (n for n in RunResult.model_fields if n not in RunResult.STORED_ONLY)
    return _fields(RunResult, names) | SERVED_DIFFERENTLY


RunSummary = create_model(
    "RunSummary",
    __doc__="A run without its trace (listings, comparisons): ``RunResult``'s fields, and the live ones.",
    **_run_fields(),
    live=(bool, Field(description="Started from the web app (it has checkpoints and a live trace).")),
    pending=(list[str], Field(description="Ids of the checkpoints waiting for a decision.")),
    batch=(
        str | None,
        Field(None, description="The batch of a stored run (listings only; web runs have none)."),
    ),
)

RunPublic = create_model(
    "RunPublic",
    __doc__="A run with its trace.",
    __base__=RunSummary,
    trace=(list[TraceEvent], Field(description="The run's events, one typed object per kind (by ``type``).")),
)


class CheckpointPublic(BaseModel):
    id: str = Field(description="The checkpoint (LangGraph interrupt) id.")
    run_id: str
    seq: int
    status: Literal["pending", "held", "decided"] = Field(
        description="held: decided, but inside its undo window (POST .../undo takes it back)."
    )
    kind: Literal["tool", "proposal", "question"] | str
    tool: str
    payload: dict[str, Any] = Field(
        description="What the human sees: action, args, amount, budget impact, rationale, confidence, "
        "alternatives and the rule that caused the stop (sandbox.control.CheckpointPayload)."
    )
    decision: dict[str, Any] | None = None
    created_at: datetime
    decided_at: datetime | None = None
    undo_until: datetime | None = Field(None, description="A held decision: when its undo window ends.")


class DecisionCreate(DecisionIn):
    """approve; edit with ``args`` (an object) and/or ``alternative`` (an index); reject with a
    ``reason``; respond with ``text``."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {"decision": "approve"},
                {"decision": "edit", "alternative": 0},
                {"decision": "reject", "reason": "too expensive"},
            ]
        },
    )


CompareRow = create_model("CompareRow", __doc__="One run in a comparison.", **_fields(RunSummary, COMPARED))


class Problem(BaseModel):
    """An error response: what was wrong, in words; for a field that was wrong, a list naming it
    (``[{"loc": ["body", "model"], "msg": ..., "type": ...}]``, FastAPI's validation shape)."""

    detail: str | list[dict[str, Any]]


class BatchPublic(BaseModel):
    """A stored batch (from ``travel-sandbox run``), as listed for picking batches to compare."""

    id: str
    created_at: datetime
    finished_at: datetime | None = Field(description="Null while running, or when it stopped part-way.")
    runs: int = Field(description="Runs stored.")
    planned_runs: int | None = None
    agent: str | None = None
    model: str | None = None
    policy: str | None = Field(None, description="The --policy given; null: each scenario's own.")
    trials: int | None = None


class BatchEntry(BaseModel):
    """One batch over the scenarios all compared batches ran."""

    batch: str
    agent: str
    model: str
    policy: str
    runs: int
    scenarios: int
    trials: int = Field(description="The fewest trials of any scenario: k runs 1..trials.")
    passed: int
    pass_hat_k: dict[str, float]
    pass_at_k: dict[str, float]
    pass_hat_k_ci95: dict[str, list[float]]
    pass_at_k_ci95: dict[str, list[float]]
    overall: float
    overall_ci95: list[float]


class ScenarioDiff(BaseModel):
    scenario: str
    tags: list[str]
    a_passed: int
    a_trials: int
    b_passed: int
    b_trials: int
    a_verdict: bool
    b_verdict: bool
    flip: Literal["a_only", "b_only"] | None
    pass_rate_diff: float
    a_overall: float
    b_overall: float
    overall_diff: float


class TagDiff(BaseModel):
    tag: str
    scenarios: int
    a_pass_rate: float
    b_pass_rate: float
    pass_rate_diff: float
    overall_diff: float
    a_only: int
    b_only: int


class PairedEntry(BaseModel):
    """Batch ``b`` against the first batch ``a``, one pair per scenario."""

    a: str
    b: str
    scenarios: int
    a_only: int = Field(description="Scenarios a passes and b does not.")
    b_only: int
    p_value: float = Field(description="Exact two-sided McNemar test on the scenarios whose verdict differs.")
    overall_diff: float = Field(description="Mean over scenarios of b's overall minus a's.")
    overall_diff_ci95: list[float] = Field(
        description="Paired bootstrap (resampling scenarios) 95% interval."
    )
    flipped: list[str]
    pass_rate_diff: float
    pass_rate_diff_ci95: list[float]
    by_scenario: list[ScenarioDiff]
    by_tag: list[TagDiff]


class BatchComparison(BaseModel):
    """``travel-sandbox compare --json``, the same shape."""

    batches: list[BatchEntry]
    paired: list[PairedEntry]
    verdict: Literal["all", "majority"]
    resamples: int
    seed: int
    scenarios: list[str]
    left_out: dict[str, list[str]]
    notes: list[str]
    sensitivity: dict[str, Any] | None = None
