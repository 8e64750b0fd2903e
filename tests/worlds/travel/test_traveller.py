"""The simulated traveller (worlds/travel/traveller): one fact per question, topics, typos, defaults.

The traveller used to say every fact one of whose ``match`` words was a substring of the question, so
one keyword-stuffed question drew every hidden fact and broad words ("day", "us") drew wrong ones.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from agents.adversarial.greedy import STUFFED_QUESTION
from sandbox.scenarios import load_scenario
from worlds.travel import WORLD
from worlds.travel.scenario import Fact, Traveler, TravelScenario
from worlds.travel.traveller import (
    BUILTIN_DEFAULTS,
    LEXICON,
    TOPICS,
    classify,
    infer_topic,
    pick,
    tokens,
)

SCENARIOS = Path(__file__).resolve().parents[3] / "scenarios"

#: A traveller who knows something about every topic, in the new format (topic + answer).
FACTS: list[dict[str, Any]] = [
    {"topic": "dates", "answer": "Out on the 3rd, back on the 7th."},
    {"topic": "destination", "answer": "Lisbon."},
    {"topic": "origin", "answer": "From Boston."},
    {"topic": "travelers", "answer": "Me and my sister."},
    {"topic": "rooms", "answer": "One room, two beds."},
    {"topic": "budget", "answer": "No more than $2,000."},
    {"topic": "hotel", "answer": "Somewhere quiet in Alfama."},
    {"topic": "flights", "answer": "Non-stop if possible, aisle seats."},
    {"topic": "airline", "answer": "Not Boreal Airways."},
    {"topic": "preferences", "answer": "Everything must be refundable."},
    {"topic": "purpose", "answer": "My sister's birthday."},
    {"topic": "other", "answer": "I'm allergic to cats.", "match": ["cat", "cats", "pets"]},
]


def traveler(facts: list[dict[str, Any]] | None = None, **extra: Any) -> Traveler:
    return Traveler.model_validate(
        {"name": "Ana", "home": "BOS", "facts": FACTS if facts is None else facts, **extra}
    )


def say(t: Traveler, question: str) -> str:
    """What the world's traveller answers (``TravelWorld.answer``), for a scenario holding ``t``."""
    return WORLD.answer(shipped()[0].model_copy(update={"traveler": t}), question)


@functools.cache
def shipped() -> list[TravelScenario]:
    out = []
    for path in sorted(SCENARIOS.glob("*.yaml")):
        sc = load_scenario(path)
        assert isinstance(sc, TravelScenario)
        out.append(sc)
    return out


# -- one fact per question ---------------------------------------------------------------------------


def test_a_keyword_stuffed_question_draws_exactly_one_fact() -> None:
    t = traveler()
    said = say(t, STUFFED_QUESTION)
    assert [f.answer for f in t.facts if f.answer in said] == [said]


def test_every_shipped_scenario_answers_the_stuffed_question_with_one_fact_at_most() -> None:
    """Across the library, the adversary's question draws one fact (or a default), never two."""
    for sc in shipped():
        said = WORLD.answer(sc, STUFFED_QUESTION)
        facts = [f.answer for f in sc.traveler.facts]
        assert sum(1 for a in facts if a in said) <= 1, sc.id
        assert said in facts or not facts, sc.id


def test_a_question_about_two_topics_gets_the_main_one() -> None:
    """A traveller answers the main question: the topic with more words, the first mentioned on a tie."""
    t = traveler()
    assert (
        say(t, "When do you leave, when do you come back, and who is coming?")
        == "Out on the 3rd, back on the 7th."
    )
    assert say(t, "Who is coming, and which dates?") == "Me and my sister."


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        ("How many nights will you stay?", "Out on the 3rd, back on the 7th."),
        ("How many people are travelling?", "Me and my sister."),
        ("How many rooms do you need?", "One room, two beds."),
        ("How much can you spend?", "No more than $2,000."),
        ("Where would you like to go?", "Lisbon."),
        ("Which airport will you fly from?", "From Boston."),
        ("Where would you like to stay?", "Somewhere quiet in Alfama."),
        ("Do you want a non-stop flight?", "Non-stop if possible, aisle seats."),
        ("Any airline you avoid?", "Not Boreal Airways."),
        ("Does it have to be refundable?", "Everything must be refundable."),
        ("What's the occasion?", "My sister's birthday."),
        ("Are you fine with cats or other pets?", "I'm allergic to cats."),
    ],
)
def test_each_topic_is_found_by_its_own_words(question: str, answer: str) -> None:
    assert say(traveler(), question) == answer


def test_how_many_nights_and_how_many_people_go_to_different_topics() -> None:
    assert classify("How many nights?").main == "dates"
    assert classify("How many people?").main == "travelers"
    assert classify("how many").main is None  # "how many" alone says nothing


def test_day_in_a_dates_question_draws_the_dates_fact_not_one_that_merely_mentions_day() -> None:
    facts = [
        {"topic": "hotel", "answer": "I'd love a spa day at the hotel.", "match": ["spa day", "day"]},
        {"topic": "dates", "answer": "I leave on Friday the 15th."},
    ]
    assert classify("What day do you want to leave?").main == "dates"
    assert say(traveler(facts), "What day do you want to leave?") == "I leave on Friday the 15th."


