"""One run of the travel world: its state, the env its tools run in, the tools, rules and faults.

``new_env(scenario, view)`` starts a run (``TravelEnv``: the catalog view, the run's ``TravelState``,
its faults and the travel ``TOOLS``). The gateway asks about a call through ``check_call`` (the
domain rules), ``quote_cents`` (what it would cost), ``describe_call`` (in plain words) and
``card_for`` (a checkpoint card: a headline, facts, cancellation terms);
``describe_state`` says what a run left booked, in plain words. The interaction tools
(``INTERACTION_TOOLS``: ``ask_user``, ``propose_itinerary``) are answered by the harness.
The oracle shares ``nights_problems`` (hotel nights against flights) and ``cancel_outcome`` (what a
cancellation gives back) with the run, so it plans exactly what the run allows.
"""

from worlds.travel.run._booking import cancel_outcome
from worlds.travel.run.card import card_for
from worlds.travel.run.describe import describe_call
from worlds.travel.run.env import TravelEnv
from worlds.travel.run.interaction import INTERACTION_TOOLS
from worlds.travel.run.outcome import describe_state
from worlds.travel.run.quote import quote_cents
from worlds.travel.run.rules import check_call, nights_problems
from worlds.travel.run.state import Booking, TravelState
from worlds.travel.run.tools import TOOLS, new_env

__all__ = [
    "INTERACTION_TOOLS",
    "TOOLS",
    "Booking",
    "TravelEnv",
    "TravelState",
    "cancel_outcome",
    "card_for",
    "check_call",
    "describe_call",
    "describe_state",
    "new_env",
    "nights_problems",
    "quote_cents",
]
