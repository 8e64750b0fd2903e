"""Which stored runs a listing wants (``RunFilter``), and how an unknown batch id is explained.

A filter is a conjunction of exact matches on the indexed columns of the ``runs`` table; ``status``
is a run's status (``done``, ``error``, ``skipped``) or its verdict (``passed``: done and passed; ``failed``: done
and not passed). Listing pages go by ``offset``; ``RunStore.keys`` gives the sort keys alone, so a
caller can merge stored runs with runs kept elsewhere (the web app's live runs) and load one page.
"""

from __future__ import annotations

import difflib
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field
from sqlmodel import col

RunStatusFilter = Literal["done", "error", "skipped", "passed", "failed"]
#: Longest text a filter field takes (a name, an id): longer is a mistake, not a lookup.
MAX_FILTER_TEXT = 200


class RunFilter(BaseModel):
    """Stored runs that match every field given (``None``: any)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    batch: str | None = Field(None, max_length=MAX_FILTER_TEXT, description="Batch id (exact).")
    agent: str | None = Field(None, max_length=MAX_FILTER_TEXT)
    model: str | None = Field(None, max_length=MAX_FILTER_TEXT)
    policy: str | None = Field(None, max_length=MAX_FILTER_TEXT)
    scenario: str | None = Field(None, max_length=MAX_FILTER_TEXT)
    status: RunStatusFilter | None = Field(
        None,
        description="done, error or skipped, or the verdict: passed (done and passed) or failed (done, "
        "not passed).",
    )

    def apply(self, stmt: Any, row: Any) -> Any:
        """``stmt`` with a ``WHERE`` for each field given, on the columns of the ``row`` table."""
        for field in ("agent", "model", "policy", "scenario"):
            value = getattr(self, field)
            if value is not None:
                stmt = stmt.where(col(getattr(row, field)) == value)
        if self.batch is not None:
            stmt = stmt.where(col(row.batch_id) == self.batch)
        if self.status in ("done", "error", "skipped"):
            stmt = stmt.where(col(row.status) == self.status)
        elif self.status is not None:
            stmt = stmt.where(col(row.status) == "done", col(row.passed) == (self.status == "passed"))
        return stmt


def closest(given: str, known: list[str], n: int = 3, cutoff: float = 0.6) -> list[str]:
    """The known ids most like ``given``, as a whole or as a prefix of the same length (a mistyped prefix)."""

    def score(candidate: str) -> float:
        whole = difflib.SequenceMatcher(None, given, candidate).ratio()
        head = difflib.SequenceMatcher(None, given, candidate[: len(given)]).ratio()
        return max(whole, head)

    scored = sorted(((score(k), k) for k in known), key=lambda sk: -sk[0])
    return [k for s, k in scored if s >= cutoff][:n]


def unknown_batch_message(batch_id: str, url: str, known: list[str]) -> str:
    """No batch ``batch_id``: the closest known ids (did you mean), and the most recent ones."""
    if not known:
        return f"No batch with id {batch_id!r} in {url}. The store has no batches."
    close = closest(batch_id, known)
    hint = f" Did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
    return f"No batch with id {batch_id!r} in {url}.{hint} Most recent batches: {', '.join(known[:5])}."
