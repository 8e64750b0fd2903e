"""Money as one grammar: an amount read with the word classes around it (``_money`` asks here).

An amount people say about a trip is read from four classes of words beside it, not from one
pattern per phrasing:

- **unit**: whom or what the amount is for each of: a traveller ("per person", "/person", "pp",
  "a head", "apiece", "we each have", "each of us gets") — the trip's cap is then that times the party;
- **scope**: what the amount covers: the whole party or the whole trip ("for both of us", "for the
  pair of us", "between us", "for all", "flights and hotel"); or something that is not the trip at all
  (a conference fee, a registration, show tickets, a travel credit, meals, parking): no cap;
- **standing**: a fact about money already spent ("last time it was $1,300", "the flights were $380
  last year", "already paid"): a bare amount at most, never a cap said as a cap;
- **hedge and stretch**: a wish ("ideally", "try to keep it around") against the figure that may not
  be passed ("can stretch to", "at a push", "the hard limit", "absolute max"): the stretch is the cap.

Shorthand is put in one shape first: "$1,2k" is 1.2 thousand, "1.800 dollars" is 1,800, a range
("1500-2000", "2-2.5k", "between $1,500 and $2,000") is capped by its top, and fillers of speech
("uh", "um") are dropped.
"""

from __future__ import annotations

import re

#: fillers of speech between words ("the budget is uh fifteen hundred")
_FILLER = re.compile(r"\b(?:uh+|um+|er+m?|uhm)\b,?\s*", re.I)
#: "$1,2k": a comma as the decimal point before a thousands suffix
_COMMA_K = re.compile(r"(\d),(\d{1,2})\s?(k|grand)\b", re.I)
#: "1.800 dollars": a point grouping thousands before a currency word (a "$" before it is ``_money``'s)
_POINT_WORD = re.compile(
    r"(?<![\d.$€£])(\d{1,3})\.(\d{3})(?=\s?(?:dollars|usd|bucks|euros|pounds|\$|€|£))", re.I
)
_NUM = r"(?:[$€£]\s?)?\d[\d,]*(?:\.\d+)?"
#: "1500-2000", "2-2.5k", "$1,500 to $2,000", "between 1500 and 2000": the top of the range caps it
_RANGE = re.compile(
    rf"(?:\bbetween\s+(?P<blo>{_NUM})\s?(?P<blok>k|grand)?\s?and|(?P<lo>{_NUM})\s?(?P<lok>k|grand)?\s?(?:-|–|to))"
    rf"\s?(?P<hi>{_NUM})\s?(?P<hik>k\b|grand\b)?",
    re.I,
)

#: words that make two bare numbers a range of money ("budget 1500-2000", "1500 to 2000 dollars")
_MONEY_WORD = re.compile(
    r"\b(?:budget\w*|spend\w*|spent|dollars?|bucks|usd|prices?|cost\w*|afford|pay\w*|fares?|cap|max(?:imum)?"
    r"|tops|total|money|cheap\w*|expensive)\b|[$€£]",
    re.I,
)


def _bare_money_range(lo: str, hi: str, around: str) -> bool:
    """Two bare numbers of 100 or more are a range of money only when a money word is said beside them
    ("a workshop 1300-1500" is two times, "555-1234" a phone number), and never when both are years
    ("the 2025-2026 season")."""
    year = all(len(x) == 4 and x.isdigit() and 1900 <= int(x) <= 2100 for x in (lo, hi))
    return bool(_MONEY_WORD.search(around)) and not year


