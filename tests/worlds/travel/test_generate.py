"""``travel-sandbox scenarios generate``: generated scenarios are deterministic, valid, passed by the
reference, failed by do-nothing where a booking is expected, and say in words what their hidden
sections require. Every test pins the ``small`` catalog (no test builds ``medium``)."""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from sandbox.cli import app
from sandbox.runner import RunOptions, run
from sandbox.scenarios import SCHEMA_COMMENT, generate_scenarios, lint, load_scenarios
from worlds.travel.generate import FAMILIES, GENERATOR
from worlds.travel.scenario import TravelScenario

N = 3  # per family


@functools.cache
def suite(tmp: str) -> list[TravelScenario]:
    generate_scenarios(["all"], n=N, seed=5, out=tmp, size="small")
    return [s for s in load_scenarios([tmp]) if isinstance(s, TravelScenario)]


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[TravelScenario]]:
    folder = tmp_path_factory.mktemp("generated")
    return folder, suite(str(folder))


def cli(*args: str) -> Any:
    return CliRunner().invoke(app, list(args))


def family(s: TravelScenario) -> str:
    return s.id.rsplit("-", 2)[0]


# -- determinism and identity -------------------------------------------------------------------------


def test_the_same_seed_draws_the_same_scenarios_and_another_seed_others() -> None:
    for name in ("round-trip", "partial-change", "refusal"):
        a = [GENERATOR.generate(name, 11, i, size="small").text for i in range(3)]
        b = [GENERATOR.generate(name, 11, i, size="small").text for i in range(3)]
        c = [GENERATOR.generate(name, 12, i, size="small").text for i in range(3)]
        assert a == b
        assert not set(a) & set(c)


def test_the_cli_writes_the_same_files_for_the_same_seed(tmp_path: Path) -> None:
    for out in ("a", "b"):
        result = cli(
            "scenarios",
            "generate",
            "--family",
            "hotel-only,party",
            "--n",
            "2",
            "--seed",
            "3",
            "--size",
            "small",
            "--out",
            str(tmp_path / out),
        )
        assert result.exit_code == 0, result.output
    files = sorted(p.name for p in (tmp_path / "a").glob("*.yaml"))
    assert files == ["hotel-only-3-0.yaml", "hotel-only-3-1.yaml", "party-3-0.yaml", "party-3-1.yaml"]
    for name in files:
        assert (tmp_path / "a" / name).read_text() == (tmp_path / "b" / name).read_text()
    assert (tmp_path / "a" / "schema.json").is_file()


def test_ids_tags_and_descriptions_mark_them_generated(generated: tuple[Path, list[TravelScenario]]) -> None:
    folder, scenarios = generated
    assert len(scenarios) == N * len(FAMILIES)
    assert {family(s) for s in scenarios} == set(FAMILIES)
    for s in scenarios:
        assert re.fullmatch(rf"{family(s)}-5-\d", s.id)
        assert s.tags[:2] == ["generated", family(s)]
        assert s.description is not None and s.description.startswith(
            f"generated: {{family: {family(s)}, seed: 5"
        )
        assert (folder / f"{s.id}.yaml").read_text().startswith(SCHEMA_COMMENT + "\n")


# -- validity and agents ------------------------------------------------------------------------------


def test_every_generated_scenario_validates_without_a_warning(
    generated: tuple[Path, list[TravelScenario]],
) -> None:
    folder, _ = generated
    reports = lint([folder])
    assert len(reports) == N * len(FAMILIES)
    assert [
        (r.file, r.error_lines(), r.warning_lines()) for r in reports if not r.ok or r.warning_lines()
    ] == []


@pytest.mark.parametrize("name", sorted(FAMILIES))
def test_the_reference_passes_every_family_at_one(
    name: str, generated: tuple[Path, list[TravelScenario]]
) -> None:
    for s in [s for s in generated[1] if family(s) == name]:
        r = run(s, RunOptions(agent="reference"))
        assert r.scores is not None, (s.id, r.error)
        assert (s.id, r.scores.passed, r.scores.overall) == (s.id, True, 1.0)


def test_do_nothing_fails_every_generated_scenario(
    generated: tuple[Path, list[TravelScenario]],
) -> None:
    outcomes = {}
    for s in generated[1]:
        r = run(s, RunOptions(agent="do-nothing"))
        assert r.scores is not None
        outcomes[s.id] = (s.expect.outcome, r.scores.passed)
    assert {o for o, _ in outcomes.values()} >= {"booked", "refused"}
    # with pass gates a refusal must be justified (searched, said why): doing nothing passes nothing
    assert [sid for sid, (_, passed) in outcomes.items() if passed] == []


# -- the text says what the hidden sections require ----------------------------------------------------

_ALIASES = {
    "JFK": "new york|nyc",
    "SFO": "san francisco|sf",
    "LAX": "los angeles|la",
    "IAD": "washington|dc",
    "LAS": "vegas",
}
_NUMBERS = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen".split()


def _says_city(text: str, code: str, name: str) -> bool:
    words = [name.lower(), code.lower(), *filter(None, _ALIASES.get(code, "").split("|"))]
    return any(re.search(rf"\b{re.escape(word)}\b", text) for word in words)


def _count(n: int) -> str:
    return rf"({n}|{_NUMBERS[n]})" if n < len(_NUMBERS) else str(n)