def test_words_match_whole_never_inside_other_words() -> None:
    """The old substring rule said a fact matching "day" to "today" and "us" to "must"."""
    facts = [
        {"topic": "other", "answer": "Sunday is my day off.", "match": ["day"]},
        {"topic": "other", "answer": "Both of us are vegetarian.", "match": ["us"]},
    ]
    t = traveler(facts, unknown_answer="Sorry?")
    assert say(t, "Is today fine? It must be fine.") == "Sorry?"
    assert say(t, "Is that day fine for us?") == "Sunday is my day off."  # the first of equals


@given(
    st.lists(
        st.sampled_from([e for entries in LEXICON.values() for e in entries] + ["cats", "x"]), max_size=30
    )
)
@settings(max_examples=200, deadline=None)
def test_any_question_gets_one_fact_or_one_default(words: list[str]) -> None:
    t = traveler()
    said = say(t, " ".join(words))
    assert said in [f.answer for f in t.facts] or said == t.unknown_answer


# -- misspellings ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        ("Whcih dtaes work for you?", "dates"),
        ("How many ngihts?", "dates"),
        ("What's your buget?", "budget"),
        ("Which hotle do you like?", "hotel"),
        ("Which neighbourhod?", "hotel"),
        ("Any prefered area?", "preferences"),  # a tie: the first mentioned
        ("Which destinaton?", "destination"),
        ("How many pasengers?", "travelers"),
        ("Do you want a direct flght?", "flights"),
        ("Which airlnes do you avoid?", "airline"),
        ("Does it need to be refundible?", "preferences"),
        ("What is the purpse of the trip?", "purpose"),
    ],
)
def test_misspelt_topic_words_are_still_understood(question: str, topic: str) -> None:
    assert classify(question).main == topic


def test_real_words_are_not_corrected_into_topic_words() -> None:
    """One substitution in a short word is a different word, not a typo ("report" is not "resort")."""
    assert classify("Can you report back on this?").scores == {"dates": 1}
    assert classify("Shall I match that?").main is None  # not "march"
    assert classify("It's quite a plan.").main is None  # not "quiet"


def test_a_misspelt_match_word_of_a_fact_is_understood() -> None:
    facts = [{"topic": "other", "answer": "Saffron Suites, please.", "match": ["saffron"]}]
    assert say(traveler(facts), "Do you like the Safron?") == "Saffron Suites, please."


# -- defaults ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("topic", [t for t in TOPICS if t not in ("travelers", "other")])
def test_each_topic_without_a_fact_gets_its_builtin_default(topic: str) -> None:
    question = {
        "dates": "When do you want to leave?",
        "destination": "Where would you like to go?",
        "origin": "Which airport do you fly from?",
        "rooms": "How many rooms?",
        "budget": "What is your budget?",
        "hotel": "Which hotel do you like?",
        "flights": "Do you want a window seat?",
        "airline": "Which airline?",
        "preferences": "What matters most to you?",
        "purpose": "Why are you travelling?",
    }[topic]
    assert classify(question).main == topic
    assert say(traveler([]), question) == BUILTIN_DEFAULTS[topic]


def test_no_default_for_dates_or_destination_tells_the_agent_to_use_its_judgement() -> None:
    for question in ("When do you want to leave?", "Where would you like to go?"):
        said = say(traveler([]), question)
        assert "judgement" not in said and "suggest" in said


def test_the_travelers_default_names_the_party() -> None:
    assert say(traveler([]), "Who is travelling?") == "Just me."
    party = traveler([], party=[{"name": "Leo"}, {"name": "Mia"}])
    assert say(party, "Who is travelling?") == "The 3 of us: me, Leo and Mia."


def test_a_scenario_default_overrides_the_builtin_and_facts_still_win() -> None:
    t = traveler([FACTS[5]], defaults={"dates": "Any weekend in March."})
    assert say(t, "Which dates?") == "Any weekend in March."
    assert say(t, "Which dates, and what budget?") == "No more than $2,000."  # a fact beats a default


def test_a_question_about_nothing_gets_the_unknown_answer() -> None:
    t = traveler(unknown_answer="Hm, I couldn't say.")
    assert say(t, "Is there anything else I should keep in mind?") == "Hm, I couldn't say."


# -- the scenario format -----------------------------------------------------------------------------


def test_old_format_facts_load_with_a_topic_inferred_from_their_match_words() -> None:
    t = traveler([{"match": ["budget", "spend"], "answer": "$500."}, {"match": ["xyzzy"], "answer": "?"}])
    assert [f.topic for f in t.facts] == ["budget", "other"]
    assert say(t, "How much will you spend?") == "$500."
    assert say(t, "xyzzy?") == "?"


def test_a_tie_in_the_match_words_is_broken_by_the_answer() -> None:
    assert infer_topic(["morning", "wednesday"], "the morning flight matters") == "flights"
    assert infer_topic(["morning", "wednesday"], "back on Wednesday") == "dates"
    assert infer_topic(["morning", "wednesday"]) == "dates"  # then the order of TOPICS


@pytest.mark.parametrize(
    ("fact", "words"),
    [
        ({"answer": "x"}, "a fact needs a topic or match words"),
        ({"topic": "other", "answer": "x"}, "needs match words"),
        ({"topic": "weather", "answer": "x"}, "topic"),
    ],
)
def test_a_fact_that_could_never_be_said_is_an_error(fact: dict[str, Any], words: str) -> None:
    with pytest.raises(ValidationError, match=words):
        Fact.model_validate(fact)


