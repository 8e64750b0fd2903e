"""Live runs: runs that pause at checkpoints for a person (the web app) and survive a restart.

``LiveRuns`` starts runs (``LiveSpec``), records decisions, and follows, lists (one filtered page:
``ListQuery``) and compares runs (``COMPARED``: the fields a comparison puts side by side);
``agent_list``, ``model_list``, ``profile_list`` and ``policy_list`` say what a run may be started
with; ``WebModelOptions`` are the model request options a web request may set (a fixed allow-list).
"""

from sandbox.live._library import InvalidDecision
from sandbox.live._listing import MAX_OFFSET, ListQuery
from sandbox.live._model_options import WebModelOptions, profile_list
from sandbox.live._runs import Conflict, FollowItem, LiveRuns, LiveSpec, RunNotFound
from sandbox.live._views import COMPARED, agent_list, model_list, policy_list

__all__ = [
    "COMPARED",
    "MAX_OFFSET",
    "Conflict",
    "FollowItem",
    "InvalidDecision",
    "ListQuery",
    "LiveRuns",
    "LiveSpec",
    "RunNotFound",
    "WebModelOptions",
    "agent_list",
    "model_list",
    "policy_list",
    "profile_list",
]
