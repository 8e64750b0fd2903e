"""An amenity named as what the traveller stays away from, not what they need: "a hotel that doesn't
take pets", "no place that allows dogs", "not pet-friendly", or one said where the words tell of an allergy to animals ("that
hotel allows pets, and Dana is allergic to dogs"). Such a word asks for no amenity; the policy weighs
hotels that have it down.
"""

from __future__ import annotations

import re

#: a refusal in the words just before the amenity, within its clause: "one that doesn't take pets",
#: "nothing pet-friendly", "no pets" (not what a hotel lacks: "it has no gym, which I need")
_REFUSED = re.compile(
    r"\b(?:doesn't|does not|don't|do not|won't|will not|isn't|aren't|never|can't|cannot)\s+"
    r"(?:(?:allow|take|accept|welcome|permit|want)s?\b[^.;,:!?]{0,15})?$"
    r"|(?<!\bhas )(?<!\bhave )(?<!\bwith )(?<!\bthere's )(?<!\bthere is )"
    r"\b(?:no|nothing|not|avoid\w*|anything but|rather not)\s+(?:[\w-]+\s+)?$",
    re.I,
)
#: an allergy to an animal said in the same sentence: a pet-friendly hotel is one to avoid
_ALLERGY = re.compile(r"\ballerg\w*\b[^.;!?]{0,30}\b(?:dogs?|cats?|pets?|animals?|fur)\b", re.I)


def avoided(sentence: str, at: int, amenity: str, whole: str = "") -> bool:
    """Whether the amenity named at ``at`` in ``sentence`` is one the traveller stays away from (an
    allergy is looked for in ``whole``, the words the sentence is part of, too)."""
    if _REFUSED.search(sentence[max(0, at - 40) : at]):
        return True
    return amenity == "pet-friendly" and bool(_ALLERGY.search(sentence) or _ALLERGY.search(whole))