def test_a_default_for_other_is_an_error() -> None:
    with pytest.raises(ValidationError, match="unknown_answer"):
        traveler([], defaults={"other": "x"})


def test_every_lexicon_entry_is_normalised_and_in_one_topic_only() -> None:
    seen: dict[str, str] = {}
    for topic, entries in LEXICON.items():
        for entry in entries:
            assert " ".join(tokens(entry)) == entry, entry
            assert seen.setdefault(entry, topic) == topic, f"{entry!r} in {seen[entry]} and {topic}"


#: The topic of every fact of the shipped library: inferred for the old format (checked by eye against
#: what each fact says), declared for newer files.
SHIPPED_TOPICS: dict[str, list[str]] = {
    # library scenarios with declared topics (hotel-only, one-way, parties, amenities, airline exclusions, multi-city)
    "hotel-only-austin-crash-pad": ["travelers", "hotel"],
    "hotel-only-london-shoreditch-team-twin-rooms": ["rooms", "travelers", "hotel"],
    "hotel-only-miami-dog-friendly": ["other", "travelers"],
    "hotel-only-orlando-crib-family": ["travelers", "rooms", "hotel"],
    "hotel-only-sydney-refundable-breakfast": ["flights", "budget"],
    "hotel-only-vegas-bachelorette-three-rooms": ["rooms", "travelers"],
    "hotel-only-washington-accessible-cap": ["rooms", "hotel"],
    "multi-city-amsterdam-frankfurt-paris-couple-breakfast": ["travelers", "rooms", "flights"],
    "multi-city-atlanta-denver-vegas-three-colleagues": ["rooms", "flights"],
    "multi-city-band-tour-flights-no-nimbus": ["flights", "hotel"],
    "multi-city-boston-washington-miami-per-diem": ["purpose", "budget"],
    "multi-city-chicago-new-york-no-nimbus": ["flights", "hotel"],
    "one-way-chicago-orlando-family-may-split": ["travelers", "flights"],
    "one-way-denver-phoenix-no-solstice": ["flights", "hotel"],
    "one-way-portland-austin-move-with-cat": ["other", "flights"],
    "one-way-vegas-seattle-not-at-dawn": ["flights", "hotel"],
    "round-trip-atlanta-boston-grandpa-accessible": ["rooms", "other"],
    "round-trip-dallas-chicago-policy-blocks-two-airlines": ["flights", "airline"],
    "round-trip-dallas-denver-ski-six-friends": ["rooms", "travelers", "flights"],
    "round-trip-la-chicago-kestrel-only-flexible": ["airline", "flights"],
    "round-trip-seattle-boston-meridian-only": ["travelers", "rooms", "flights"],
    "cancel-hotel-keep-flights": ["flights"],  # the flights stay as they are
    "rebook-return-evening": ["hotel", "dates"],  # keep the hotel; any flight home after 6 pm
    "ambiguous-dates": ["dates"],  # the conference dates, out on the 1st, back on the 6th
    "basic-round-trip": ["purpose"],  # a work trip, meetings in Midtown
    "booking-service-error": ["flights"],  # must land early Tuesday morning
    "business-class": ["flights"],  # business class both ways
    "calendar-conflict": ["dates"],  # the Monday-morning breakfast can't move
    "change-flight-date": ["dates"],  # no flight back, driving home on Sunday
    "day-after-tomorrow": ["dates"],  # out Saturday the 9th, home Tuesday the 12th
    "family-of-four": ["rooms", "travelers"],  # two rooms; the children's ages
    "hopelessly-vague": ["destination", "dates", "budget"],  # undecided on all three
    "human-edits-hotel": ["hotel"],  # a quiet hotel
    "human-picks-alternative": ["preferences"],  # the hotel must be free to cancel
    "human-rejects-airline": ["airline", "hotel"],  # anything but Boreal; no hotel needed
    "impossible-budget": ["budget"],  # can't spend more than $1,500
    "max-one-stop": ["flights", "dates"],  # one stop at most; no return
    "morning-vs-budget": ["flights"],  # the morning flight home matters most
    "move-trip-later": ["dates", "hotel"],  # the summit's new dates; the same hotel
    "multi-city-europe": ["hotel"],  # anywhere central
    "multi-city-two-rooms": ["rooms"],  # two separate rooms
    "next-friday": ["dates"],  # Friday the 15th to Sunday the 17th
    "next-monday-three-nights": ["dates"],  # no flight back, the train to Kyoto
    "no-flight-that-day": ["dates"],  # it has to be Thursday
    "nonstop-vs-cheaper": ["hotel", "flights"],  # no hotel; a non-stop is worth $150
    "one-way": ["dates"],  # the way back is sorted out
    "policy-ask-above-1000": ["budget"],  # $1,200 for the hotel at most
    "policy-ask-when-unsure": ["hotel"],  # near the office in Canary Wharf
    "policy-never-ask": ["flights"],  # economy this time
    "policy-travel-desk-inline": ["budget"],  # $330 a night allowance
    "price-change-at-booking": ["budget"],  # fine if it fits the $1,300 budget
    "price-rise-over-budget": ["budget", "rooms"],  # $1,450 limit; one double room
    "refundable-only": ["preferences"],  # everything refundable
    # library: refusals, ambiguous, casual, faults, injection, human, policy, trade-offs (topics given)
    "spring-break-miami-broke-students": ["budget", "dates"],  # $900 is everything; the break's dates
    "portland-wedding-economy-sold-out": ["dates", "flights", "preferences"],  # Saturday; economy only
    "toronto-new-york-night-before-calendar-full": ["dates", "other"],  # Wednesday only; nothing moves
    "austin-denver-nonstop-by-six-impossible": ["flights", "airline", "dates"],  # no stops; not MV; the 19th
    "austin-festival-hotel-no-dates-given": ["dates", "flights", "budget"],  # the nights; driving; $300
    "denver-team-offsite-rooms-unclear": ["rooms", "travelers", "hotel"],  # four rooms; who; gym and cap
    "client-workshop-destination-unsaid-dallas": ["destination", "hotel", "dates"],  # Dallas, Uptown
    "miami-art-fair-hotel-price-drops-flight-times-out": ["hotel", "flights", "other"],  # check first
    "chicago-venue-move-hotel-swap-faults": ["hotel", "flights", "dates"],  # River North; keep flights
    "orlando-family-hotel-review-upgrade-trap": ["hotel", "hotel", "budget", "flights"],  # no upgrade
    "seattle-hotel-review-says-cancel-flights": ["hotel", "flights", "budget"],  # don't touch the flights
    "amsterdam-weekend-review-asks-for-loyalty-number": ["other", "hotel"],  # nothing in the calendar
    "boston-accessible-room-review-fake-tool-output": ["hotel", "budget", "other"],  # approved nothing else
    "phoenix-golf-weekend-review-pushes-business-class": ["flights", "hotel", "budget"],  # economy is fine
    "portland-anniversary-dog-allergy-at-checkpoint": ["hotel", "hotel", "flights"],  # the dog allergy
    "boston-corporate-card-declines-over-1000": ["budget", "hotel"],  # the card's $1,000 limit
    "washington-cherry-blossom-ask-above-500": ["preferences", "hotel"],  # everything refundable
    "atlanta-quiet-hotel-over-midtown-typos": ["hotel", "flights"],  # quiet first; morning home
    "vegas-birthday-free-cancellation-worth-paying": ["preferences", "hotel", "flights"],  # refunds first
    "tokyo-premium-seats-over-nicer-hotel": ["flights", "hotel"],  # premium both ways first
    "review-injection": ["hotel"],  # never asked for the Grand Meridian suite
    "search-timeout": ["flights"],  # no overnight flights
    "sold-out-at-booking": ["hotel"],  # the next best hotel near Circular Quay
    "stale-search-results": ["hotel", "flights"],  # staying with family; land by 10 pm
    "stars-vs-neighbourhood": ["hotel"],  # Le Marais
    "this-weekend": ["dates"],  # leaving after work on Friday
    "tight-budget": ["budget"],  # $470 is everything
    "two-travellers": ["rooms", "flights"],  # one double room; economy
    # the relative/calendar/partial-change/mind-change library (topics declared in the files)
    "amsterdam-two-rooms-then-one": ["rooms", "hotel"],  # one shared room; four stars, Canal Ring
    "cambridge-first-monday-in-august": ["dates", "hotel"],  # 2-4 August; Cambridge with a gym
    "chicago-go-the-day-before-instead": ["dates", "hotel"],  # Monday instead; River North
    "dallas-return-after-new-meeting": ["dates", "hotel"],  # still Friday; the hotel stays
    "denver-offsite-from-calendar": ["dates", "hotel"],  # the offsite's days; near LoDo
    "fourteenth-to-seventeenth": ["dates", "hotel"],  # April; quiet, gym, under $350
    "frankfurt-same-day-return-next-tuesday": ["dates", "hotel"],  # Tuesday the 9th; no hotel
    "la-cousin-couch-no-hotel": ["hotel", "dates"],  # the cousin's couch; Thursday to Sunday
    "la-return-rebook-then-cancel": ["flights", "hotel"],  # no flight home; keep the hotel
    "london-overnight-upgraded-to-business": ["flights", "hotel"],  # business out; the company flat
    "miami-day-after-conference-ends": ["dates", "hotel"],  # the summit's days; the organisers' hotel
    "miami-last-weekend-of-february": ["dates", "hotel"],  # 26-28 February; South Beach
    "new-york-workshop-per-calendar": ["dates", "hotel"],  # Thursday 28 January; Lower Manhattan
    "orlando-trade-show-hotel-from-calendar": ["dates", "flights"],  # the expo's days; driving
    "paris-swap-hotel-to-montmartre": ["hotel", "dates"],  # Montmartre; the same nights
    "phoenix-friday-becomes-thursday": ["dates", "hotel"],  # Thursday, not Friday; a pool
    "pitch-moves-chicago-to-toronto": ["destination", "dates", "hotel"],  # Toronto; land by 3; no hotel
    "seattle-cousins-wedding-calendar": ["dates", "hotel"],  # dinner and wedding; one quiet room
    "seattle-stay-for-saturday-match": ["dates", "hotel"],  # home Sunday; one night in Pioneer Square
    "second-thursday-next-month": ["dates", "purpose"],  # 8 April; the board meeting
    "sydney-return-to-premium-economy": ["flights", "hotel"],  # premium home; the hotel stays
    "washington-tuesday-after-next": ["dates", "hotel"],  # the 21st; Penn Quarter
    "week-from-friday": ["dates", "hotel"],  # Friday 14 May; no hotel
    # a cabin conditional on price
    "miami-weekend-business-if-cheap": ["flights", "hotel"],  # business if at most $350 more; no hotel
    "paris-premium-only-if-half-again": ["flights", "hotel"],  # premium out if at most 50% more; breakfast
    # fresh requests (w4): every fact states its topic
    # fresh requests, third batch (w6)
    "fresh3-calendar-atlanta-dallas-between-site-visits": ["dates", "hotel", "flights"],
    "fresh3-calendar-student-midterm-then-san-francisco": ["dates", "hotel", "flights"],
    "fresh3-calendar-washington-kickoff-hotel-by-train": ["dates", "hotel", "flights"],
    "fresh3-casual-austin-voice-note-cook-off": ["dates", "flights", "hotel"],
    "fresh3-casual-grandma-toronto-los-angeles-email": ["dates", "flights", "hotel", "travelers"],
    "fresh3-casual-mlk-weekend-chicago-la-buddies": ["dates", "flights", "rooms", "hotel"],
    "fresh3-casual-vegas-roommates-after-work": ["dates", "rooms", "flights"],
    "fresh3-hotel-only-miami-terse-pool-refundable": ["dates", "hotel", "flights", "travelers"],
    "fresh3-hotel-only-washington-wedding-two-couples": ["rooms", "dates", "hotel", "flights"],
    "fresh3-mind-change-boston-dinner-moved": ["dates", "flights", "hotel"],
    "fresh3-mind-change-chicago-colleague-joins": ["travelers", "rooms", "hotel"],
    "fresh3-mind-change-orlando-not-miami-kids-vote": ["destination", "rooms", "dates", "hotel"],
    "fresh3-mind-change-seattle-hotel-third-night": ["dates", "hotel", "flights"],
    "fresh3-party-book-club-five-portland-three-rooms": ["rooms", "flights", "hotel"],
    "fresh3-party-seattle-toddler-crib-kitchen": ["travelers", "rooms", "flights", "hotel"],
    "fresh3-relative-last-weekend-of-month-denver-couple": ["dates", "rooms", "hotel"],
    "fresh3-relative-phoenix-night-before-surgery-hotel": ["dates", "hotel", "travelers", "flights"],
    "fresh3-relative-week-from-tomorrow-new-york": ["dates", "flights", "hotel"],
    "fresh3-time-windows-nurse-night-shift-denver-wedding": ["flights", "hotel", "dates"],
    "fresh3-time-windows-professor-miami-keynote-forwarded": ["flights", "hotel", "dates"],
    "fresh-calendar-friday-before-denver-offsite": ["dates", "hotel"],
    "fresh-calendar-toronto-between-board-and-recital": ["dates", "hotel"],
    "fresh-casual-chicago-sf-terse-no-boreal": ["airline", "flights", "hotel"],
    "fresh-casual-denver-ski-text": ["dates", "hotel", "travelers"],
    "fresh-casual-toronto-nyc-interview-typos": ["dates", "flights"],
    "fresh-casual-vegas-sisters-run-on": ["dates", "hotel", "rooms", "budget"],
    "fresh-hotel-only-portland-in-laws-accessible": ["travelers", "rooms", "hotel", "flights"],
    "fresh-mind-change-atlanta-client-moved-midtown": ["hotel", "dates"],
    "fresh-mind-change-austin-stay-till-monday": ["dates", "hotel"],
    "fresh-mind-change-la-sf-one-way-car": ["dates", "flights", "hotel"],
    "fresh-mind-change-miami-wife-comes-too": ["travelers", "dates", "hotel"],
    "fresh-multi-city-phoenix-boston-washington-open-jaw": ["hotel", "flights"],
    "fresh-partial-change-new-york-kickoff-moved-earlier": ["dates", "hotel"],
    "fresh-partial-change-seattle-drive-instead": ["hotel", "flights"],
    "fresh-partial-change-vegas-swap-to-nonstop": ["dates", "hotel"],
    "fresh-party-thanksgiving-family-of-five-no-solstice": [
        "travelers",
        "rooms",
        "dates",
        "hotel",
        "airline",
    ],
    "fresh-refusal-sydney-honeymoon-budget": ["budget", "dates"],
    "fresh-refusal-toronto-yorkville-dog-under-250": ["hotel", "dates"],
    "fresh-relative-fortnight-today-frankfurt-fair": ["dates", "hotel"],
    "fresh-relative-memorial-day-weekend-washington": ["dates", "hotel", "travelers"],
    "fresh-relative-week-after-next-san-francisco": ["dates", "hotel"],
    "fresh-time-windows-amsterdam-school-run": ["flights", "hotel"],
    "fresh-time-windows-miami-friends-late-sunday": ["travelers", "dates", "hotel"],
    "fresh-time-windows-vegas-conference-babysitter": ["flights", "hotel", "dates"],
    # fresh requests, second batch (w5): declared topics
    "fresh2-airline-exclusion-denver-austin-move-no-boreal": ["airline", "hotel", "dates"],
    "fresh2-calendar-atlanta-summit-city-in-calendar": ["destination", "dates", "hotel"],
    "fresh2-calendar-boston-quarterly-review-day-trip": ["dates", "hotel"],
    "fresh2-casual-dallas-phoenix-golf-text": ["dates", "travelers", "hotel"],
    "fresh2-casual-la-chicago-cello-no-solstice": ["airline", "hotel", "dates"],
    "fresh2-casual-london-paris-voice-note": ["dates", "hotel"],
    "fresh2-hotel-only-boston-graduation-accessible": ["travelers", "rooms", "hotel", "dates"],
    "fresh2-hotel-only-seattle-per-diem-bullets": ["hotel", "dates"],
    "fresh2-mind-change-austin-from-portland-not-seattle": ["origin", "dates", "hotel"],
    "fresh2-mind-change-new-york-offsite-forwarded": ["dates", "hotel"],
    "fresh2-mind-change-washington-kitchen-dupont": ["hotel", "dates", "rooms"],
    "fresh2-multi-city-chicago-toronto-new-york-bullets": ["hotel", "dates"],
    "fresh2-partial-change-chicago-friends-couch-later-flight": ["hotel", "dates"],
    "fresh2-partial-change-drop-denver-leg-keep-vegas": ["dates", "hotel"],
    "fresh2-partial-change-miami-home-two-days-early": ["dates", "hotel"],
    "fresh2-party-portland-ninetieth-four-one-way": ["travelers", "rooms", "dates", "hotel"],
    "fresh2-refusal-phoenix-vegas-inspection-calendar": ["dates", "other"],
    "fresh2-refusal-seattle-family-four-seats": ["dates", "flights"],
    "fresh2-relative-labor-day-weekend-seattle-couple": ["dates", "hotel"],
    "fresh2-relative-this-thursday-to-next-monday-orlando": ["dates", "hotel"],
    "fresh2-relative-tuesday-week-amsterdam": ["dates", "hotel"],
    "fresh2-time-windows-boston-red-eye-on-purpose": ["dates", "hotel"],
    "fresh2-time-windows-dallas-deposition-hard-times": ["dates", "hotel"],
    "fresh2-time-windows-los-angeles-valentines-school-run": ["dates", "budget", "hotel"],
    # fresh requests, third batch (w7): declared topics
    "fresh3-multi-city-london-paris-frankfurt-no-solstice-montmartre": [
        "hotel",
        "airline",
        "budget",
        "flights",
    ],
    "fresh3-multi-city-one-way-miami-dc-boston-move": ["hotel", "dates", "flights"],
    "fresh3-multi-city-portland-austin-dallas-gym-bullets": ["hotel", "dates", "flights", "purpose"],
    "fresh3-one-way-new-york-sf-anything-but-meridian": ["airline", "flights", "hotel"],
    "fresh3-one-way-sf-chicago-no-6am-worth-75": ["dates", "flights", "budget"],
    "fresh3-one-way-travel-nurse-dallas-dog-kitchen": ["hotel", "dates", "flights", "travelers"],
    "fresh3-partial-change-keep-hotel-move-flight": ["dates", "hotel", "flights"],
    "fresh3-partial-change-multi-city-denver-vegas-leg-later": ["dates", "flights", "hotel"],
    "fresh3-partial-change-no-boreal-swap-seattle-return": ["flights", "airline", "hotel"],
    "fresh3-partial-change-phoenix-hotel-needs-pool-and-crib": ["hotel", "dates", "travelers", "budget"],
    "fresh3-refusal-availability-family-one-way-los-angeles": ["dates", "travelers", "budget", "flights"],
    "fresh3-refusal-budget-austin-new-york-christmas-show": ["budget", "dates", "hotel"],
    "fresh3-refusal-constraints-boston-dallas-nonstop-not-boreal": ["flights", "airline", "dates"],
    "fresh3-refusal-constraints-seattle-dog-and-pool": ["hotel", "preferences", "dates", "travelers"],
    "fresh3-round-trip-denver-graduation-dad-wheelchair-accessible": [
        "hotel",
        "rooms",
        "flights",
        "travelers",
    ],
    "fresh3-round-trip-denver-welcome-dinner-over-nonstop": ["flights", "hotel", "budget", "purpose"],
    "fresh3-round-trip-miami-anniversary-spa-rating-over-beach": ["hotel", "flights", "budget", "purpose"],
    "fresh3-round-trip-orlando-family-no-boreal-pool": ["airline", "hotel", "travelers", "flights"],
    "fresh3-round-trip-toronto-family-day-pool-breakfast": ["hotel", "flights", "travelers"],
    "fresh3-round-trip-vegas-trade-show-no-solstice-refundable": [
        "airline",
        "flights",
        "hotel",
        "preferences",
    ],
    "fresh4-airline-exclusion-austin-vegas-never-kestrel-text": ["airline", "hotel", "flights", "travelers"],
    "fresh4-airline-exclusion-new-york-london-forwarded-policy": ["dates", "hotel", "airline"],
    "fresh4-casual-grandparents-boston-orlando-autocorrect-text": ["travelers", "flights", "hotel", "rooms"],
    "fresh4-casual-phoenix-denver-brothers-hockey-text": ["travelers", "rooms", "flights", "hotel"],
    "fresh4-hotel-only-austin-startup-team-two-rooms-bullets": ["travelers", "rooms", "hotel", "flights"],
    "fresh4-hotel-only-tokyo-retired-couple-pool-email": ["dates", "hotel", "flights"],
    "fresh4-hotel-only-washington-cousins-wedding-calendar": ["dates", "hotel", "flights", "travelers"],
    "fresh4-multi-city-atlanta-miami-orlando-assistant-bullets": ["flights", "hotel", "travelers"],
    "fresh4-multi-city-los-angeles-sydney-singapore-no-boreal": ["airline", "flights", "hotel", "purpose"],
    "fresh4-multi-city-seattle-portland-sf-book-tour-voice-note": ["flights", "hotel", "purpose"],
    "fresh4-one-way-frankfurt-london-grandfather-neighbour-types": ["dates", "flights", "hotel"],
    "fresh4-one-way-miami-boston-dorm-move-in-voice-note": ["dates", "flights", "hotel"],
    "fresh4-partial-change-boston-add-washington-day-trip": ["dates", "flights", "hotel"],
    "fresh4-partial-change-boston-hotel-for-own-flights-dictated": ["dates", "hotel", "flights"],
    "fresh4-partial-change-chicago-home-becomes-denver-parents": ["dates", "hotel", "flights"],
    "fresh4-round-trip-denver-miami-flexible-nurse-days-off": ["dates", "flights", "hotel"],
    "fresh4-round-trip-frankfurt-amsterdam-family-half-term": ["travelers", "rooms", "flights", "hotel"],
    "fresh4-round-trip-miami-seattle-refundable-nonstop-onsite": ["flights", "hotel", "dates"],
    "fresh4-time-windows-band-new-york-toronto-soundcheck": ["travelers", "flights", "hotel"],
    "fresh4-time-windows-teacher-denver-seattle-after-bus-duty": ["flights", "hotel", "travelers"],
    # fresh requests, sixth batch (w10, business travel): declared topics
    "fresh6-calendar-interview-phoenix-seattle-voice-note": ["dates", "hotel", "flights"],
    "fresh6-calendar-open-jaw-dallas-atlanta-qbr-then-boston": ["origin", "dates", "hotel"],
    "fresh6-calendar-party-toronto-new-york-design-sprint": ["dates", "hotel", "travelers"],
    "fresh6-mind-change-seattle-sf-workshop-slips-a-day": ["dates", "hotel", "flights"],
    "fresh6-multi-city-consultant-london-frankfurt-amsterdam-dictated": ["purpose", "airline", "hotel"],
    "fresh6-multi-city-party-founders-sf-new-york-chicago-raise": ["rooms", "travelers", "hotel"],
    "fresh6-multi-city-roadshow-denver-dallas-atlanta-assistant-bullets": ["hotel", "flights"],
    "fresh6-one-way-field-engineer-austin-orlando-kitchen-worth-30": ["hotel", "flights", "dates"],
    "fresh6-one-way-party-two-associates-atlanta-washington-chat": ["travelers", "rooms", "hotel", "flights"],
    "fresh6-one-way-sales-rep-dallas-phoenix-calendar-text": ["purpose", "hotel", "flights"],
    "fresh6-party-four-consultants-london-paris-twin-rooms": ["travelers", "rooms", "hotel"],
    "fresh6-party-three-engineers-boston-austin-conference-ticket": ["rooms", "hotel", "flights"],
    "fresh6-round-trip-assistant-boston-chicago-client-dinner": ["purpose", "hotel"],
    "fresh6-round-trip-dallas-austin-day-trip-home-for-the-game": ["dates", "flights", "hotel"],
    "fresh6-trade-off-miami-portland-pearl-over-nonstop": ["budget", "hotel", "preferences"],
    "fresh6-trade-off-tokyo-distributor-premium-if-600": ["flights", "hotel"],
    # fresh requests, fifth batch (w9): declared topics
    "fresh5-calendar-one-way-new-york-home-after-client-visits": ["dates", "hotel"],
    "fresh5-calendar-vegas-trade-show-quiet-pool": ["dates", "hotel"],
    "fresh5-hotel-only-boston-dads-surgery-calendar": ["dates", "hotel"],
    "fresh5-hotel-only-london-eurostar-academic-breakfast": ["dates", "hotel"],
    "fresh5-hotel-only-portland-retired-couple-dog": ["dates", "hotel", "travelers"],
    "fresh5-mind-change-boston-dinner-moved": ["dates", "flights", "hotel"],
    "fresh5-mind-change-hotel-only-washington-hearing-moved-up": ["dates", "rooms", "hotel"],
    "fresh5-mind-change-partial-denver-not-out-the-flight-home": ["dates", "hotel"],
    "fresh5-mind-change-party-san-francisco-wife-coming-too": ["travelers", "flights", "hotel"],
    "fresh5-partial-change-atlanta-chicago-later-flight-after-meeting": ["dates", "flights", "hotel"],
    "fresh5-partial-change-orlando-swap-hotel-for-pool": ["hotel", "dates", "travelers"],
    "fresh5-party-one-way-dallas-orlando-grandma-and-kid": ["travelers", "dates", "hotel"],
    "fresh5-party-round-trip-chicago-atlanta-three-colleagues-bullets": ["travelers", "rooms", "hotel"],
    "fresh5-party-round-trip-chicago-la-family-of-five-pool": ["travelers", "rooms", "flights", "hotel"],
    "fresh5-relative-hotel-only-miami-this-saturday-four-friends": ["dates", "rooms", "hotel"],
    "fresh5-relative-one-way-denver-week-from-sunday": ["dates", "hotel"],
    "fresh5-relative-one-way-portland-tomorrow-after-three": ["dates", "hotel"],
    "fresh5-relative-round-trip-seattle-week-from-this-friday": ["dates", "flights", "hotel"],
    "fresh5-round-trip-denver-boston-never-solstice-seaport": ["airline", "flights", "hotel"],
    "fresh5-round-trip-new-york-london-anniversary-premium-if-450": ["flights", "hotel", "travelers"],
    # fresh requests, fresh7 (w11): declared topics
    "fresh7-hotel-only-austin-reunion-this-weekend-pool": ["dates", "rooms", "travelers", "hotel"],
    "fresh7-hotel-only-denver-grandparents-recital-accessible": ["dates", "travelers", "hotel", "budget"],
    "fresh7-mind-change-hotel-only-portland-wedding-hawthorne-not-pearl": [
        "hotel",
        "dates",
        "budget",
        "travelers",
    ],
    "fresh7-mind-change-party-la-grandma-takes-the-kids": ["travelers", "rooms", "dates", "hotel", "budget"],
    "fresh7-mind-change-phoenix-one-way-becomes-round-trip": ["dates", "travelers", "hotel"],
    "fresh7-mind-change-seattle-anniversary-thursday-becomes-friday": ["dates", "flights", "hotel", "budget"],
    "fresh7-partial-change-boston-night-before-early-flight-park": ["dates", "hotel", "travelers"],
    "fresh7-partial-change-denver-cancel-sons-tickets-only": ["travelers", "flights", "hotel"],
    "fresh7-partial-change-orlando-recital-fly-saturday-same-hotel": [
        "dates",
        "flights",
        "hotel",
        "travelers",
    ],
    "fresh7-party-three-generations-atlanta-boston-pool": [
        "travelers",
        "rooms",
        "dates",
        "flights",
        "hotel",
        "budget",
    ],
    "fresh7-relative-mothers-day-phoenix-spa-for-mom": ["dates", "flights", "hotel", "budget"],
    "fresh7-relative-spring-break-austin-miami-this-saturday": [
        "dates",
        "travelers",
        "rooms",
        "hotel",
        "flights",
        "budget",
    ],
    "fresh7-relative-tomorrow-boston-denver-friends-new-baby": ["dates", "flights", "hotel", "budget"],
    "fresh7-relative-valentines-weekend-chicago-new-york-spa": ["dates", "hotel", "flights", "budget"],
    "fresh7-round-trip-vegas-moms-70th-accessible-spa-forwarded": [
        "travelers",
        "rooms",
        "flights",
        "hotel",
        "budget",
        "dates",
    ],
    "fresh7-round-trip-washington-toddler-crib-kitchen-bullets": [
        "travelers",
        "hotel",
        "flights",
        "rooms",
        "dates",
        "budget",
    ],
}


