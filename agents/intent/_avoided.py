"""An amenity named as what the traveller stays away from, not what they need: "a hotel that doesn't
take pets", "no place that allows dogs", "not pet-friendly", or one said where the words tell of an allergy to animals ("that
hotel allows pets, and Dana is allergic to dogs"). Such a word asks for no amenity; the policy weighs
hotels that have it down.
"""

from __future__ import annotations

import re

#: a refusal in the words just before the amenity, within its clause
_REFUSED = re.compile(
    r"\b(?:no|not|never|without|doesn't|does not|don't|do not|won't|will not|isn't|aren't|nothing|none|"
    r"anything but|avoid\w*|rather not|can't have|cannot have)\b[^.;,:!?]{0,30}$",
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
