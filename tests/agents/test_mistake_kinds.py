"""One list of mistake kinds (``sandbox.spi.MISTAKES``): every kind the noisy model and the scripted
model's quirks can plant is registered and in the travel world's answer key; old names still read."""

from __future__ import annotations

import json
from dataclasses import fields
from pathlib import Path

from langchain_core.messages import AIMessage, HumanMessage, ToolMessage

from agents.models._scripted_quirks import KINDS, Quirks
from agents.models.noisy import PHASE_SIGNAL, misread_price, mistakes
from agents.models.scripted import make as make_scripted
from sandbox.scoring import planted_mistakes
from sandbox.spi import MISTAKES, ModelSpec, RunResult, canonical, planted, worlds

TRACES = Path(__file__).resolve().parents[1] / "sandbox" / "traces"
HOTELS = [
    {"hotel_id": "H1", "available": True, "price": 100.0, "total_price": 300.0},
    {"hotel_id": "H2", "available": True, "price": 150.0, "total_price": 450.0},
    {"hotel_id": "H3", "available": True, "price": 400.0, "total_price": 1200.0},
]
STAY = {"city": "CDG", "check_in": "2027-01-15", "check_out": "2027-01-18", "rooms": 1}


def _reply(*calls: tuple[str, dict[str, object]]) -> AIMessage:
    return AIMessage(
        content="",
        tool_calls=[
            {"name": n, "args": a, "id": f"c{i}", "type": "tool_call"} for i, (n, a) in enumerate(calls)
        ],
    )


def _result(name: str, cid: str, body: dict[str, object]) -> ToolMessage:
    return ToolMessage(json.dumps(body), tool_call_id=cid, name=name)


def _noisy_kinds() -> set[str]:
    """Every kind the noisy model plants, found by offering it replies where each one fits."""
    searched = [
        HumanMessage("A hotel in Paris, please."),
        _reply(("search_hotels", STAY)),
        _result("search_hotels", "c0", {"ok": True, "result": {"hotels": HOTELS}}),
    ]
    booking = _reply(("book_hotel", {**STAY, "hotel_id": "H2", "booking_id": "B0001"}), ("list_bookings", {}))
    failed = [*searched, _result("book_hotel", "c0", {"ok": False, "error": {"code": "x", "message": "no"}})]
    ending = _reply((PHASE_SIGNAL, {"outcome": "give_up", "reason": "it failed"}))
    found = set(mistakes(searched, booking)) | set(mistakes(failed, ending))
    assert misread_price(searched) is not None
    return found | {"misread_price"} | {f.name for f in fields(Quirks) if f.name != "seed"}


def test_every_kind_the_noisy_model_plants_is_registered_and_in_the_answer_key():
    kinds = _noisy_kinds()
    assert {"wrong_date", "hallucinated_id", "ignored_preference", "overspend"} <= kinds
    assert {"false_success", "skipped_verification", "limit_as_wish", "wrong_city"} <= kinds
    table = worlds.get("travel").mistake_checks
    assert kinds <= set(MISTAKES), kinds - set(MISTAKES)
    assert set(MISTAKES) <= set(table), set(MISTAKES) - set(table)
    assert set(table) == set(MISTAKES)  # the answer key names no kind the registry does not
    assert set(KINDS) == {f.name for f in fields(Quirks) if f.name != "seed"}


def test_each_kind_says_what_it_perturbs():
    for kind in MISTAKES.values():
        assert kind.perturbs and set(kind.perturbs) <= {"intent", "observation", "reply"}, kind
        assert kind.about
    assert MISTAKES["wrong_party"].perturbs == ("intent",)
    assert MISTAKES["misread_price"].perturbs == ("observation",)


def test_old_names_are_read_as_todays():
    assert canonical("hallucinate_id") == "hallucinated_id"
    assert canonical("skip_verify") == "skipped_verification"
    assert canonical("wrong_date") == "wrong_date"
    assert planted("skip_verify") == "planted:skipped_verification"
    quirks = make_scripted(ModelSpec(name="scripted", options={"quirks": {"skip_verify": 1.0}})).quirks
    assert quirks.skipped_verification == 1.0 and quirks.fires("skip_verify", "any request")


def test_a_stored_run_with_old_quirk_names_still_gets_its_answer_key():
    stored = json.loads((TRACES / "noisy-scripted.json").read_text())
    runs = [RunResult.model_validate(r) for r in stored["runs"]]
    recorded = {q for r in runs for e in r.trace for q in getattr(e.data, "model_quirks", None) or []}
    assert "hallucinate_id" in recorded  # written before the kinds were one list
    planted = [m for r in runs for m in planted_mistakes(r)]
    assert planted and {m.kind for m in planted} <= set(MISTAKES)
    ids = [m for m in planted if m.kind == "hallucinated_id" and m.source == "quirk"]
    assert ids and all(m.fate in ("caught", "slipped") for m in ids)


def test_drill_recipes_name_registered_kinds():
    for recipe in worlds.get("travel").drill_recipes:
        for signal in (s for e in recipe.evidence for s in e.split("+")):
            if signal.startswith(("planted:", "slipped:")):
                assert signal.partition(":")[2] in MISTAKES, (recipe.kind, signal)
