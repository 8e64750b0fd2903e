"""The Python API, for notebooks and scripts: ``sandbox.run`` a batch, ``sandbox.load`` a stored one.

    import sandbox
    results = sandbox.run(["scenarios/one-way.yaml"], agent="planner", trials=3)
    results.to_pandas()          # one row per run (pandas: the ``notebook`` extra)
    results.rows()               # the same rows as plain dicts, without pandas
    results.to_json()            # exactly what ``travel-sandbox run --json`` writes for this batch
    sandbox.load(results.batch)  # the stored batch again, later or elsewhere

``run`` is ``travel-sandbox run`` as a function: the same options and defaults, the same checks
before anything runs (an unknown name raises ``UnknownNameError`` with a did-you-mean, a bad scenario
file ``ScenarioError``, a value out of range ``ConfigError``), one shared library path
(``sandbox.runner.run_stored_batch``) and so the same runs, store and JSON. The store is the CLI's
(``$TRAVEL_SANDBOX_DB``, else the data home) unless ``db`` names another, so ``travel-sandbox show``
and ``report`` read what a notebook ran. This is the top layer: nothing in the sandbox imports it.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rich.console import Console

from sandbox.control import Limits
from sandbox.errors import ConfigError
from sandbox.report import report_dict, to_json
from sandbox.runner import RunOptions, batch_summary, check_options, run_stored_batch
from sandbox.scenarios import default_scenarios_dir
from sandbox.scoring import SCORE_NAMES
from sandbox.settings import get_settings
from sandbox.spi import RunResult
from sandbox.store import RunStore

MAX_TRIALS = 1000
MAX_CONCURRENCY = 1024
NOTEBOOK_EXTRA = "pip install 'travel-agent-sandbox[notebook]'"

Paths = str | Path | Sequence[str | Path] | None


@dataclass(frozen=True)
class Results:
    """A batch's runs and summary. ``rows()``/``to_pandas()`` for analysis, ``to_json()`` for the CLI's JSON."""

    batch: str  #: the batch id (``travel-sandbox report BATCH``, ``sandbox.load(BATCH)``)
    runs: list[RunResult]  #: every run, with its trace when it was just run
    summary: dict[str, Any]  #: the JSON report's ``summary``: pass^k, pass@k, means, CIs, by scenario
    store: str  #: the run store's URL (password hidden)

    def __len__(self) -> int:
        return len(self.runs)

    def __iter__(self) -> Iterator[RunResult]:
        return iter(self.runs)

    def __repr__(self) -> str:
        s = self.summary
        rate = "n/a" if s.get("pass_rate") is None else f"{s['pass_rate']:.0%}"
        overall = "n/a" if s.get("overall") is None else f"{s['overall']:.3f}"
        agents = ", ".join(sorted({f"{r.agent} / {r.model}" for r in self.runs})) or "no runs"
        scenarios = len(s.get("by_scenario") or [])
        return (
            f"<Results batch {self.batch}: {agents}; {len(self.runs)} runs of {scenarios} scenarios, "
            f"{s.get('passed', 0)} passed ({rate}), {s.get('errors', 0)} errors, mean overall {overall}>"
        )

    def rows(self) -> list[dict[str, Any]]:
        """One flat dict per run, ready for ``pandas.DataFrame``: what ran, how it ended, its scores
        (``overall``, ``correctness``, ``budget_score``, ``preference``, ``faithfulness``; None for a run
        that ended in an error) and what it cost (calls, tokens, interrupts, seconds)."""
        return [_row(self.batch, run) for run in self.runs]

    def to_pandas(self) -> Any:
        """``rows()`` as a ``pandas.DataFrame`` (needs the ``notebook`` extra)."""
        try:
            import pandas
        except ModuleNotFoundError:
            raise ConfigError(f"Results.to_pandas() needs pandas: {NOTEBOOK_EXTRA}") from None
        return pandas.DataFrame(self.rows(), columns=list(ROW_COLUMNS))

    def to_dict(self) -> dict[str, Any]:
        """The JSON report as a dict: ``{"runs": [...], "summary": {...}}``."""
        return report_dict(self.runs, self.summary)

    def to_json(self) -> str:
        """The JSON report: for a batch just run, what ``travel-sandbox run --json`` writes; for a loaded
        one, what ``travel-sandbox report BATCH --json`` writes."""
        return to_json(self.runs, self.summary)


ROW_COLUMNS = (
    "batch",
    "run",
    "scenario",
    "scenario_version",
    "tags",
    "trial",
    "seed",
    "agent",
    "model",
    "policy",
    "human",
    "attack",
    "status",
    "passed",
    *(f"{n}_score" if n == "budget" else n for n in SCORE_NAMES),
    "failed_checks",
    "spend",
    "budget",
    "confidence",
    "interrupts",
    "guardrail_blocks",
    "harm_attempted",
    "caught_by_guardrail",
    "caught_by_human",
    "reached_world",
    "attack_success",
    "attack_attempted",
    "tool_calls",
    "model_calls",
    "tokens",
    "duration_s",
    "started_at",
    "error",
    "state_hash",
)


def _row(batch: str, r: RunResult) -> dict[str, Any]:
    scores = r.scores if r.status == "done" else None
    row = {
        "batch": batch,
        "run": r.id,
        **{k: getattr(r, k) for k in ("scenario", "scenario_version", "tags", "trial", "seed")},
        **{k: getattr(r, k) for k in ("agent", "model", "policy", "human", "attack", "status")},
        "passed": scores is not None and scores.passed,
        **{
            (f"{n}_score" if n == "budget" else n): (getattr(scores, n) if scores else None)
            for n in SCORE_NAMES
        },
        "failed_checks": [c.name for c in scores.checks if not c.passed] if scores else [],
        **{k: getattr(r, k) for k in ("spend", "budget", "confidence", "interrupts", "guardrail_blocks")},
        **{
            k: getattr(r, k)
            for k in ("harm_attempted", "caught_by_guardrail", "caught_by_human", "reached_world")
        },
        "attack_success": r.attack_success,
        "attack_attempted": r.attack_attempted,
        **{k: getattr(r, k) for k in ("tool_calls", "model_calls", "tokens", "duration_s", "started_at")},
        "error": r.error,
        "state_hash": r.state_hash,
    }
    assert tuple(row) == ROW_COLUMNS
    return row


def _store(db: str | Path | None) -> RunStore:
    """The CLI's store, or ``db``: a database URL, or the path of a SQLite file."""
    if db is None:
        return RunStore(get_settings().db_url())
    url = str(db)
    return RunStore(url if "://" in url else f"sqlite:///{Path(url).expanduser().resolve()}")


