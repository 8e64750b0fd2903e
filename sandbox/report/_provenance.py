"""What a reader of a batch comparison must know about where the batches came from.

Every batch records its provenance (``sandbox.runner.batch_provenance``: the code's version and git
commit, the scoring version, each world's own values such as a catalog's generator version and hash
or the world's scoring version, and each scenario's content hash). ``provenance_notes`` compares each
batch against the first and says, in one line each, what differs: results of different code, scoring,
data or scenario content are not like for like. A batch recorded before provenance existed is named
too, since nothing about it can be checked.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sandbox.store import BatchInfo


def _code(code: dict[str, Any]) -> str:
    commit = code.get("commit")
    text = f"version {code.get('version') or 'unknown'}"
    if commit:
        text += f" commit {str(commit)[:10]}"
        if code.get("dirty"):
            text += f" with uncommitted changes {code.get('diff') or ''}".rstrip()
    return text


def _code_notes(first: BatchInfo, a: dict[str, Any], other: BatchInfo, b: dict[str, Any]) -> list[str]:
    ca, cb = a.get("code") or {}, b.get("code") or {}
    keys = ("version", "commit", "dirty", "diff")
    if tuple(ca.get(k) for k in keys) != tuple(cb.get(k) for k in keys):
        return [f"batches {first.id} and {other.id} ran different code: {_code(ca)} vs {_code(cb)}"]
    return []


def _scoring_notes(first: BatchInfo, a: dict[str, Any], other: BatchInfo, b: dict[str, Any]) -> list[str]:
    va, vb = a.get("scoring_version"), b.get("scoring_version")
    if va == vb:
        return []
    older = first.id if (va or 0) < (vb or 0) else other.id
    return [
        f"batches {first.id} and {other.id} were scored under different scoring versions ({va} vs {vb}): "
        f"their scores do not mean the same; `travel-sandbox rescore {older}` scores it again under the current one"
    ]


def _world_notes(first: BatchInfo, a: dict[str, Any], other: BatchInfo, b: dict[str, Any]) -> list[str]:
    notes = []
    wa, wb = a.get("worlds") or {}, b.get("worlds") or {}
    for world in sorted(set(wa) & set(wb)):
        for key in sorted(set(wa[world]) & set(wb[world])):
            if wa[world][key] != wb[world][key]:
                notes.append(
                    f"world {world} {key} differs: {wa[world][key]} in {first.id}, {wb[world][key]} in {other.id}"
                )
    return notes


def _scenario_notes(
    first: BatchInfo, a: dict[str, Any], other: BatchInfo, b: dict[str, Any], compared: set[str]
) -> list[str]:
    sa, sb = a.get("scenarios") or {}, b.get("scenarios") or {}
    changed = sorted(s for s in compared if s in sa and s in sb and sa[s].get("hash") != sb[s].get("hash"))
    if not changed:
        return []
    return [
        f"batches {first.id} and {other.id} ran different content for scenario(s) {', '.join(changed)}: "
        "the scenario files changed between them, so those pairs compare different tasks"
    ]


def provenance_notes(infos: Sequence[BatchInfo], compared: Sequence[str] = ()) -> list[str]:
    """One line per difference in provenance between each batch and the first (see the module
    docstring); ``compared``: the scenarios the comparison covers (content hashes are checked for them)."""
    notes = [
        f"batch {i.id} records no provenance (an earlier version ran it): whether its code, scoring and "
        "scenarios match the other batches' cannot be checked"
        for i in infos
        if not i.meta.get("provenance")
    ]
    first = infos[0] if infos else None
    a = first.meta.get("provenance") if first is not None else None
    if first is None or not a:
        return notes
    for other in infos[1:]:
        b = other.meta.get("provenance")
        if not b:
            continue
        notes += _code_notes(first, a, other, b)
        notes += _scoring_notes(first, a, other, b)
        notes += _world_notes(first, a, other, b)
        notes += _scenario_notes(first, a, other, b, set(compared))
    return notes
