"""A request pasted with hard line wraps reads as the same request written on one line: the wraps
inside a sentence are joined, and paragraph breaks, list items, headers and short lines keep theirs."""

from __future__ import annotations

import datetime as dt

import pytest

from agents.intent import HeldBooking, ReadContext, read_request
from agents.intent._unwrap import unwrap

NOW = dt.datetime(2027, 4, 1, 9, tzinfo=dt.timezone(dt.timedelta(hours=-4)))


@pytest.mark.parametrize(
    "wrapped, joined",
    [
        # a long line that ends no sentence was wrapped by the writer's mail client
        (
            "I'm flying from Boston to Denver on Tuesday 4 May for the partner summit and I need to be\nback home on the Friday.",
            "I'm flying from Boston to Denver on Tuesday 4 May for the partner summit and I need to be back home on the Friday.",
        ),
        # a short line that ends in the middle of a phrase
        ("Out on the 4th and\nback on the 7th.", "Out on the 4th and back on the 7th."),
        ("Return Thursday,\n7 May.", "Return Thursday, 7 May."),
    ],
)
def test_wraps_inside_a_sentence_are_joined(wrapped: str, joined: str) -> None:
    assert unwrap(wrapped) == joined


@pytest.mark.parametrize(
    "text",
    [
        "Hi!\n\nBoston to Denver on 4 May, back on the 7th.",  # a paragraph break
        "Itinerary\nBoston to Denver May 4\nDenver to Austin May 6",  # short lines: one leg per line
        "APAC trip, book it pls:\n- May 4 Boston to Denver\n- May 6 Denver to Austin",  # list items
        "Please book the trip below, the policy is forwarded under my note and it applies\nFrom: Travel Desk",
        "I need a flight from Boston to Denver on May 4, back on the 7th, thanks so much.\nRaj",  # a sentence ended
        "Everything I need is a flight from Boston to Denver on the fourth of May for two people\n2) a hotel",
    ],
)
def test_breaks_the_writer_meant_are_kept(text: str) -> None:
    assert unwrap(text) == text


def test_a_wrapped_request_reads_as_the_same_request_on_one_line() -> None:
    """A day trip added beside a held trip, with its sentences wrapped at a mail client's width: before,
    the wrap after "(flights + hotel are in my account," cut the held trip's days off the words that
    keep it, and the reader planned a new trip from the held flights' days."""
    held = [
        HeldBooking(id="B0001", kind="flight", origin="ORD", destination="BOS", date=dt.date(2027, 5, 10)),
        HeldBooking(id="B0002", kind="flight", origin="BOS", destination="ORD", date=dt.date(2027, 5, 14)),
        HeldBooking(
            id="B0003",
            kind="hotel",
            city="BOS",
            check_in=dt.date(2027, 5, 10),
            check_out=dt.date(2027, 5, 14),
        ),
    ]
    ctx = ReadContext(now=NOW, home="ORD", bookings=held)
    one_line = (
        "My Boston trip is already in my account (flights and hotel, Mon 10th to Fri 14th May), leave all of "
        "that alone. The client now wants me in Washington on the Wednesday (12th) as well, all day. Could you add a "
        "day trip Boston -> Washington -> Boston that day? I'll sleep at the Boston hotel that night."
    )
    wrapped = (
        "My Boston trip is already in my account (flights and hotel,\nMon 10th to Fri 14th May), leave all of "
        "that alone. The client now wants me in Washington on the\nWednesday (12th) as well, all day. Could you add a "
        "day trip Boston -> Washington -> Boston that\nday? I'll sleep at the Boston hotel that night."
    )
    want = read_request(one_line, ctx)
    assert [(leg.origin, leg.destination, leg.date) for leg in want.legs] == [
        ("BOS", "IAD", dt.date(2027, 5, 12)),
        ("IAD", "BOS", dt.date(2027, 5, 12)),
    ]
    assert read_request(wrapped, ctx) == want
