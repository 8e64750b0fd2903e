"""The sandbox is world-independent: nothing in ``sandbox/**/*.py`` names the travel world or one of
its tools — no identifier, string (docstrings included) or comment.

The names come from the travel world itself at test time (its tools and interaction tools, less the
question tool, which is the sandbox's own). The product's name is allowed: the program
``travel-sandbox``, the distribution ``travel-agent-sandbox``, the settings prefix ``TRAVEL_SANDBOX_``,
the entry-point groups and cookie ``travel_sandbox...`` and the title "Travel Agent Sandbox".
"""

from __future__ import annotations

import io
import re
import tokenize
from pathlib import Path

import pytest

from sandbox.spi import QUESTION_TOOL, worlds

ROOT = Path(__file__).resolve().parents[1]
PRODUCT = re.compile(
    r"travel-agent-sandbox|travel-sandbox|TRAVEL_SANDBOX_|travel_sandbox|Travel Agent Sandbox"
)
CHECKED = (tokenize.NAME, tokenize.STRING, tokenize.COMMENT)


def travel_names() -> set[str]:
    world = worlds.get("travel")
    return {t.name for t in [*world.tools, *world.interaction_tools]} - {QUESTION_TOOL}


def forbidden() -> re.Pattern[str]:
    """``travel`` as a word or a word part of an identifier (``TravelEnv``, ``travel_env``), and every
    tool name as a word."""
    names = "|".join(sorted(map(re.escape, travel_names())))
    return re.compile(rf"(?i:\btravel(?![a-z]))|Travel(?=[A-Z])|(?<![A-Za-z0-9])({names})(?![A-Za-z0-9])")


def offenders(text: str, where: str) -> list[str]:
    pattern, found = forbidden(), []
    for tok in tokenize.generate_tokens(io.StringIO(text).readline):
        if tok.type in CHECKED:
            for m in pattern.finditer(PRODUCT.sub("", tok.string)):
                found.append(f"{where}:{tok.start[0]}: {m.group(0)!r} in {tok.string[:60]!r}")
    return found


def test_the_sandbox_names_no_travel_word_or_tool() -> None:
    files = sorted((ROOT / "sandbox").rglob("*.py"))
    assert len(files) > 40  # the scan really saw the sandbox
    found = [o for f in files for o in offenders(f.read_text(encoding="utf-8"), str(f.relative_to(ROOT)))]
    assert not found, "the sandbox names the travel world:\n" + "\n".join(found)


@pytest.mark.parametrize(
    ("line", "hit"),
    [
        ("x = 'travel'", "travel"),
        ("class TravelEnv: ...", "Travel"),
        ("def f(travel_env): ...", "travel"),
        ("name = 'book_flight'", "book_flight"),
        ("# calls propose_itinerary first", "propose_itinerary"),
        ("rule = f'{tool}: search_hotels'", "search_hotels"),
    ],
)
def test_the_check_catches_each_form(line: str, hit: str) -> None:
    assert [o for o in offenders(line + "\n", "x.py") if repr(hit) in o]


@pytest.mark.parametrize(
    "line",
    [
        "app = 'travel-sandbox'",
        "pip = 'pip install travel-agent-sandbox'",
        "ENV = 'TRAVEL_SANDBOX_DB'",
        "group = 'travel_sandbox.worlds'",
        "title = 'Travel Agent Sandbox report'",
        "q = 'ask_user'",
        "word = 'travels'",
        "x = 'rebook_flights'",
    ],
)
def test_the_product_name_and_other_words_pass(line: str) -> None:
    assert offenders(line + "\n", "x.py") == []
