"""The trace: idempotent appends and bounded texts."""

from __future__ import annotations

from sandbox.spi import Trace, cap, cap_text


def test_a_long_text_is_cut_with_a_note_saying_how_long_it_was() -> None:
    assert cap_text("x" * 20_971_520, 10) == "xxxxxxxxxx… [truncated: 20,971,520 characters, 10 kept]"
    assert cap_text("x" * 10, 10) == "x" * 10


def test_every_text_in_an_event_is_capped_and_short_values_are_left_as_they_are() -> None:
    short = {"tool": "book_flight", "args": {"flight_id": "AX100", "passengers": 1}, "ids": ["a", "b"]}
    assert cap(short, 20) is short
    long = {"content": "y" * 50, "calls": [{"args": {"note": "z" * 50, "k" * 20: 1}}], "n": 3, "ok": True}
    capped = cap(long, 10)
    assert capped["content"] == "yyyyyyyyyy… [truncated: 50 characters, 10 kept]"
    assert capped["calls"][0]["args"]["note"].startswith("zzzzzzzzzz… [truncated: 50")
    assert "kkkkkkkkkk… [truncated: 20 characters, 10 kept]" in capped["calls"][0]["args"]
    assert (capped["n"], capped["ok"]) == (3, True) and long["content"] == "y" * 50  # not changed in place


def test_the_trace_caps_what_it_records_and_keys_stay_idempotent() -> None:
    trace = Trace(max_text=100)
    event = trace.add("message", {"role": "assistant", "content": "w" * 1_000}, key="m1")
    assert event is not None and event.data["content"].endswith("… [truncated: 1,000 characters, 100 kept]")
    assert trace.add("message", {"role": "assistant", "content": "again"}, key="m1") is None
    assert len(trace.events) == 1