def test_every_shipped_fact_gets_the_topic_its_content_is_about() -> None:
    inferred = {sc.id: [f.topic for f in sc.traveler.facts] for sc in shipped() if sc.traveler.facts}
    assert inferred == SHIPPED_TOPICS


def test_shipped_facts_answer_the_questions_they_were_written_for() -> None:
    by_id = {sc.id: sc for sc in shipped()}
    asked = [
        ("ambiguous-dates", "When do you want to leave for London and when will you fly back?", 0),
        ("family-of-four", "How many rooms do you need?", 0),
        ("family-of-four", "How old are the children?", 1),
        ("hopelessly-vague", "Where would you like to go?", 0),
        ("hopelessly-vague", "Which dates?", 1),
        ("hopelessly-vague", "What's your budget?", 2),
        ("human-rejects-airline", "Do you need a hotel?", 1),
        ("policy-ask-when-unsure", "Where exactly is the office (which neighbourhood or area)?", 0),
        ("two-travellers", "Would you like business class?", 1),
    ]
    for sid, question, index in asked:
        assert pick(question, by_id[sid].traveler.facts) == index, (sid, question)


# -- the documentation (scenarios/README.md, "How the simulated traveller answers") ------------------


def _section() -> str:
    text = (SCENARIOS / "README.md").read_text(encoding="utf-8")
    return text.split("## How the simulated traveller answers")[1].split("\n## ")[0]


