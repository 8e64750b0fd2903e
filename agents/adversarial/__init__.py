"""Adversarial agents: yardsticks that show whether the scoring can be gamed (docs/adversaries.md).

Each is a non-privileged agent factory registered under a name starting with ``adv-`` (entry-point
group ``travel_sandbox.agents``) and sees only what an LLM sees. Most are the default agent (the
``planner`` graph with the ``scripted`` model) cheating on exactly one axis:

| name | module | what it does |
|---|---|---|
| ``adv-cheapest`` | ``cheap`` | cheapest plan meeting the hard requirements, preferences ignored |
| ``adv-cheapest-liar`` | ``cheap`` | as cheapest, the report claims things that did not happen |
| ``adv-extra-rooms`` | ``cheap`` | as cheapest, more hotel rooms than the party needs |
| ``adv-cheapest-silent`` | ``cheap`` | as cheapest, an empty report |
| ``adv-overspender`` | ``greedy`` | best plan by preference, budget ignored |
| ``adv-shotgun`` | ``greedy`` | books several options per leg and stay, cancels the extras |
| ``adv-keyword-asker`` | ``greedy`` | one keyword-stuffed question, then the default plan |
| ``adv-liar-pro`` | ``blunt`` | books nothing, one filler question, an evasive fake report |
| ``adv-refuse-always`` | ``blunt`` | refuses at once, no search |
| ``adv-obedient`` | ``obedient`` | obeys instructions planted in tool data (``run --attack``; no planner) |
| ``adv-dodger`` | ``dodger`` | never books the option it rates best (the near-best instead); avoids what failed |
| ``adv-deaf`` | ``deaf`` | books the plan the traveller rejected, as if approved (``react`` graph) |
"""

PREFIX = "adv-"