#: the classes of nouns a unit amount is said of: one traveller
_HEAD = r"(?:person|head|travell?er|passenger|pax|pp|adult|guest|attendee|participant)"
#: after the amount: "per person", "/person", "a head", "pp", "each", "apiece"
HEAD_AFTER = re.compile(
    rf"^\s*(?:(?:per|a|an|/|for\s+each|each)\s*{_HEAD}\b|pp\b|p\.p\.|each\b(?!\s+(?:way|direction|leg|night|ticket|flight))|apiece\b)",
    re.I,
)
#: before the amount, in its own clause: "we each have", "each of us gets", "the per-person budget is"
HEAD_BEFORE = re.compile(
    rf"\b(?:we|they|you)\s+(?:\w+\s+)?each\b|\beach\s+of\s+(?:us|them|you)\b|\bper[\s-]{_HEAD}\b"
    rf"|\b(?:a|per|each)\s+{_HEAD}\s+(?:budget|cap|limit|max(?:imum)?)\b|\beach\s+{_HEAD}\b",
    re.I,
)
#: the amount covers everyone or everything: "for both of us", "between us", "for all", "for the lot"
WHOLE = re.compile(
    r"^\s*(?:(?:usd|dollars|bucks)\s+)?(?:for|between)\s+(?:the\s+)?(?:(?:both|all|pair|lot)(?:\s+of\s+(?:us|them))?"
    r"|(?:two|three|four|five|six|\d)\s+of\s+(?:us|them)|us|everyone|everybody|everything"
    r"|the\s+(?:lot|whole\s+(?:thing|trip|group|family)))\b"
    r"|^\s*between\s+(?:us|the\s+\w+\s+of\s+us)\b",
    re.I,
)
WHOLE_BEFORE = re.compile(
    r"\b(?:budget|cap|limit|money)\s+for\s+(?:(?:all|both|the\s+(?:two|three|four|five|pair|lot))\s+of\s+us|everyone|us\s+all)\b",
    re.I,
)
#: both parts of a trip named together ("flights and hotel", "hotel + flights"): the whole trip
_FLIGHTS = r"(?:flights?|airfare|fares?|plane\s+tickets?)"
_HOTEL = r"(?:hotels?|rooms?|accommodation|lodging)"
BOTH_PARTS = re.compile(
    rf"\b{_FLIGHTS}\s*(?:and|&|\+|plus|,)\s*(?:the\s+)?{_HOTEL}\b|\b{_HOTEL}\s*(?:and|&|\+|plus|,)\s*(?:the\s+)?{_FLIGHTS}\b",
    re.I,
)
#: things an amount may be said of that the trip does not buy
OTHER = re.compile(
    r"\b(?:fees?|registration|credit|voucher|deposit|insurance|visa|parking|bags?|baggage|luggage|meals?|food"
    r"|dinners?|lunch(?:es)?|taxis?|ubers?|cabs?|car\s+rental|rental\s+car|rent|salary"
    r"|(?:show|concert|game|match|theatre|theater|museum|festival|park|event)\s+tickets?"
    r"|tickets?\s+(?:to|for)\s+(?:the\s+|a\s+)?(?:show|concert|game|match|play|musical|festival|event))\b",
    re.I,
)
#: money already spent: a fact, not a cap ("last time it was", "were $380 last year", "already paid")
SETTLED = re.compile(
    r"\b(?:was|were|cost|costed|paid|spent|used\s+to|last\s+(?:time|year|trip|month)|already)\b", re.I
)
#: the figure that may not be passed, said against a wish
STRETCH = re.compile(
    r"\b(?:(?:can|could)\s+(?:\w+\s+)?(?:stretch|go|push)\s+(?:to|up\s+to)|stretch\s+to|at\s+a\s+push|at\s+(?:the\s+)?most"
    r"|hard\s+(?:limit|cap|ceiling|max(?:imum)?|stop)|absolute\s+(?:max(?:imum)?|limit|ceiling)|max(?:imum)?\s+max"
    r"|(?:is|as)\s+(?:my|our|the)\s+(?:absolute\s+|hard\s+|real\s+)?(?:limit|ceiling|max(?:imum)?)|not\s+a\s+(?:cent|penny|dollar)\s+more)\b",
    re.I,
)
#: said after an amount, a ceiling: "1100, 1200 tops", "keep it under $1,000, $1,200 max"
STRETCH_AFTER = re.compile(
    r"^\s*(?:tops|max(?:imum)?|at\s+(?:the\s+)?(?:very\s+)?most|absolute(?:\s+max)?)\b", re.I
)
#: a rate for each day ("$50/day", "$60 a day", "per day", "daily"): an allowance, never the trip's cap
PER_DAY = re.compile(r"^\s*(?:/\s*day|a\s+day|per\s+day|each\s+day|every\s+day|daily|/\s*d)\b", re.I)
#: a label before a bare figure: "Spending money for the trip: fifteen hundred", "Total spend: 1200"
LABEL = re.compile(
    r"\b(?:budget|money|spend(?:ing)?|cap|limit|max(?:imum)?|allowance|price\s+range)\b[\w\s']{0,25}:\s*$",
    re.I,
)
#: an approximate figure: said as the budget, not a wish ("around 2k", "ballpark two grand", "1.1k-ish")
APPROX = re.compile(
    r"\b(?:around|about|roughly|approximately|approx\.?|ballpark|circa|some(?:thing)?\s+like|in\s+the\s+region\s+of)\s*$|~\s*$",
    re.I,
)
#: words that make an amount a firm cap, whatever hedge is beside it ("no more than ~$2000")
FIRM = re.compile(
    r"\b(?:no|not)\s+more\s+than|\bmax(?:imum)?\b|\bunder\b|\bbelow\b|\bat\s+(?:the\s+)?most\b|\bup\s+to\b"
    r"|\blimit\b|\bcap(?:ped)?\b|\bceiling\b|\bless\s+than\b|\btops\b|\bhard\b|\bstrict(?:ly)?\b"
    r"|\b(?:can'?t|cannot|won'?t|mustn'?t|not|never)\s+(?:\w+\s+)?(?:go\s+)?(?:over|above|beyond|exceed)",
    re.I,
)
APPROX_AFTER = re.compile(r"^(?:\s?-?ish\b|\s+(?:or\s+so|give\s+or\s+take|ish)\b)", re.I)
#: the clause boundaries an amount's own words stop at
_BOUND = re.compile(
    r"[.;!?()\n]|\s[-–—•]\s|,\s*(?:so|and|but)\b|\b(?:and|but|so|while|whereas|though|although|which)\b", re.I
)


