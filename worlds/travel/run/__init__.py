"""One run of the travel world: its state, the env its tools run in, the tools, rules and faults.

``new_env(scenario, view)`` starts a run (``TravelEnv``: the catalog view, the run's ``TravelState``,
its faults and the travel ``TOOLS``). The gateway asks about a call through ``check_call`` (the
domain rules), ``quote_cents`` (what it would cost), ``describe_call`` (in plain words) and
``card_for`` (a checkpoint card: a headline, facts, cancellation terms). The
interaction tools (``INTERACTION_TOOLS``: ``ask_user``, ``propose_itinerary``) are answered by the harness.
"""

from worlds.travel.run.card import card_for
from worlds.travel.run.describe import describe_call
from worlds.travel.run.env import TravelEnv
from worlds.travel.run.interaction import INTERACTION_TOOLS
from worlds.travel.run.quote import quote_cents
from worlds.travel.run.rules import check_call
from worlds.travel.run.state import Booking, TravelState
from worlds.travel.run.tools import TOOLS, new_env

__all__ = [
    "INTERACTION_TOOLS",
    "TOOLS",
    "Booking",
    "TravelEnv",
    "TravelState",
    "card_for",
    "check_call",
    "describe_call",
    "new_env",
    "quote_cents",
]
