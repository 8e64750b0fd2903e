"""The reader's view of Recognizers-Text (``agents.intent._recognizers``): where an expression is, its
kind, its bound and its resolution against the world's clock."""

from __future__ import annotations

import datetime as dt

import pytest

from agents.intent._recognizers import datetimes

NOW = dt.datetime(2027, 1, 11, 9, 0)


def _one(text: str):
    found = datetimes(text, NOW)
    assert len(found) == 1, found
    return found[0]


def test_a_bound_on_a_clock_time_keeps_its_direction_and_time():
    f = _one("I need to land prior to 15:00")
    assert (f.mod, f.clock()) == ("before", dt.time(15, 0))
    assert "I need to land prior to 15:00"[f.start : f.end] == "prior to 15:00"
    f = _one("wheels down no later than half past two in the afternoon")
    assert (f.mod, f.clock()) == ("before", dt.time(14, 30))
    f = _one("nothing that leaves before 8am")
    assert (f.mod, f.clock()) == ("before", dt.time(8, 0))


def test_a_plain_time_has_no_bound():
    f = _one("the kickoff is at 3pm")
    assert f.mod is None and f.clock() == dt.time(15, 0)


def test_an_ambiguous_day_keeps_the_reading_that_is_not_past():
    f = _one("staying from the 14th to the 17th of March")
    assert f.kind == "daterange"
    (value,) = f.future(NOW.date())
    assert (value["start"], value["end"]) == ("2027-03-14", "2027-03-17")
    f = _one("land before 4pm on the 3rd")  # the 3rd of this month is past: next month's
    assert [v["end"] for v in f.future(NOW.date())] == ["2027-02-03 16:00:00"]


def test_a_date_names_no_time_of_day():
    assert _one("out on the second Tuesday of March").clock() is None


def test_empty_text_finds_nothing():
    assert datetimes("  ", NOW) == ()


def test_a_cached_reading_cannot_be_changed_by_a_caller() -> None:
    """The results are cached: a caller that changed one would change what every later call gets."""
    now = dt.datetime(2027, 3, 1, 9, 0)
    found = datetimes("fly out on March 12", now)[0]
    with pytest.raises(TypeError):
        found.values[0]["value"] = "1999-01-01"  # type: ignore[index]
    again = datetimes("fly out on March 12", now)[0]
    assert "2027-03-12" in [v["value"] for v in again.values]
    assert "1999-01-01" not in [v["value"] for v in again.values]
