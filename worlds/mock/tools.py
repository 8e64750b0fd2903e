"""The to-do world's tools: one READ, one WRITE, and its proposal tool (answered by the harness)."""

from __future__ import annotations

from typing import Any

from sandbox.spi import READ, WRITE, ProposalItem, ToolError, proposal_tool, question_tool, tool
from worlds.mock.env import Item, MockEnv


@tool(READ)
def list_items(env: MockEnv) -> list[dict[str, Any]]:
    """List the items on the to-do list."""
    return [i.model_dump() for i in env.state.items]


@tool(WRITE)
def add_item(env: MockEnv, text: str) -> dict[str, Any]:
    """Add one item to the to-do list; returns it with its id."""
    if not text.strip():
        raise ToolError("invalid_argument", "the item's text is empty", "text")
    item = Item(id=f"T{len(env.state.items) + 1}", text=text.strip())
    env.state.items.append(item)
    return item.model_dump()


TOOLS = (list_items, add_item)

PROPOSE_CHANGES = proposal_tool(
    "propose_changes",
    """Show the user the items you intend to add, for their approval, before adding them.

    items: one per item to add, kind 'todo' and id the item's text; total: 0; rationale: why;
    confidence: 0..1; alternatives: other sets of items you weighed.
    """,
    item=ProposalItem,
    item_arg="text",  # a 'todo' item is the text argument of add_item
)

INTERACTION_TOOLS = (question_tool(), PROPOSE_CHANGES)
