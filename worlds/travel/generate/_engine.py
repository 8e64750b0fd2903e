"""Drawing, validating and writing one generated scenario; redrawing what fails.

``draw_scenario(family, seed, index)`` seeds a ``random.Random`` from (family, seed, index, attempt),
lets the family build a ``Draft``, fixes the budget from the oracle when the family left it open, and
validates the result exactly as ``travel-sandbox validate`` would (the schema, then
``judge.check``: ids that exist, solvable — or provably not, for refusals — and a unique best). Any
error or warning redraws (at most ``MAX_ATTEMPTS`` times); only a clean scenario is emitted, as YAML
that loads back to the very scenario that was checked.
"""

from __future__ import annotations

import random
import re
from collections import Counter
from collections.abc import Callable
from typing import Any

import yaml

from sandbox.spi import GeneratedScenario
from worlds.travel.generate import _request as rq
from worlds.travel.generate import _words as w
from worlds.travel.generate._draft import Draft
from worlds.travel.generate._draw import Draw, Redraw
from worlds.travel.judge import check
from worlds.travel.scenario import TravelScenario

GENERATOR_VERSION = 1  # bump when the same (family, seed, index) would draw a different scenario
MAX_ATTEMPTS = 40
MEDIUM_SHARE = 0.35  # the share of draws on the `medium` catalog when no size is asked for

Build = Callable[[Draw], Draft]


class GenerationError(RuntimeError):
    """A family found no valid scenario for an index within ``MAX_ATTEMPTS`` draws (a generator bug)."""


class _Dumper(yaml.SafeDumper):
    """Block style for multi-line text (the description), flow style for short lists and mappings."""


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _text)
_Dumper.ignore_aliases = lambda self, data: True  # type: ignore[method-assign]  # no &id001 anchors


def to_yaml(data: dict[str, Any]) -> str:
    """The scenario as a file's text (without the ``$schema`` line, which the writer adds)."""
    return yaml.dump(
        data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100, default_flow_style=None
    )


def _fix_budget(draft: Draft) -> None:
    """A budget the best itinerary fits with room to spare, said in the request."""
    result = draft.d.solve(draft.data())
    if result.best is None:
        raise Redraw(f"nothing feasible: {result.reason}")
    dollars = result.best.total_cents / 100 * draft.d.rng.uniform(1.15, 1.6)
    draft.budget = w.nice_round(dollars, up=True)
    draft.pieces.append(rq.budget(draft.d, draft.budget))
    draft.fact("budget", f"Up to ${draft.budget:,} for everything.")


def _findings_ok(scenario: TravelScenario, draw: Draw) -> str:
    """The oracle's summary line; ``Redraw`` on any error or warning."""
    summary = ""
    for f in check(scenario, draw.view):
        if f.severity in ("error", "warning"):
            raise Redraw(f"{f.severity}: {f.message}")
        summary = re.sub(r" \(\d+\.\d+ s\)$", "", f.message)  # the oracle's timing is not drawn
    return summary


def _assemble(draft: Draft, family: str, seed: int, index: int) -> tuple[dict[str, Any], TravelScenario]:
    sid = f"{family}-{seed}-{index}"
    marker = (
        f"generated: {{family: {family}, seed: {seed}, index: {index}, "
        f"generator_version: {GENERATOR_VERSION}}}"
    )
    data: dict[str, Any] = {
        "id": sid,
        "title": draft.title,
        "tags": list(dict.fromkeys(["generated", family, *draft.tags, draft.d.size])),
        "description": marker,
        "request": rq.render(draft.d, draft.core, draft.pieces, draft.who.first),
    }
    data |= draft.data()
    return data, TravelScenario.model_validate(data)


def draw_scenario(
    family: str,
    build: Build,
    seed: int,
    index: int,
    *,
    size: str | None = None,
    stats: Counter[str] | None = None,
) -> GeneratedScenario:
    """Scenario ``index`` of ``family`` for ``seed``, as YAML text; redrawn until it validates."""
    for attempt in range(MAX_ATTEMPTS):
        rng = random.Random(f"{GENERATOR_VERSION}/{family}/{seed}/{index}/{attempt}")
        chosen = size or ("medium" if rng.random() < MEDIUM_SHARE else "small")
        try:
            draw = Draw(rng, chosen)
            draft = build(draw)
            if draft.budget is None and draft.expect["outcome"] == "booked":
                _fix_budget(draft)
            data, scenario = _assemble(draft, family, seed, index)
            summary = _findings_ok(scenario, draw)
        except Redraw as exc:
            if stats is not None:
                stats[f"{family}: {str(exc).split(':')[0]}"] += 1
            continue
        notes = " ".join(draft.notes)
        data["description"] = f"{data['description']}\n{notes}\n{summary}\n".replace("\n\n", "\n")
        text = to_yaml(data)
        _same(text, scenario)
        if stats is not None:
            stats[f"{family}: emitted"] += 1
        return GeneratedScenario(scenario.id, family, text, tuple(scenario.tags), redraws=attempt)
    raise GenerationError(
        f"family {family!r}: no valid scenario for seed {seed}, index {index} in {MAX_ATTEMPTS} draws"
    )


def _same(text: str, scenario: TravelScenario) -> None:
    """The emitted text loads back to the scenario that was checked (description aside)."""
    back = TravelScenario.model_validate(yaml.safe_load(text))
    a, b = back.model_dump(exclude={"description"}), scenario.model_dump(exclude={"description"})
    if a != b:
        raise AssertionError(f"{scenario.id}: the YAML does not load back to the checked scenario")
