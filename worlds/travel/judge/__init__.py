"""Judging travel runs and scenarios: the oracle, preference utility, scoring and the reference plan.

``solve`` finds every feasible itinerary of a scenario and the best by preference utility
(``preferences``); ``check`` turns that into validator findings; ``score`` scores a finished run from
its final state, and ``faithfulness`` checks what the agent told the traveller against the run; ``plan`` is the oracle's best itinerary as tool calls, for the privileged
``reference`` agent only.
"""

from worlds.travel.judge._oracle_check import check
from worlds.travel.judge.faithfulness import FaithfulnessResult, faithfulness
from worlds.travel.judge.oracle import OracleResult, solve
from worlds.travel.judge.reference_plan import plan
from worlds.travel.judge.scoring import score

__all__ = ["FaithfulnessResult", "OracleResult", "check", "faithfulness", "plan", "score", "solve"]
