"""``travel-sandbox run | list | show | report``: running batches and reading their results.

Thin adapters over ``sandbox.runner``, ``sandbox.store`` and ``sandbox.report`` (a batch: ``_suite``).
``run`` exits 0 when the batch ran (whatever the scores, and also when a spend cap stopped it), 2 for
bad input (unknown agent, model, profile, policy, human, traveller or judge, invalid scenario, an option out of range, a
model option that is not KEY=VALUE, ``--max-cost`` for a model without a price, a report path that
cannot be written, a batch that cannot be resumed), 1 for an internal failure. Everything ``run`` can
check is checked before the first run starts. ``--json -`` writes the JSON report to stdout; the
scorecard then goes to stderr.

``--backend ray [--address ADDR]`` runs the batch's runs on a Ray cluster (a local one without an
address; ``sandbox.runner._backends``): the same runs, stored here as they finish. Without Ray
installed it exits 2 naming the install command.

``run --resume BATCH`` runs again, in that batch, the planned runs that are missing, ``error`` or
``skipped``, with everything else as the batch recorded it; only ``--concurrency``, the spend caps,
the backend and the output options may be given with it.
"""

from __future__ import annotations

import json
import math
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from sandbox.cli._app import app, guarded, out
from sandbox.cli._suite import (
    DEFAULT_AGENT,
    DEFAULT_MODEL,
    DbOption,
    HtmlOption,
    JsonOption,
    open_store,
    resume_suite,
    run_suite,
    terminal_for,
)
from sandbox.control import Limits, list_policies
from sandbox.errors import ConfigError
from sandbox.judge import judge_with_deadline, make_judge
from sandbox.report import check_outputs, is_stdout, scorecard, show_json, show_run, write_reports
from sandbox.runner import (
    RunOptions,
    SpendCaps,
    batch_summary,
    check_options,
    import_ray,
    load_jobs,
    model_setup,
    parse_model_options,
)
from sandbox.scenarios import default_scenarios_dir
from sandbox.spi import agents, is_privileged, models
from sandbox.store import BatchInfo

MAX_TRIALS = 1000
MAX_CONCURRENCY = 1024  # a cluster (--backend ray) keeps hundreds of runs in flight
MAX_TIMEOUT_S = 86_400.0  # one day per run
#: What ``--resume`` may be given with: everything else comes from the batch's plan.
RESUME_OPTIONS = {
    "resume",
    "concurrency",
    "max_cost",
    "max_tokens",
    "json_path",
    "html_path",
    "db",
    "progress",
    "backend",
    "address",
}


class Backend(StrEnum):
    threads = "threads"
    ray = "ray"


def _seconds(value: float) -> float:
    if not (math.isfinite(value) and 0 < value <= MAX_TIMEOUT_S):
        raise typer.BadParameter(
            f"expected seconds above 0 and at most {MAX_TIMEOUT_S:.0f} (one day), got {value:g}"
        )
    return value


def _given(ctx: typer.Context) -> list[str]:
    """The options given on the command line (or by environment), by parameter name."""
    given = []
    for param in ctx.command.params:
        source = ctx.get_parameter_source(param.name) if param.name else None
        if source is not None and source.name in ("COMMANDLINE", "ENVIRONMENT"):
            given.append(str(param.name))
    return given


