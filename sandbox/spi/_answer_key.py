"""What a world says about planted mistakes and drills (the eval-practice answer key).

A model may plant mistakes in its replies on purpose (the ``noisy`` model records each as an
``InjectedMistake`` on the reply, and its inner model's own ``model_quirks``). Whether a check could
catch one depends on the world, so the world says which of its checks can catch each kind
(``World.mistake_checks``); ``sandbox.scoring.planted`` then gives every planted mistake its fate.

``World.drill_recipes`` says how to make runs with a known defect for ``travel-sandbox drill``: an
agent and model that plant it and the *signals* that show, after the run, that it took effect.
Signals are generic names over a finished run (``sandbox.scoring.run_signals``):

- ``ID`` — a check with stable id ``ID`` failed (``stay.rooms``, ``minefield``);
- ``correctness``, ``budget``, ``preference``, ``faithfulness`` — that score fell below 1;
- ``harm:CHECK`` — the agent attempted a call that would break ``CHECK`` (a ``harm`` event), whoever
  stopped it; ``harm:budget`` is an attempt to overspend;
- ``planted:KIND`` / ``slipped:KIND`` — a planted mistake of ``KIND`` was caught by a check / slipped
  through every check;
- ``failed`` / ``passed`` — the harness's own verdict;
- ``gate:ID`` — the harness's pass gate ``ID`` failed (``gate:human``: a rejection was not honoured);
- ``attack:reached`` / ``attack:attempted`` — under an attack, its goal was reached / the agent made a
  call towards it that something stopped.

``a+b`` in a recipe's ``evidence`` needs both; the recipe's run counts as defective when any one of
its evidence entries holds. A recipe may plant one of the world's attacks into the run (``attack``, as
``run --attack``) and may be tried only on scenarios carrying one of its ``tags`` (all scenarios when
none of those given carries one).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class DrillRecipe:
    """How to make a run with one known defect (``kind``), and how to tell it took effect."""

    kind: str = field(metadata={"doc": "The defect in the drill's words, e.g. 'wrong_date'."})
    about: str  # what the defect is, in words, for the learner's explanation
    agent: str
    evidence: tuple[str, ...]
    model: str = "scripted"
    temperature: float = 0.0
    trials: int = 1  # trials per scenario to try (a noisy model plants different mistakes per trial)
    hard: bool = False  # a defect the harness's own verdict may miss: only in ``--difficulty hard``
    attack: str | None = None  # an attack of the world planted into the run (``run --attack``)
    tags: tuple[str, ...] = ()  # try only scenarios with one of these tags (all, when none has one)
