"""The scripted chat model: its reading of requests (dates, places, travellers, money, wishes) and its
decisions on hand-built conversations, exactly as an LLM would receive them (system prompt with the
date, the request, its own tool calls, tool results as JSON text)."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, SystemMessage, ToolMessage

from agents._planner_signals import FinishPhaseArgs
from agents.intent import ReadContext, read_request
from agents.models._scripted_dates import parse_now, scan_clock
from agents.models._scripted_prefs import LAST, name_weight, parse_prefs
from agents.models._scripted_quirks import Quirks
from agents.models.scripted import ScriptedChatModel, make
from sandbox.spi import ModelSpec

TODAY = dt.date(2027, 1, 5)  # a Tuesday
SYSTEM = "You are a travel agent.\nThe current date and time is Tuesday 05 January 2027, 09:00 (2027-01-05T09:00:00-08:00).\n"
ALL_TOOLS = [
    "ask_user", "propose_itinerary", "get_traveler_profile", "get_budget", "get_calendar", "list_bookings",
    "search_flights", "search_hotels", "get_hotel", "book_flight", "book_hotel", "cancel_booking",
]  # fmt: skip


def dates(text: str) -> list[str]:
    """The travel days the scripted model plans: its legs, as the intent reader reads them."""
    ctx = ReadContext(now=dt.datetime(2027, 1, 5, 9, tzinfo=dt.timezone(dt.timedelta(hours=-8))), home="SFO")
    return [str(leg.date) for leg in read_request(text, ctx).legs]


# -- reading dates (the intent reader, ``agents.intent``; the golden set measures it in depth) -------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Fly me out on Wednesday 20 January 2027 and back on Sunday 24 January.",
            ["2027-01-20", "2027-01-24"],
        ),
        ("Flights on 2027-01-20, returning 2027-01-24.", ["2027-01-20", "2027-01-24"]),
        ("I fly out Jan 20th and fly back January 24, 2027.", ["2027-01-20", "2027-01-24"]),
        ("Fly me to Paris tomorrow and back on Friday.", ["2027-01-06", "2027-01-08"]),
        ("Fly me to Paris this Friday and back on Sunday.", ["2027-01-08", "2027-01-10"]),
        ("Fly me to Paris in two weeks for a week.", ["2027-01-19", "2027-01-26"]),
        ("I fly out on Saturday the 9th and come home on Tuesday the 12th.", ["2027-01-09", "2027-01-12"]),
    ],
)
def test_travel_dates_absolute_and_relative_to_the_clock(text: str, expected: list[str]) -> None:
    assert dates(text) == expected


def test_the_clock_comes_from_the_system_prompt() -> None:
    now = parse_now(SYSTEM)
    assert now is not None and now.isoformat() == "2027-01-05T09:00:00-08:00"
    assert [m for _, _, m in scan_clock("land by 5 pm, leave after 17:30 or before 10 in the morning, at noon")] == [
        17 * 60, 17 * 60 + 30, 10 * 60, 12 * 60,
    ]  # fmt: skip


# -- wishes -------------------------------------------------------------------------------------------


def test_flight_wishes_per_leg() -> None:
    p = parse_prefs(
        "Fly me from London to Paris on 28 January and back on 31 January. I'd like a morning flight out "
        "and an afternoon or evening flight back, non-stop please, and no red-eyes.",
        ("LHR", ["CDG"]),
    )
    assert p.nonstop > 0 and p.no_overnight
    assert [(w.kind, w.start, w.end, w.leg) for w in p.windows] == [
        ("depart", 6 * 60, 12 * 60, 0),
        ("depart", 12 * 60, 22 * 60, LAST),
    ]
    arrive = parse_prefs("One-way from London to Paris; I'd like to land in Paris by 5 pm.", ("LHR", ["CDG"]))
    assert [(w.kind, w.end) for w in arrive.windows] == [("arrive", 17 * 60)]
    assert parse_prefs("One connection is fine but not two.", (None, [])).max_stops == 1


def test_hotel_wishes_and_names_from_results() -> None:
    text = (
        "I'd like a 4-star hotel with a gym and breakfast, well-reviewed, ideally in Midtown. The hotel "
        "must be free to cancel. Most of all I want to be in Le Marais. I won't fly Boreal Airways."
    )
    p = parse_prefs(text, (None, []))
    assert (p.stars, p.rating, sorted(p.amenities), p.refundable_only) == (
        4,
        8.0,
        ["breakfast", "gym"],
        {"hotel"},
    )
    assert name_weight(p.text, "Midtown") == 1.0
    assert name_weight(p.text, "Le Marais") == 2.0  # stressed
    assert name_weight(p.text, "Boreal Airways") == -1.0  # refused
    assert name_weight(p.text, "Kensington") == 0.0
    assert parse_prefs("Business class, please.", (None, [])).cabin == "business"
    assert parse_prefs("The cheapest fare please.", (None, [])).cheap == 1.0


# -- decisions on hand-built conversations ----------------------------------------------------------


class Chat:
    """A conversation as the model sees it; ``answer`` adds the model's call and the tool's result."""

    def __init__(self, request: str):
        self.messages: list[BaseMessage] = [SystemMessage(SYSTEM), HumanMessage(request)]
        self.model = ScriptedChatModel()

    def next(self, tools: list[str] | None = None) -> AIMessage:
        return self.model.reply(self.messages, tools or ALL_TOOLS)

    def answer(self, *results: Any) -> AIMessage:
        """Ask the model for its next message and answer its calls with ``results`` (ok data, or an error)."""
        msg = self.next()
        assert len(msg.tool_calls) == len(results), msg
        self.messages.append(msg)
        for call, res in zip(msg.tool_calls, results, strict=True):
            body = res if isinstance(res, dict) and "ok" in res else {"ok": True, "result": res}
            self.messages.append(ToolMessage(json.dumps(body), tool_call_id=call["id"], name=call["name"]))
        return msg

    def calls(self, msg: AIMessage) -> list[str]:
        return [c["name"] for c in msg.tool_calls]


def error(code: str, message: str = "") -> dict[str, Any]:
    return {"ok": False, "error": {"code": code, "message": message or code, "field": None}}


def flight(
    fid: str,
    depart: str,
    arrive: str,
    price: float,
    stops: int = 0,
    airline: str = "AX",
    name: str = "Aurora Air",
) -> dict[str, Any]:
    o, d = ("SFO", "JFK") if "-01-20" in fid else ("JFK", "SFO")
    return {"flight_id": fid, "flight_number": fid.split("-")[0], "airline": airline, "airline_name": name,
            "origin": o, "destination": d, "depart": depart, "arrive": arrive, "stops": stops,
            "refundable": False, "cabin": "economy", "price": price, "total_price": price, "available": True}  # fmt: skip


def hotel(
    hid: str, name: str, hood: str, stars: int, total: float, amenities: list[str], rating: float = 8.0
) -> dict[str, Any]:
    return {"hotel_id": hid, "name": name, "city": "JFK", "neighbourhood": hood, "stars": stars, "rating": rating,
            "amenities": amenities, "price": total / 4, "total_price": total, "available": True,
            "cancellation": "free cancellation until 2027-01-19 (1 day(s) before check-in), later a 50% fee"}  # fmt: skip


REQUEST = (
    "Please book me a round trip from San Francisco to New York: out on Wednesday 20 January 2027 and back "
    "on Sunday 24 January, with a hotel in New York. It's just me, and the whole trip must stay under "
    "$3,500. I'd rather fly non-stop, leaving in the morning, and a 4-star hotel with a gym in Midtown."
)
OUT = [
    flight(
        "MV100-2027-01-20",
        "2027-01-20T12:05:00-08:00",
        "2027-01-20T20:45:00-05:00",
        350.0,
        0,
        "MV",
        "Meridian Vale",
    ),
    flight("AX100-2027-01-20", "2027-01-20T06:25:00-08:00", "2027-01-20T15:05:00-05:00", 402.0),
    flight(
        "BQ100-2027-01-20",
        "2027-01-20T07:00:00-08:00",
        "2027-01-20T18:00:00-05:00",
        300.0,
        1,
        "BQ",
        "Boreal Airways",
    ),
]
BACK = [flight("AX101-2027-01-24", "2027-01-24T09:00:00-05:00", "2027-01-24T12:30:00-08:00", 420.0)]
HOTELS = [
    hotel("H-JFK-04", "Saffron Suites", "Midtown", 4, 2266.0, ["wifi", "gym"]),
    hotel("H-JFK-02", "Maple House", "Chelsea", 4, 1800.0, ["wifi", "gym"]),
]
PROFILE = {"name": "Maya", "home": "SFO", "party": [], "party_size": 1, "cabin": "economy", "loyalty": {}}
BUDGET = {"budget": 3500.0, "spent": 0.0, "budget_remaining": 3500.0, "ledger": []}


def planned() -> Chat:
    """A conversation up to the first proposal (profile, gather, hotel search)."""
    chat = Chat(REQUEST)
    chat.answer(PROFILE)
    chat.answer(BUDGET, {"events": []}, {"bookings": []}, {"flights": OUT}, {"flights": BACK})
    chat.answer({"hotels": HOTELS})
    return chat


def approved(chat: Chat) -> Chat:
    chat.answer({"status": "approved"})
    return chat


def booking(bid: str, item: dict[str, Any], charged: float) -> dict[str, Any]:
    return {"booking_id": bid, "status": "confirmed", "charged": charged, "total_price": charged, **item}


def test_asks_when_the_dates_are_missing_and_reads_the_answer() -> None:
    chat = Chat(
        "I'm speaking at a conference in London next month. Please book my flights from San Francisco and a hotel."
    )
    chat.answer(PROFILE)
    look = chat.answer(BUDGET, {"events": []}, {"bookings": []})
    assert chat.calls(look) == [
        "get_budget",
        "get_calendar",
        "list_bookings",
    ]  # what it holds, before it asks
    ask = chat.answer(
        {"answer": "I'd like to fly out on Monday 1 February and fly back on Saturday 6 February."}
    )
    assert chat.calls(ask) == ["ask_user"] and "dates" in ask.tool_calls[0]["args"]["question"]
    gather = chat.next()
    searches = [c["args"] for c in gather.tool_calls if c["name"] == "search_flights"]
    assert [(a["origin"], a["destination"], a["date"]) for a in searches] == [
        ("SFO", "LHR", "2027-02-01"),
        ("LHR", "SFO", "2027-02-06"),
    ]


def test_proposes_the_non_stop_morning_flight_with_alternatives_and_a_confidence() -> None:
    msg = planned().next()
    assert msg.tool_calls[0]["name"] == "propose_itinerary"
    args = msg.tool_calls[0]["args"]
    assert [it["id"] for it in args["items"]] == ["AX100-2027-01-20", "AX101-2027-01-24", "H-JFK-04"]
    assert args["total"] == 402.0 + 420.0 + 2266.0
    assert 0.5 <= args["confidence"] <= 0.97 and args["alternatives"] and args["rationale"]
    assert all(set(alt) == {"items", "total", "note"} for alt in args["alternatives"])


def test_books_what_was_approved_with_max_price_and_retries_a_service_error() -> None:
    chat = approved(planned())
    first = chat.answer(error("service_error", "book_flight failed: internal error; try again"))
    again = chat.next()
    assert first.tool_calls[0]["name"] == "book_flight"
    assert again.tool_calls[0]["args"] == first.tool_calls[0]["args"]
    assert again.tool_calls[0]["id"] != first.tool_calls[0]["id"]
    assert (
        first.tool_calls[0]["args"]["max_price"] == 402.0 and first.tool_calls[0]["args"]["passengers"] == 1
    )


def test_a_sold_out_hotel_leads_to_a_revised_proposal_with_another_hotel() -> None:
    chat = approved(planned())
    chat.answer(booking("B0001", {"kind": "flight", "flight_id": "AX100-2027-01-20"}, 402.0))
    chat.answer(booking("B0002", {"kind": "flight", "flight_id": "AX101-2027-01-24"}, 420.0))
    chat.answer(error("sold_out", "hotel H-JFK-04 is sold out for 2027-01-20 to 2027-01-24"))
    chat.messages[0] = SystemMessage(SYSTEM + "PHASE: book\n")
    assert chat.next(["book_flight", "book_hotel", "cancel_booking"]).content.startswith("REPLAN:")
    chat.messages[0] = SystemMessage(SYSTEM)
    revised = chat.next()
    items = revised.tool_calls[0]["args"]["items"]
    assert revised.tool_calls[0]["name"] == "propose_itinerary"
    assert [it["id"] for it in items] == ["AX100-2027-01-20", "AX101-2027-01-24", "H-JFK-02"]
    assert items[0]["details"]["already_booked"] == "B0001"


def _as_schema(name: str, parameters: dict[str, Any] | None = None) -> dict[str, Any]:
    return {
        "type": "function",
        "function": {"name": name, "description": name, "parameters": parameters or {}},
    }


def test_a_phase_ends_with_the_bound_finish_phase_call_and_the_same_decisions_follow() -> None:
    """The planner's control tool, read from its schema as any LLM reads it: the book phase ends with
    ``finish_phase(replan)`` (the reason and the text are the old ``REPLAN:`` line), and what the
    model does next is the same, call ids included, as after a text-only phase end."""

    def sold_out() -> Chat:
        chat = approved(planned())
        chat.answer(booking("B0001", {"kind": "flight", "flight_id": "AX100-2027-01-20"}, 402.0))
        chat.answer(booking("B0002", {"kind": "flight", "flight_id": "AX101-2027-01-24"}, 420.0))
        chat.answer(error("sold_out", "hotel H-JFK-04 is sold out for 2027-01-20 to 2027-01-24"))
        chat.messages[0] = SystemMessage(SYSTEM + "PHASE: book\n")
        return chat

    signal = _as_schema("finish_phase", FinishPhaseArgs.model_json_schema())
    tools = [_as_schema(n) for n in ("book_flight", "book_hotel", "cancel_booking")]
    with_signal, text_only = sold_out(), sold_out()
    ended = with_signal.model.bind_tools([*tools, signal]).invoke(with_signal.messages)
    said = text_only.model.bind_tools(tools).invoke(text_only.messages)
    assert said.content.startswith("REPLAN: ") and not said.tool_calls
    (call,) = ended.tool_calls
    assert (call["name"], call["args"]) == ("finish_phase", {"outcome": "replan", "reason": said.content})
    assert ended.content == said.content
    # the gateway's answer to the signal says nothing about the trip: the next decision is unchanged
    with_signal.messages.append(ended)
    answer = {"ok": True, "result": {"outcome": "replan", "reason": said.content}}
    with_signal.messages.append(ToolMessage(json.dumps(answer), tool_call_id=call["id"], name="finish_phase"))
    text_only.messages.append(said)
    for chat in (with_signal, text_only):
        chat.messages[0] = SystemMessage(SYSTEM + "PHASE: propose\n")
    after_signal, after_text = with_signal.next(), text_only.next()
    assert after_signal.tool_calls[0]["name"] == "propose_itinerary"
    assert after_signal.tool_calls == after_text.tool_calls  # same arguments, same call id
    # a signal whose schema does not accept the outcome is not used: the text ends the phase
    narrow = _as_schema("finish_phase", {"properties": {"outcome": {"enum": ["done"]}}})
    again = sold_out()
    assert not again.model.bind_tools([*tools, narrow]).invoke(again.messages).tool_calls


def test_revises_after_a_rejection_that_names_an_airline_to_avoid() -> None:
    chat = Chat(REQUEST.replace("leaving in the morning", "the cheapest flights"))
    cheap_boreal = {**OUT[2], "stops": 0, "arrive": "2027-01-20T16:00:00-05:00"}
    chat.answer(PROFILE)
    chat.answer(
        BUDGET, {"events": []}, {"bookings": []}, {"flights": [*OUT[:2], cheap_boreal]}, {"flights": BACK}
    )
    chat.answer({"hotels": HOTELS})
    first = chat.answer(
        {"status": "rejected", "reason": "I won't fly Boreal Airways. Any other airline is fine."}
    )
    second = chat.next()
    assert first.tool_calls[0]["args"]["items"][0]["id"] == "BQ100-2027-01-20"
    flights = [it["id"] for it in second.tool_calls[0]["args"]["items"] if it["kind"] == "flight"]
    assert "BQ100-2027-01-20" not in flights
    assert not any("BQ" in json.dumps(alt) for alt in second.tool_calls[0]["args"]["alternatives"])


def test_reports_honestly_when_nothing_fits_the_budget() -> None:
    chat = Chat(REQUEST.replace("$3,500", "$900"))
    chat.answer(PROFILE)
    chat.answer(
        {**BUDGET, "budget": 900.0}, {"events": []}, {"bookings": []}, {"flights": OUT}, {"flights": BACK}
    )
    chat.answer({"hotels": HOTELS})
    report = chat.next()
    assert not report.tool_calls
    assert report.content.startswith("I did not book anything") and "$900.00" in report.content
    assert "B0" not in report.content


def test_the_report_names_every_booking_and_the_real_total() -> None:
    chat = approved(planned())
    chat.answer(booking("B0001", {"kind": "flight", "flight_id": "AX100-2027-01-20"}, 402.0))
    chat.answer(booking("B0002", {"kind": "flight", "flight_id": "AX101-2027-01-24"}, 420.0))
    chat.answer(
        booking(
            "B0003",
            {"kind": "hotel", "hotel_id": "H-JFK-04", "check_in": "2027-01-20", "check_out": "2027-01-24"},
            2266.0,
        )
    )
    verify = chat.answer({"bookings": []}, {**BUDGET, "spent": 3088.0, "budget_remaining": 412.0})
    report = chat.next()
    assert chat.calls(verify) == ["list_bookings", "get_budget"]
    assert (
        all(b in report.content for b in ("B0001", "B0002", "B0003"))
        and "Total charged: $3,088.00" in report.content
    )


def test_only_bound_tools_are_called_and_a_phase_ends_with_a_summary() -> None:
    chat = Chat(REQUEST)
    chat.messages[0] = SystemMessage(SYSTEM + "PHASE: understand\n")
    assert chat.calls(chat.answer(PROFILE)) == ["get_traveler_profile"]
    summary = chat.next(["get_traveler_profile", "ask_user"])
    assert not summary.tool_calls and summary.content.startswith("Understood the request")


def test_bind_tools_and_invoke_like_any_chat_model() -> None:
    model = make(ModelSpec(name="scripted"))
    schema = {
        "type": "function",
        "function": {
            "name": "get_traveler_profile",
            "description": "profile",
            "parameters": {"type": "object", "properties": {}},
        },
    }
    msg = model.bind_tools([schema]).invoke([SystemMessage(SYSTEM), HumanMessage(REQUEST)])
    assert [c["name"] for c in msg.tool_calls] == ["get_traveler_profile"]
    assert msg.usage_metadata and msg.usage_metadata["total_tokens"] > 0
    assert (
        model.bind_tools([schema]).invoke([SystemMessage(SYSTEM), HumanMessage(REQUEST)]).tool_calls
        == msg.tool_calls
    )


def test_quirks_are_seeded_and_off_by_default() -> None:
    assert not ScriptedChatModel().quirks.active
    q = Quirks.all(0.5, seed=3)
    assert [q.fires("wrong_date", str(k)) for k in range(20)] == [
        q.fires("wrong_date", str(k)) for k in range(20)
    ]
    assert 0 < sum(q.fires("wrong_date", str(k)) for k in range(200)) < 200
    model = make(ModelSpec(name="scripted", options={"quirks": {"skip_verify": 1.0}}))
    assert model.quirks.skipped_verification == 1.0
    chat = approved(planned())
    chat.model = model
    chat.answer(booking("B0001", {"kind": "flight", "flight_id": "AX100-2027-01-20"}, 402.0))
    chat.answer(booking("B0002", {"kind": "flight", "flight_id": "AX101-2027-01-24"}, 420.0))
    chat.answer(
        booking(
            "B0003",
            {"kind": "hotel", "hotel_id": "H-JFK-04", "check_in": "2027-01-20", "check_out": "2027-01-24"},
            2266.0,
        )
    )
    assert not chat.next().tool_calls  # reports without list_bookings


def test_books_the_alternative_the_traveller_picked() -> None:
    chat = planned()
    proposal = chat.next().tool_calls[0]["args"]
    alt = proposal["alternatives"][0]
    chat.answer({"status": "approved_alternative", "alternative": 0, "plan": alt})
    booked = []
    for _ in range(3):
        msg = chat.next()
        booked.append(msg.tool_calls[0]["args"].get("flight_id") or msg.tool_calls[0]["args"].get("hotel_id"))
        item = {"kind": "flight", "flight_id": booked[-1]} if msg.tool_calls[0]["name"] == "book_flight" else {
            "kind": "hotel", "hotel_id": booked[-1], **{k: msg.tool_calls[0]["args"][k] for k in ("check_in", "check_out")}
        }  # fmt: skip
        chat.answer(booking(f"B000{len(booked)}", item, 100.0))
    assert booked == [it["id"] for it in alt["items"]]


def test_applies_the_travellers_edit_to_the_plan() -> None:
    chat = planned()
    chat.answer({"status": "edited", "changes": {"hotel_id": "H-JFK-02"}})
    for bid, fid in (("B0001", "AX100-2027-01-20"), ("B0002", "AX101-2027-01-24")):
        chat.answer(booking(bid, {"kind": "flight", "flight_id": fid}, 400.0))
    hotel_call = chat.next().tool_calls[0]
    assert (hotel_call["name"], hotel_call["args"]["hotel_id"], hotel_call["args"]["max_price"]) == (
        "book_hotel",
        "H-JFK-02",
        1800.0,
    )


@pytest.mark.parametrize(
    ("reason", "check"),
    [
        (
            "Too expensive, please find something cheaper.",
            lambda args: args["total"] < 402.0 + 420.0 + 2266.0,
        ),
        ("A different hotel, please.", lambda args: "H-JFK-04" not in [it["id"] for it in args["items"]]),
        ("Can I leave a day later?", lambda args: args["items"][0]["id"] == "AX100-2027-01-21"),
    ],
)
def test_revises_the_plan_as_the_reason_asks(reason: str, check: Any) -> None:
    chat = planned()
    chat.answer({"status": "rejected", "reason": reason})
    msg = chat.next()
    if msg.tool_calls[0]["name"] == "search_flights":  # a new date needs a new search
        assert msg.tool_calls[0]["args"]["date"] == "2027-01-21"
        later = {
            **OUT[1],
            "flight_id": "AX100-2027-01-21",
            "depart": "2027-01-21T06:25:00-08:00",
            "arrive": "2027-01-21T15:05:00-05:00",
        }
        chat.answer({"flights": [later]})
        chat.answer({"hotels": [{**h, "total_price": h["total_price"] * 0.75} for h in HOTELS]})
        msg = chat.next()
    assert msg.tool_calls[0]["name"] == "propose_itinerary" and check(msg.tool_calls[0]["args"])


def test_terse_time_windows() -> None:
    p = parse_prefs(
        "One-way Tokyo to Singapore on Jan 28, landing between noon and 10pm (10pm latest!). I can't do overnight flights.",
        ("NRT", ["SIN"]),
    )
    assert [(w.kind, w.start, w.end, w.hard) for w in p.windows] == [
        ("arrive", 12 * 60, 22 * 60, True)
    ] and p.no_overnight
    back = parse_prefs(
        "NYC to Paris on Sunday Jan 24, back Thursday Jan 28 in the afternoon.", ("JFK", ["CDG"])
    ).windows
    assert [(w.start, w.end, w.leg) for w in back] == [(12 * 60, 18 * 60, LAST)]


def test_asks_one_question_per_missing_requirement() -> None:
    """The simulated traveller answers one question at a time, so the model asks about one thing each
    time: the destination first, then (the traveller having no answer) the dates, not the same again."""
    chat = Chat("Can you book a holiday for me sometime soon? Somewhere nice, maybe warm.")
    chat.answer(PROFILE)
    chat.answer(BUDGET, {"events": []}, {"bookings": []})  # it looks at what the traveller holds first
    first = chat.answer({"answer": "Honestly, we haven't decided."})
    second = chat.answer({"answer": "We don't know yet."})
    asked = [m.tool_calls[0]["args"]["question"] for m in (first, second)]
    assert "where would you like to go" in asked[0] and "dates" not in asked[0]
    assert "which dates" in asked[1] and "where" not in asked[1]
    assert chat.next().tool_calls == []  # two questions at most, then it says what it needs


def test_asks_who_travels_when_the_profile_lists_companions_and_then_uses_the_answer() -> None:
    chat = Chat(REQUEST.replace("It's just me, and the", "The"))
    ask = chat.answer({**PROFILE, "party": ["Ruth"], "party_size": 2})
    assert chat.calls(ask) == ["get_traveler_profile"]
    look = chat.answer(BUDGET, {"events": []}, {"bookings": []})
    assert chat.calls(look) == ["get_budget", "get_calendar", "list_bookings"]  # what it holds, first
    ask = chat.answer({"answer": "Both of us are coming."})
    assert "how many people" in ask.tool_calls[0]["args"]["question"]
    gather = chat.next()
    assert {c["args"]["passengers"] for c in gather.tool_calls if c["name"] == "search_flights"} == {2}