@app.command("run")
@guarded
def run_cmd(
    ctx: typer.Context,
    paths: Annotated[
        list[Path] | None, typer.Argument(help="Scenario files or directories (default: shipped).")
    ] = None,
    agent: Annotated[
        str, typer.Option(help="Agent name, entry point or package.module:attr.")
    ] = DEFAULT_AGENT,
    model: Annotated[
        str | None,
        typer.Option(
            help=f"Model name (for agents that use one); default: the profile's, else {DEFAULT_MODEL}."
        ),
    ] = None,
    model_profile: Annotated[
        str | None,
        typer.Option(
            help="A model profile by name (NAME.yaml in $TRAVEL_SANDBOX_PROFILES): model, endpoint, options, limits, prices."
        ),
    ] = None,
    model_option: Annotated[
        list[str] | None,
        typer.Option(
            help="A request option KEY=VALUE (repeatable; VALUE as JSON if it parses), e.g. tool_choice=auto."
        ),
    ] = None,
    rpm: Annotated[int | None, typer.Option(min=1, help="Requests per minute to the model endpoint.")] = None,
    tpm: Annotated[int | None, typer.Option(min=1, help="Tokens per minute to the model endpoint.")] = None,
    max_cost: Annotated[
        float | None, typer.Option(min=0.0, help="Stop the batch once its runs cost this many dollars.")
    ] = None,
    max_tokens: Annotated[
        int | None, typer.Option(min=1, help="Stop the batch once its runs used this many tokens.")
    ] = None,
    count_rate_limit_waits: Annotated[
        bool, typer.Option(help="Count time waiting for rate limits against each run's time limit.")
    ] = False,
    resume: Annotated[
        str | None,
        typer.Option(help="Run again what this stored batch is missing (missing, error, skipped runs)."),
    ] = None,
    trials: Annotated[int, typer.Option(min=1, max=MAX_TRIALS, help="Trials per scenario (for pass^k).")] = 1,
    concurrency: Annotated[int, typer.Option(min=1, max=MAX_CONCURRENCY, help="Runs at once.")] = 2,
    human: Annotated[
        str, typer.Option(help="Who answers checkpoints: scripted, auto or console.")
    ] = "scripted",
    traveller: Annotated[
        str,
        typer.Option(
            help="Who answers the agent's questions: scripted (the scenario's facts, one per question) or "
            "llm:MODEL (a model behind an OpenAI-compatible endpoint plays the traveller, told only the "
            "facts; llm:replay:FILE replays recorded answers).",
        ),
    ] = "scripted",
    policy: Annotated[
        str | None, typer.Option(help="Override policy preset or YAML file (default: the scenario's own).")
    ] = None,
    seed: Annotated[int | None, typer.Option(help="Run seed (default: the scenario's world seed).")] = None,
    temperature: Annotated[
        float, typer.Option(min=0.0, help="Sampling temperature (noisy, openai models).")
    ] = 0.0,
    timeout: Annotated[
        float, typer.Option(callback=_seconds, help="Per-run wall-time limit in seconds.")
    ] = 120.0,
    json_path: JsonOption = None,
    html_path: HtmlOption = None,
    db: DbOption = None,
    backend: Annotated[
        Backend, typer.Option(help="Where the runs execute: threads of this process, or a Ray cluster.")
    ] = Backend.threads,
    address: Annotated[
        str | None,
        typer.Option(
            help="The Ray cluster's address (ray://HOST:10001); default: a local Ray. With --backend ray."
        ),
    ] = None,
    progress: Annotated[bool, typer.Option(help="Show a progress bar on stderr.")] = True,
    attack: Annotated[
        str | None,
        typer.Option(
            help="Also run every scenario under these attacks of its world (NAME[,NAME...] or all): "
            "prompt injections planted into the tool data, each with its own goal (docs/attacks.md). "
            "The clean runs stay in the batch, so the scorecard shows utility with and without attack.",
        ),
    ] = None,
    judge: Annotated[
        str | None,
        typer.Option(
            "--judge",
            help="Judge each run's report as it finishes: offline or openai:MODEL (see `travel-sandbox judge`).",
        ),
    ] = None,
) -> None:
    """Run scenarios x trials with an agent and print the scorecard (or resume a stored batch)."""
    check_outputs(json_path, html_path)
    if backend is Backend.ray:
        import_ray()  # missing: exit 2 naming the install command, before anything runs
    elif address is not None:
        raise ConfigError("--address is the Ray cluster's: give it with --backend ray")
    finish = None if judge is None else judge_with_deadline(make_judge(judge), timeout)
    caps = SpendCaps(max_cost=max_cost, max_tokens=max_tokens)
    if resume is not None:
        extra = [n for n in _given(ctx) if n not in RESUME_OPTIONS]
        if extra:
            names = ", ".join("--" + n.replace("_", "-") for n in extra).replace("--paths", "PATHS")
            raise ConfigError(
                f"--resume runs the batch as it recorded it; {names} cannot be given with it "
                "(only --concurrency, --max-cost, --max-tokens, --backend, --address and the output options)"
            )
        concurrency_given = "concurrency" in _given(ctx)
        resume_suite(
            resume,
            concurrency=concurrency if concurrency_given else None,
            caps=caps if caps else None,
            db=db,
            progress=progress,
            json_path=json_path,
            html_path=html_path,
            backend=backend.value,
            address=address,
        )
        return
    setup = model_setup(
        model, profile=model_profile, options=parse_model_options(model_option), rpm=rpm, tpm=tpm
    )
    if human == "console":
        concurrency = 1
    options = RunOptions(
        agent=agent,
        model=setup.model,
        human=human,
        traveller=traveller,
        policy=policy,
        seed=seed,
        temperature=temperature,
        limits=Limits(timeout_s=timeout),
        model_options=setup.options,
        prices=setup.prices.model_dump() if setup.prices is not None else None,
        count_rate_limit_waits=count_rate_limit_waits,
    )
    check_options(options, caps)  # unknown names fail here, with exit 2, before anything runs
    run_suite(
        paths or [default_scenarios_dir()],
        options,
        trials=trials,
        concurrency=concurrency,
        db=db,
        progress=progress,
        json_path=json_path,
        html_path=html_path,
        caps=caps,
        model_profile=model_profile,
        finish=finish,
        backend=backend.value,
        address=address,
        attacks=_attack_names(attack),
    )