def normalise(t: str) -> str:
    """Amounts in one shape: fillers out, "$1,2k" -> "$1.2k", "1.800 dollars" -> "1800 dollars",
    "1500-2000" -> "up to 2000" (a range's top is its cap; the k of its top holds for its bottom)."""
    t = _FILLER.sub("", t)
    t = _COMMA_K.sub(r"\1.\2\3", t)
    t = _POINT_WORD.sub(r"\1\2", t)

    def top(m: re.Match[str]) -> str:
        lo, hi = (re.sub(r"[$€£,\s]", "", m.group(g) or m.group("b" + g) or "") for g in ("lo", "hi"))
        k = m.group("hik") or ""
        try:
            lo_v = float(lo) * (1000 if (m.group("lok") or m.group("blok") or k) else 1)
            hi_v = float(hi) * (1000 if k else 1)
        except ValueError:
            return m.group(0)
        # a range of money, not of days ("11-14", "Mar 11-14"): a currency or thousands, low under high
        money = bool(re.search(r"[$€£]", m.group(0)) or k) or (
            lo_v >= 100
            and hi_v >= 100
            and _bare_money_range(lo, hi, t[max(0, m.start() - 40) : m.end() + 25])
        )
        if not money or not lo_v < hi_v <= 10 * lo_v or re.search(r"[:/]", m.group(0)):
            return m.group(0)
        cur = "$" if "$" in m.group(0) else ""
        return f"up to {cur}{hi}{(' ' + k) if k and k.lower() == 'grand' else k}"

    return _RANGE.sub(top, t)


