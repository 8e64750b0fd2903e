"""Days of a trip said as the time spent there, not as flights: "arriving Tuesday, leaving Friday
morning" (the way out lands Tuesday, the way back leaves Friday), and a hotel that starts after the
flight out ("back on the 12th, but I only need a room from the 9th"). Both read after
``_shape.assign_roles``, which gives each day one role from the words before it.
"""

from __future__ import annotations

import re

from agents.intent._mention import Mention
from agents.intent._shape import Roles

#: The words before a day that start the hotel's nights, not a flight: "a room from", "check in on".
_ROOM_FROM = re.compile(
    # a room asked for ("a room", "the hotel"), not "my cousin has room for us from Friday"
    r"\b(?:an?|the|my|our)\s+(?:hotel\s+)?(?:room|hotel|accommodation|place to stay)\b[^.;!?]{0,20}?"
    r"\b(?:from|starting(?:\s+on)?)\s+(?:the\s+)?$"
    r"|\bcheck(?:ing)?[\s-]?in\s+(?:on\s+)?(?:the\s+)?$",
    re.I,
)
_LEAVING = re.compile(r"\b(?:leav\w*|depart\w*|fly(?:ing)? out)\s+(?:on\s+)?(?:the\s+)?$", re.I)


def stay_span(text: str, mentions: list[Mention], roles: Roles, flies: bool, hotel: bool) -> None:
    """Correct ``roles`` where the words give the time spent there (module docstring)."""
    if not flies:
        return
    if hotel and roles.check_in is None and roles.travel:
        for m in mentions:
            if (
                len(m.days) == 1
                and not m.ambiguous
                and _ROOM_FROM.search(text[max(0, m.start - 40) : m.start])
                and m.days[0] > roles.travel[0][0]
            ):
                roles.check_in, roles.check_in_source = m.days[0], "stated"
                roles.travel = [t for t in roles.travel if t[0] != m.days[0]]
                break
    if roles.arrive is not None and roles.back is None and len(roles.travel) == 1:
        day, source = roles.travel[0]
        said = next((m for m in mentions if m.days[:1] == [day]), None)
        if (
            said is not None
            and day > roles.arrive[0]
            and _LEAVING.search(text[max(0, said.start - 20) : said.start])
        ):
            roles.back, roles.back_source, roles.travel = (
                day,
                source,
                [],
            )  # "arriving Tuesday, leaving Friday"