def _attack_names(value: str | None) -> list[str]:
    """``--attack a,b`` as names; an empty one is bad input."""
    if value is None:
        return []
    names = [n.strip() for n in value.split(",") if n.strip()]
    if not names:
        raise ConfigError("--attack needs an attack name, a comma-separated list of names, or 'all'")
    return names


class ListWhat(StrEnum):
    agents = "agents"
    models = "models"
    policies = "policies"
    scenarios = "scenarios"


@app.command("list")
@guarded
def list_cmd(what: Annotated[ListWhat, typer.Argument(help="What to list.")]) -> None:
    """List agents, models, override policies or shipped scenarios."""
    table = Table(show_header=True)
    if what is ListWhat.agents:
        table.add_column("agent")
        table.add_column("about")
        for name in agents.names():
            f = agents.get(name)
            doc = (f.__doc__ or "").strip().splitlines()[0] if f.__doc__ else ""
            table.add_row(name, ("PRIVILEGED. " if is_privileged(f) else "") + doc)
    elif what is ListWhat.models:
        table.add_column("model")
        for name in models.names():
            table.add_row(name)
    elif what is ListWhat.policies:
        table.add_column("policy")
        table.add_column("about")
        for name, about in list_policies():
            table.add_row(name, about)
    else:
        for col in ("id", "title", "tags", "expect"):
            table.add_column(col)
        for job in load_jobs([default_scenarios_dir()], 1):
            s = job.scenario
            table.add_row(s.id, s.title, ", ".join(s.tags), s.expect.outcome)
    out.print(table)


@app.command("show")
@guarded
def show_cmd(
    run_id: Annotated[str, typer.Argument(help="Run id (a unique prefix is enough).")],
    json_path: Annotated[
        Path | None,
        typer.Option("--json", help="Write the run as JSON here ('-': stdout), with its planted mistakes."),
    ] = None,
    db: DbOption = None,
) -> None:
    """Show one run: its trace, readable, then its scores with every check explained, then the fate of
    every mistake its model planted (caught by a check, stopped, refused by the tool, slipped through)."""
    check_outputs(json_path, None)
    run = open_store(db).get(run_id)
    if json_path is None:
        show_run(run, out)
        return
    text = json.dumps(show_json(run), indent=2, default=str) + "\n"
    if is_stdout(json_path):
        typer.echo(text, nl=False)
    else:
        json_path.write_text(text, encoding="utf-8")
        show_run(run, out)


@app.command("report")
@guarded
def report_cmd(
    batch_id: Annotated[str | None, typer.Argument(help="Batch id (default: the most recent).")] = None,
    json_path: JsonOption = None,
    html_path: HtmlOption = None,
    db: DbOption = None,
) -> None:
    """Rebuild a stored batch's scorecard (and JSON/HTML reports); say so when the batch is incomplete."""
    check_outputs(json_path, html_path)
    store = open_store(db)
    if batch_id is None:
        recent = store.batches(limit=1)
        if not recent:
            raise ConfigError(f"no batches in {store.url}")
        batch_id = recent[0].id
    info = store.get_batch(batch_id)  # an unknown id fails here, naming the recent batches
    batch_id = info.id  # a prefix resolved
    note = incomplete(info)
    if note:
        typer.echo(f"warning: {note}", err=True)
    runs = store.batch_runs(batch_id)
    if not runs:
        raise ConfigError(f"batch {batch_id} has no stored runs; nothing to report")
    summary = batch_summary(batch_id, runs, info.meta)
    scorecard(runs, summary, terminal_for(json_path, html_path))
    write_reports(json_path, html_path, runs, summary, f"batch {batch_id}", batch_id)


def incomplete(info: BatchInfo) -> str | None:
    """Why a stored batch is not the whole batch, or None when it finished with every planned run."""
    return info.incomplete()