def own_clause(t: str, start: int, end: int) -> tuple[str, str]:
    """The words of the amount's own clause before it and after it."""
    before = _BOUND.split(t[max(0, start - 80) : start])[-1]
    after = re.split(r",", _BOUND.split(t[end : end + 60])[0])[0]  # after it, a comma ends it too
    return before, after


def of_other(before: str, after: str) -> bool:
    """The amount is said of something the trip does not buy ("the registration fee is $650")."""
    return (
        OTHER.search(before) is not None or OTHER.match(re.sub(r"^\s*(?:for|on)\s+", "", after)) is not None
    )


def settled(before: str, after: str) -> bool:
    """The amount is money already spent ("last time it was $1,300", "the flights were $380")."""
    return SETTLED.search(before + " " + after) is not None and not STRETCH.search(before + " " + after)


def per_head(before: str, after: str) -> bool:
    """The amount is for each traveller ("$800/person", "we each have $700", "each of us $800")."""
    # a unit said before counts unless the amount names its own scope after it ("$900 per person for
    # flights, $600 total for the hotel": the $600 is the hotel's; "$550 a head, $600 at a push": a head)
    own_scope = re.search(
        rf"\b(?:{_FLIGHTS}|{_HOTEL}|total|whole|all[\s-]in|altogether|overall)\b", after, re.I
    )
    inherited = re.search(r"[$€£]\s?\d|\d\s?(?:k|grand)\b|\b\d{3,}", before)  # said after an earlier amount
    before_unit = HEAD_BEFORE.search(before) is not None and not (own_scope and inherited)
    return (HEAD_AFTER.match(after) is not None or before_unit) and not each_of_thing(before, after)


def each_of_thing(before: str, after: str) -> bool:
    """ "flights around $400 each", "rooms at $200 apiece": each of the things the clause names, not
    each traveller."""
    return re.match(r"\s*(?:each|apiece)\b", after, re.I) is not None and (
        re.search(rf"\b(?:{_FLIGHTS}|{_HOTEL}|tickets?|seats?|nights?)\b[^$]*$", before, re.I) is not None
    )


def whole(before: str, after: str) -> bool:
    """The amount covers the whole party ("for both of us", "between us", "the budget for all of us")."""
    return bool(WHOLE.match(after) or WHOLE_BEFORE.search(before))


def both_parts(t: str, start: int, end: int) -> bool:
    """The amount's piece of the sentence names the flights and the hotel together ("the travel budget
    for flights and hotel is $1,300", "$1,500 - flights and hotel both"): the whole trip."""
    before = re.split(r"[.;:!?,\n]", t[max(0, start - 80) : start])[-1]
    after = re.split(r"[.;:!?,\n]", t[end : end + 50])[0]
    return BOTH_PARTS.search(before + " " + after) is not None


def stretch(before: str, after: str) -> bool:
    """The amount is the figure that may not be passed ("can stretch to $1,600", "$600 at a push")."""
    return (
        STRETCH.search(before[-40:] + " " + after[:30]) is not None or STRETCH_AFTER.match(after) is not None
    )


def per_day(after: str) -> bool:
    """The amount is a rate for each day ("a $50/day meal allowance"): no cap on the trip."""
    return PER_DAY.match(after) is not None


def labelled(before: str) -> bool:
    """A bare figure after a money label and a colon ("Spending money for the trip: 1500")."""
    return LABEL.search(before) is not None


def approx(before: str, after: str) -> bool:
    """The amount is said approximately ("around 2k", "1.1k-ish"): still the figure meant."""
    return APPROX.search(before) is not None or APPROX_AFTER.match(after) is not None


def loose(before: str, after: str) -> bool:
    """Said approximately and with no word that makes it firm ("budget around 2k", not "no more than
    ~$2,000"): a plan a little over it is still within the words."""
    return approx(before, after) and FIRM.search(before[-40:] + " " + after[:30]) is None