def _paths(scenarios: Paths) -> list[str | Path]:
    if scenarios is None:
        return [default_scenarios_dir()]
    if isinstance(scenarios, str | Path):
        return [scenarios]
    return list(scenarios)


def _in_range(name: str, value: int, top: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= top:
        raise ConfigError(f"{name} must be a whole number from 1 to {top}, got {value!r}")
    return value


def run(
    scenarios: Paths = None,
    *,
    agent: str = "planner",
    model: str = "scripted",
    trials: int = 1,
    policy: str | None = None,
    human: str = "scripted",
    traveller: str = "scripted",
    concurrency: int = 2,
    seed: int | None = None,
    temperature: float = 0.0,
    timeout: float = 120.0,
    db: str | Path | None = None,
    progress: bool = False,
    backend: str = "threads",
    address: str | None = None,
    attack: str | Sequence[str] | None = None,
) -> Results:
    """Run scenario files (or folders; default: the shipped ones) x ``trials`` and store every run.

    ``agent``: a name, ``package.module:build`` or ``path/to/file.py:build``; ``model``: for agents that
    use one (``scripted``, ``noisy``, ``openai:NAME``, ``replay:FILE``, ...); ``policy``: a preset or a
    YAML file (default: each scenario's own); ``human``: ``scripted``, ``auto`` or ``console`` (one run
    at a time); ``traveller``: who answers the agent's questions, ``scripted`` or ``llm:MODEL``; ``db``: a database URL or a SQLite file (default: the CLI's store); ``progress``: a
    progress bar on stderr; ``backend``: ``threads`` or ``ray`` (a Ray cluster at ``address``, else a
    local one); ``attack``: also run every scenario under these attacks of its world (a name, a list of
    names or ``"all"``, as ``run --attack``; docs/attacks.md). Everything is checked before the first
    run; one failing run never stops the batch (it is an ``error`` run).
    """
    trials = _in_range("trials", trials, MAX_TRIALS)
    concurrency = 1 if human == "console" else _in_range("concurrency", concurrency, MAX_CONCURRENCY)
    if not (isinstance(timeout, int | float) and 0 < timeout <= 86_400):
        raise ConfigError(f"timeout must be seconds above 0 and at most 86400 (one day), got {timeout!r}")
    options = RunOptions(
        agent=agent,
        model=model,
        human=human,
        traveller=traveller,
        policy=policy,
        seed=seed,
        temperature=temperature,
        limits=Limits(timeout_s=float(timeout)),
    )
    check_options(options)
    store = _store(db)
    batch = run_stored_batch(
        _paths(scenarios),
        options,
        store=store,
        trials=trials,
        concurrency=concurrency,
        console=Console(stderr=True) if progress else None,
        backend=backend,
        address=address,
        attacks=[attack] if isinstance(attack, str) else list(attack or ()),
    )
    return Results(batch.id, batch.runs, batch.summary, batch.store_url)


def load(batch: str, *, db: str | Path | None = None, trace: bool = False) -> Results:
    """A stored batch (``Results.batch``, an id from ``travel-sandbox run``, or a unique prefix of one),
    its runs by scenario and trial.

    ``trace=True`` loads every run's trace too. Warns (``UserWarning``) when the batch is incomplete:
    it stopped part-way, or some runs were not stored.
    """
    store = _store(db)
    info = store.get_batch(batch)  # a unique prefix is enough; an unknown id: ConfigError naming close ones
    note = info.incomplete()
    if note:
        warnings.warn(note, UserWarning, stacklevel=2)
    runs = store.batch_runs(info.id, trace=trace)
    return Results(info.id, runs, batch_summary(info.id, runs, info.meta), store.url)