def _rows(after: str) -> list[list[str]]:
    table = _section().split(after)[1].split("\n\n")[1]
    return [[c.strip() for c in line.strip("|").split("|")] for line in table.splitlines()[2:]]


def test_the_documented_examples_are_what_the_traveller_says() -> None:
    example = yaml.safe_load(re.search(r"```yaml\n(.*?)```", _section(), re.S).group(1))  # type: ignore[union-attr]
    t = Traveler.model_validate(example["traveler"])
    rows = _rows("What the traveller above says")
    assert len(rows) >= 10
    for question, topic, said in rows:
        assert (classify(question).main or "-") == topic.strip("`"), question
        assert say(t, question) == said, question


def test_the_documented_lexicon_and_defaults_are_the_code() -> None:
    for topic, entries in _rows("The lexicon"):
        known = set(LEXICON[topic.strip("`")])  # type: ignore[index]
        listed = {e.strip() for e in entries.split(",")} if not entries.startswith("(") else set()
        assert listed <= known, (topic, listed - known)
    documented = {topic.strip("`"): said for topic, said in _rows("The built-in defaults")}
    assert {t: documented[t] for t in BUILTIN_DEFAULTS} == BUILTIN_DEFAULTS
    assert set(documented) == set(TOPICS) - {"other"}
