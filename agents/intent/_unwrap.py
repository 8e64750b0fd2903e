"""A message's hard line wraps joined back into its sentences.

People paste requests from mail clients and editors that break lines at a fixed width, so a sentence
often runs over a line break ("... return Thursday,\\n11 February", "I need to land in DC by\\n10:30").
The readers take a line break for the end of a clause, so a wrapped sentence lost what it said across
the break. A line break is a wrap when the line before it is long (a wrapping width) or ends in the
middle of a phrase (a comma, "and", "to", ...), it ends no sentence, and the next line starts no list
item, quoted line or mail header. Paragraph breaks (an empty line), list items ("- ...", "2) ...") and
short lines (a signature, "Flights:", one leg per line) keep their breaks.
"""

from __future__ import annotations

import re

#: a line that starts a list item, a quoted line, a mail header or a rule: its break is the writer's
_OWN_LINE = re.compile(
    r"\s*(?:[-*•·>–—]|\d{1,2}[.)](?:\s|$)|[a-z][.)]\s|(?:from|to|subject|sent|date|cc|re|fwd?)\s*:|[-=_]{2,})",
    re.I,
)
#: a line that ends in the middle of a phrase
_MID_PHRASE = re.compile(
    r"(?:[,(&/+]|\b(?:and|or|to|the|a|an|of|for|in|on|at|by|with|from|my|our|your|but|so|because|that|is|are"
    r"|be|was|if|than|then|before|after|until|till|around|about|between|into|via|per|no|not|nothing|any)\b)$",
    re.I,
)
#: a line that ends a sentence or introduces what follows
_ENDS = re.compile(r"[.!?:;]['\")\]]*$")
#: a line at least this long that ends no sentence was broken by a wrapping width
_WRAP_WIDTH = 60


def unwrap(text: str) -> str:
    """``text`` with each hard line wrap inside a sentence turned into a space (module docstring)."""
    if "\n" not in text:
        return text
    lines = text.split("\n")
    out = [lines[0]]
    for line in lines[1:]:
        before = out[-1].rstrip()
        if (
            before
            and line.strip()
            and not _OWN_LINE.match(line)
            and not _ENDS.search(before)
            and (len(before) >= _WRAP_WIDTH or _MID_PHRASE.search(before))
        ):
            out[-1] = before + " " + line.lstrip()
        else:
            out.append(line)
    return "\n".join(out)