def _says_day(text: str, day: dt.date, before: dt.date | None, today: dt.date) -> bool:
    """The day is named (its day of the month, its weekday, tomorrow, a week from today) or counted
    from the day before it in the request ("three days later", "after four nights")."""
    patterns = [rf"\b{day.day}(st|nd|rd|th)?\b", rf"\b{day:%A}\b".lower(), day.isoformat()]
    delta = (day - today).days
    patterns += ["tomorrow"] if delta in (1, 2) else []
    patterns += (
        ["week from today", "week today"] if delta == 7 else ["two weeks from today"] if delta == 14 else []
    )
    if before is not None and 1 <= (day - before).days < len(_NUMBERS):
        gap = _count((day - before).days)
        patterns += [rf"\b{gap} (days later|nights?)\b", rf"following {day:%A}".lower()]
    return any(re.search(p, text) for p in patterns)


def _money_said(text: str, dollars: float) -> bool:
    d = int(dollars)
    forms = [f"{d:,}", str(d)] + ([f"{d / 1000:g}k"] if d >= 1000 and d % 100 == 0 else [])
    return any(f in text for f in forms)


def test_the_request_says_the_cities_dates_and_limits(generated: tuple[Path, list[TravelScenario]]) -> None:
    from worlds.travel.catalog import get_catalog

    catalog = get_catalog(7, "small")
    names = {c.code: c.name for c in catalog.cities()}
    airlines = {a.code: a.name for a in catalog.airlines()}
    for s in generated[1]:
        text, c, today = s.request.lower(), s.constraints, s.world.now.date()
        where = s.id
        prev = None
        for leg in c.legs:
            assert _says_city(text, leg.destination, names[leg.destination]), (where, leg.destination, text)
            assert leg.date is not None and _says_day(text, leg.date, prev, today), (where, leg.date, text)
            prev = leg.date
            for a in leg.airlines_avoid:
                assert airlines.get(a, a).lower() in text or a.lower() in text, (where, a)
            for field in ("depart_after", "depart_before", "arrive_before"):
                t = getattr(leg, field)
                if t is not None:
                    assert re.search(rf"(?<![\d:])0?{t.hour % 12 or 12}(?!\d)|{t:%H:%M}|noon", text), (
                        where,
                        field,
                        text,
                    )
        for stay in c.stays:
            assert _says_city(text, stay.city, names[stay.city]) or stay.after_leg is not None, (
                where,
                stay.city,
            )
            if stay.check_in is not None:
                assert _says_day(text, stay.check_in, None, today), (where, stay.check_in, text)
            if stay.max_nightly is not None:
                assert _money_said(text, stay.max_nightly), (where, stay.max_nightly, text)
        if c.max_total is not None and not s.expect.keep:
            assert _money_said(text, c.max_total), (where, c.max_total, text)
        if c.travelers > 1:
            said = re.search(_count(c.travelers), text) or "my " in text
            assert said or any(p.name.lower() in text for p in s.traveler.party), (where, text)


# -- the command line -----------------------------------------------------------------------------------


def test_the_json_summary_counts_what_was_written(tmp_path: Path) -> None:
    result = cli(
        "scenarios",
        "generate",
        "--family",
        "refusal",
        "--family",
        "one-way,refusal",
        "--n",
        "2",
        "--size",
        "small",
        "--out",
        str(tmp_path),
        "--json",
        "-",
    )
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert (summary["world"], summary["seed"], summary["n"], summary["written"]) == ("travel", 1, 2, 4)
    assert list(summary["families"]) == ["refusal", "one-way"]
    assert summary["families"]["one-way"]["ids"] == ["one-way-1-0", "one-way-1-1"]
    assert sorted(p.stem for p in tmp_path.glob("*.yaml")) == [
        "one-way-1-0",
        "one-way-1-1",
        "refusal-1-0",
        "refusal-1-1",
    ]


def test_all_draws_every_family(tmp_path: Path) -> None:
    result = cli(
        "scenarios", "generate", "--family", "all", "--n", "1", "--size", "small", "--out", str(tmp_path)
    )
    assert result.exit_code == 0, result.output
    assert {p.stem.rsplit("-", 2)[0] for p in tmp_path.glob("*.yaml")} == set(FAMILIES)
    assert result.stdout.splitlines()[-1].startswith(f"{len(FAMILIES)} scenarios written to {tmp_path} in ")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--family", "one-wya"], "Unknown scenario family 'one-wya'. Did you mean 'one-way'?"),
        (["--family", "round-trip,hotel_only"], "Did you mean 'hotel-only'?"),
        (["--family", ","], "--family: give a family name"),
        (["--family", "one-way", "--n", "0"], "--n"),
        (["--family", "one-way", "--size", "huge"], "--size"),
        (["--family", "one-way", "--world", "mock"], "world 'mock' has no scenario generator"),
        (["--family", "one-way", "--world", "trvel"], "Did you mean 'travel'?"),
    ],
)
def test_bad_arguments_exit_2_and_write_nothing(tmp_path: Path, args: list[str], message: str) -> None:
    out = tmp_path / "out"
    result = cli("scenarios", "generate", *args, "--out", str(out))
    assert result.exit_code == 2, result.output
    assert message in " ".join(result.output.split())
    assert not list(out.glob("*.yaml"))


def test_an_out_path_that_is_a_file_exits_2(tmp_path: Path) -> None:
    target = tmp_path / "taken"
    target.write_text("x")
    result = cli("scenarios", "generate", "--family", "one-way", "--out", str(target))
    assert (result.exit_code, target.read_text()) == (2, "x")
    assert f"--out: {target} exists and is not a directory" in result.output
