"""The tool-call path: the gateway, override policies, checkpoints and the humans who decide them.

Every tool call of every agent goes through ``Gateway.call``: guardrails (the world's rules and the
generic limits), the override policy (``load_policy``: presets or YAML rules over ``CallFacts``),
a checkpoint for a human when the policy says ``ask`` (``CheckpointPayload`` out, ``DecisionIn``
back), then the world's tool. Interaction tools (a question to the user, a proposal of a plan) are
the world's (``tool_specs(world)``) and answered here, by their role. Humans (``make_human``):
scripted by the scenario, auto-approve, the console, or a reviewer who knows what the user needs; the web app adds a person in the browser.
"""

from sandbox.control._checkpoints import DecisionIn, edit_error
from sandbox.control._conditions import Condition
from sandbox.control._gateway import Gateway, Limits
from sandbox.control._humans import (
    HUMANS,
    AutoHuman,
    ConsoleHuman,
    Human,
    ScriptedHuman,
    check_human,
    make_human,
)
from sandbox.control._interaction import tool_specs
from sandbox.control._policy import (
    DEFAULT_POLICY,
    PRESETS,
    CallFacts,
    Policy,
    PolicyDecision,
    list_policies,
    load_policy,
)
from sandbox.control._reviewer import ReviewCost, ReviewerHuman
from sandbox.control._suggest import Suggestion, approval_bands, suggest_policy
from sandbox.spi import CheckpointKind, CheckpointPayload  # the checkpoint event's data, shown here too

__all__ = [
    "DEFAULT_POLICY",
    "HUMANS",
    "PRESETS",
    "AutoHuman",
    "CallFacts",
    "CheckpointKind",
    "CheckpointPayload",
    "Condition",
    "ConsoleHuman",
    "DecisionIn",
    "Gateway",
    "Human",
    "Limits",
    "Policy",
    "PolicyDecision",
    "ReviewCost",
    "ReviewerHuman",
    "ScriptedHuman",
    "Suggestion",
    "approval_bands",
    "check_human",
    "list_policies",
    "load_policy",
    "make_human",
    "suggest_policy",
    "edit_error",
    "tool_specs",
]
