"""Scenario loading: what a bad file says is pinned exactly (the text is what people read)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from sandbox._yaml import YamlSyntaxError, read_yaml
from sandbox.errors import ConfigError, ScenarioError
from sandbox.scenarios import check_files, load_scenario, load_scenarios, read_scenario, scenario_files

HEAD = "# yaml-language-server: $schema=schema.json\n"
VALID = (
    HEAD
    + """\
id: ny-trip
title: Two nights in New York
tags: [business]
request: Book me a round trip from San Francisco to New York with a hotel.
world:
  seed: 7
  now: 2027-01-05T09:00:00-08:00
traveler:
  name: Ada
  home: SFO
  budget: 5000
constraints:
  legs:
    - {origin: SFO, destination: JFK, date: 2027-01-15}
    - {origin: JFK, destination: SFO, date: 2027-01-17}
  stays:
    - {city: JFK, after_leg: 0}
preferences:
  - kind: nonstop
  - {kind: depart_window, start: 08:00, end: 10:30}
expect:
  outcome: booked
"""
)


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # so files are named as written: "bad.yaml:12: ..."


def write(name: str, text: str) -> Path:
    path = Path(name)
    path.write_text(text, encoding="utf-8")
    return path


def problems(text: str, name: str = "bad.yaml") -> list[str]:
    write(name, text)
    with pytest.raises(ScenarioError) as info:
        load_scenario(name)
    assert str(info.value) == "\n".join(str(i) for i in info.value.issues)
    return str(info.value).splitlines()


def test_valid_file_loads_as_the_worlds_model() -> None:
    s = load_scenario(write("ok.yaml", VALID))
    assert type(s).__name__ == "TravelScenario"
    assert s.id == "ny-trip"
    assert s.constraints.legs[0].date == dt.date(2027, 1, 15)  # type: ignore[attr-defined]
    # YAML 1.1 would read 10:30 as the integer 630 (sexagesimal) and pydantic as 00:10:30
    assert s.preferences[1].end == dt.time(10, 30)  # type: ignore[attr-defined]


def test_unknown_field_names_the_key_line_and_the_expected_fields() -> None:
    assert problems(VALID.replace("  budget: 5000", "  budjet: 5000")) == [
        "bad.yaml:12: traveler.budjet: unknown field 'budjet' (expected one of: name, home, budget, "
        "party, profile, calendar, facts, bookings, defaults, unknown_answer)"
    ]


def test_missing_field_points_at_the_parent_mapping() -> None:
    text = VALID.replace("request: Book me a round trip from San Francisco to New York with a hotel.\n", "")
    assert problems(text) == ["bad.yaml:2: request: missing required field 'request'"]
    text = VALID.replace("  name: Ada\n", "")
    assert problems(text) == ["bad.yaml:10: traveler.name: missing required field 'name'"]


def test_wrong_type() -> None:
    assert problems(VALID.replace("  seed: 7", "  seed: seven")) == [
        "bad.yaml:7: world.seed: expected a whole number, got 'seven'"
    ]
    assert problems(VALID.replace("tags: [business]", "tags: business")) == [
        "bad.yaml:4: tags: expected a list, got 'business'"
    ]


def test_text_rules() -> None:
    assert problems(VALID.replace("id: ny-trip", "id: NY_trip")) == [
        "bad.yaml:2: id: expected lowercase letters, digits and dashes, like 'paris-weekend', got 'NY_trip'"
    ]
    assert problems(VALID.replace("title: Two nights in New York", "title: ''")) == [
        "bad.yaml:3: title: expected a non-empty string, got ''"
    ]
    text = VALID.replace("  budget: 5000", "  budget: 5000\n  facts:\n    - {match: [], answer: Yes}")
    assert problems(text) == ["bad.yaml:14: traveler.facts.0: a fact needs a topic or match words"]


def test_bad_enum_value() -> None:
    assert problems(VALID.replace("outcome: booked", "outcome: book")) == [
        "bad.yaml:23: expect.outcome: expected one of 'booked', 'refused', 'asked', 'changed', got 'book'"
    ]


def test_bad_date_and_datetime() -> None:
    text = VALID.replace("destination: JFK, date: 2027-01-15", "destination: JFK, date: tomorrow")
    assert problems(text) == [
        "bad.yaml:15: constraints.legs.0.date: expected a date YYYY-MM-DD, got 'tomorrow'"
    ]
    text = VALID.replace("now: 2027-01-05T09:00:00-08:00", "now: 2027-01-05 09:00:00")
    assert problems(text) == [
        "bad.yaml:8: world.now: expected a date-time with a time zone, like 2027-01-10T09:00:00-08:00, "
        "got 2027-01-05T09:00:00"
    ]


def test_model_rule_and_bound() -> None:
    text = VALID.replace(
        "{origin: SFO, destination: JFK, date: 2027-01-15}", "{origin: SFO, destination: JFK}"
    )
    assert problems(text) == [
        "bad.yaml:15: constraints.legs.0: give either date, or both earliest and latest, or offset"
    ]
    assert problems(VALID.replace("budget: 5000", "budget: 0")) == [
        "bad.yaml:12: traveler.budget: expected a number > 0, got 0"
    ]


def test_bad_yaml_syntax() -> None:
    assert problems(VALID.replace("tags: [business]", "tags: [business\nfoo: 1")) == [
        "bad.yaml:5: invalid YAML: expected ',' or ']', but got ':' "
        "(while parsing a flow sequence started at line 4)"
    ]


def test_top_level_must_be_a_mapping() -> None:
    assert problems(HEAD + "- id: a\n- id: b\n") == [
        "bad.yaml:2: expected a mapping of scenario sections (id, title, request, ...) at the top level, got a list"
    ]


def test_discriminated_preference_drops_the_tag_from_the_path() -> None:
    text = VALID.replace("  - kind: nonstop\n", "  - kind: hotel_stars\n    weight: 2\n")
    assert problems(text) == ["bad.yaml:20: preferences.0.min: missing required field 'min'"]


def test_preference_kind_problems() -> None:
    text = VALID.replace("  - kind: nonstop\n", "  - kind: non-stop\n  - {weight: 2}\n")
    tags = (
        "'nonstop', 'airline', 'depart_window', 'arrive_window', 'hotel_stars', 'hotel_rating', "
        "'amenity', 'neighbourhood', 'cabin', 'refundable', 'cheaper', 'seat', 'review'"
    )
    assert problems(text) == [
        f"bad.yaml:20: preferences.0.kind: expected one of {tags}, got 'non-stop'",
        f"bad.yaml:21: preferences.1.kind: missing required field 'kind' (one of {tags})",
    ]


def test_plain_union_reports_only_the_member_that_fits() -> None:
    assert problems(VALID + "policy: {rulez: []}\n") == [
        "bad.yaml:24: policy.rules: missing required field 'rules'",
        "bad.yaml:24: policy.rulez: unknown field 'rulez' (expected one of: name, rules, default)",
    ]
    assert problems(VALID.replace("  seed: 7", "  size: tiny")) == [
        "bad.yaml:7: world.size: expected one of 'small', 'medium', 'large' or a mapping, got 'tiny'"
    ]


def test_dict_key_errors_point_at_the_key() -> None:
    text = VALID.replace(
        "  now: 2027-01-05T09:00:00-08:00\n",
        "  now: 2027-01-05T09:00:00-08:00\n  overrides:\n    flights:\n      - id: X1\n        fares: {economi: 100}\n",
    )
    assert problems(text) == [
        "bad.yaml:12: world.overrides.flights.0.fares.economi: "
        "expected one of 'economy', 'premium', 'business', got 'economi'"
    ]


def test_every_problem_is_listed_in_file_order() -> None:
    text = VALID.replace("outcome: booked", "outcome: book").replace("  seed: 7", "  seed: 7\n  sede: 8")
    assert problems(text) == [
        "bad.yaml:8: world.sede: unknown field 'sede' (expected one of: name, seed, size, now, overrides)",
        "bad.yaml:24: expect.outcome: expected one of 'booked', 'refused', 'asked', 'changed', got 'book'",
    ]


def test_duplicate_yaml_key() -> None:
    assert problems(VALID + "title: Again\n") == ["bad.yaml:24: title: duplicate key (first given at line 3)"]


def test_missing_empty_and_unreadable_files() -> None:
    with pytest.raises(ScenarioError, match=r"^nope\.yaml: no such file$"):
        load_scenario("nope.yaml")
    assert problems("") == ["bad.yaml: empty file, expected a scenario mapping"]
    assert problems(HEAD) == ["bad.yaml: empty file, expected a scenario mapping"]
    Path("bin.yaml").write_bytes(b"id: \xff\n")
    with pytest.raises(ScenarioError, match=r"^bin\.yaml: not UTF-8 text \(invalid start byte at byte 4\)$"):
        load_scenario("bin.yaml")


def test_unknown_world_suggests_the_closest() -> None:
    text = VALID.replace("  seed: 7", "  name: travle")
    assert problems(text) == [
        "bad.yaml:7: world.name: Unknown world 'travle'. Did you mean 'travel'? Known worlds: mock, travel."
    ]


def test_scenario_files_never_import_code() -> None:
    text = VALID.replace("  seed: 7", "  name: os:system")
    assert problems(text)[0].startswith("bad.yaml:7: world.name: Unknown world 'os:system'.")


def test_schema_comment_is_required_only_when_strict() -> None:
    write("a.yaml", VALID.removeprefix(HEAD))
    assert read_scenario("a.yaml").ok
    strict = read_scenario("a.yaml", strict=True)
    assert [str(i) for i in strict.issues] == [
        "a.yaml:1: first line must be '# yaml-language-server: $schema=schema.json'"
    ]
    write("b.yaml", "# yaml-language-server: $schema=../schema.json\n" + VALID.removeprefix(HEAD))
    assert read_scenario("b.yaml", strict=True).ok


def test_directories_expand_to_sorted_yaml_files() -> None:
    Path("d").mkdir()
    write("d/b.yml", VALID.replace("id: ny-trip", "id: b"))
    write("d/a.yaml", VALID.replace("id: ny-trip", "id: a"))
    write("d/notes.txt", "not a scenario")
    assert scenario_files(["d"]) == [Path("d/a.yaml"), Path("d/b.yml")]
    assert [s.id for s in load_scenarios(["d"])] == ["a", "b"]
    assert [s.id for s in load_scenarios("d")] == ["a", "b"]


def test_duplicate_ids_across_files() -> None:
    write("one.yaml", VALID)
    write("two.yaml", VALID)
    with pytest.raises(ScenarioError) as info:
        load_scenarios(["one.yaml", "two.yaml"])
    assert str(info.value) == "two.yaml:2: id: duplicate scenario id 'ny-trip' (also in one.yaml)"


def test_check_files_collects_per_file_and_reports_empty_directories() -> None:
    Path("empty").mkdir()
    write("bad.yaml", VALID.replace("outcome: booked", "outcome: book"))
    write("ok.yaml", VALID)
    results = check_files(["empty", "bad.yaml", "ok.yaml"])
    assert [(r.file, r.ok) for r in results] == [("empty", False), ("bad.yaml", False), ("ok.yaml", True)]
    assert [str(i) for i in results[0].issues] == [
        "empty: no scenario files (*.yaml, *.yml) in this directory"
    ]


def test_yaml_limits_keep_ordinary_aliases_and_nesting() -> None:
    """Anchors, merge keys and 64 levels of nesting are fine; the 65th level and a recursive alias are not."""
    shared = VALID.replace("traveler:\n", "traveler: &who\n").replace(
        "expect:\n", "x-copy: *who\nx-merged:\n  <<: *who\n  name: Bo\nexpect:\n"
    )
    expected = "(expected one of: id, title, tags, version, description, request, human, policy, expect, scoring, world, traveler, constraints, preferences, faults)"
    assert problems(shared) == [
        f"bad.yaml:22: x-copy: unknown field 'x-copy' {expected}",
        f"bad.yaml:23: x-merged: unknown field 'x-merged' {expected}",
    ]
    assert read_yaml("x: " + "[" * 63 + "]" * 63)[0] is not None
    for text, message in (
        ("x: " + "[" * 64 + "]" * 64, "YAML nested deeper than 64 levels; refused"),
        ("a: &a [1, *a]", "YAML alias refers to a node that contains it (a recursive alias); refused"),
    ):
        with pytest.raises(YamlSyntaxError) as info:
            read_yaml(text)
        assert (info.value.line, info.value.message) == (1, message)


def test_alias_budget_counts_every_value_an_alias_repeats() -> None:
    """99 aliases of a 101-node list (9,999 values) fit the 10,000 budget; one value more does not."""
    items = ", ".join(["x"] * 100)
    fits = f"a: &a [{items}]\nb: [{', '.join(['*a'] * 99)}]\n"
    assert len(read_yaml(fits)[0]["b"]) == 99
    with pytest.raises(YamlSyntaxError, match="aliases repeat more than 10,000 values"):
        read_yaml(fits.replace("*a]", "*a, *a]"))


def test_size_cap_comes_from_the_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    write("ok.yaml", VALID)
    size = len(VALID.encode())
    monkeypatch.setenv("TRAVEL_SANDBOX_MAX_SCENARIO_BYTES", str(size))
    assert read_scenario("ok.yaml").ok
    monkeypatch.setenv("TRAVEL_SANDBOX_MAX_SCENARIO_BYTES", str(size - 1))
    assert [str(i) for i in read_scenario("ok.yaml").issues] == [
        f"ok.yaml: file is larger than {size - 1:,} bytes, the limit (TRAVEL_SANDBOX_MAX_SCENARIO_BYTES)"
    ]
    monkeypatch.setenv("TRAVEL_SANDBOX_MAX_SCENARIO_BYTES", "lots")
    with pytest.raises(ConfigError) as info:
        read_scenario("ok.yaml")
    assert str(info.value) == (
        "invalid settings: TRAVEL_SANDBOX_MAX_SCENARIO_BYTES: Input should be a valid integer, "
        "unable to parse string as an integer (got 'lots')"
    )


# -- which world a file belongs to -----------------------------------------------------------------

MOCK_FILE = Path(__file__).resolve().parents[2] / "worlds" / "mock" / "scenarios" / "add-two-items.yaml"


def test_a_file_is_loaded_as_the_scenario_model_of_the_world_it_names(tmp_path: Path) -> None:
    assert type(load_scenario(MOCK_FILE)).__name__ == "MockScenario"
    travel = tmp_path / "t.yaml"
    travel.write_text(VALID)  # names no world: the default world's
    assert type(load_scenario(travel)).__name__ == "TravelScenario"


def test_a_file_that_names_no_world_belongs_to_the_configured_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    unnamed = tmp_path / "todo.yaml"
    unnamed.write_text(MOCK_FILE.read_text().replace("  name: mock\n", ""))
    with pytest.raises(ScenarioError, match="todos: unknown field 'todos'"):
        load_scenario(unnamed)  # the installation's default: travel
    monkeypatch.setenv("TRAVEL_SANDBOX_WORLD", "mock")
    assert load_scenario(unnamed).id == "mock-add-two-items"
    monkeypatch.setenv("TRAVEL_SANDBOX_WORLD", "mocks")
    assert [str(i) for i in read_scenario(unnamed).issues] == [
        f"{unnamed}:7: world.name: Unknown world 'mocks'. Did you mean 'mock'? Known worlds: mock, travel."
    ]
