"""Words that are not days or places: the party, rooms, money, hard limits and soft wishes.

Number words go through ``text2num`` ("nine hundred" -> 900, "three colleagues" -> 3); the rest
are small vocabularies of how travellers say who comes, what they can spend and what they need.
Whether a limit is hard or a wish is read from its clause: hedges ("ideally", "would be nice",
"if possible", "not essential") make a wish, anything else said of a limit is a requirement.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from text_to_num import alpha2digit

_SOFT = re.compile(
    r"\b(ideally|ideal|prefer\w*|nice to have|if (?:at all )?possible|if poss|where possible|rather|"
    r"bonus if|a plus|not essential|would love|i'd love|i'd like it|if you can|happy to|preferably|bonus|"
    # "would be lovely / a treat / ideal", "it'd be nice", "would suit me best": a hedge is a word of
    # liking after "would be" ("I would be travelling" is not one)
    r"(?:would|'d) be (?:(?:really|so|very|extra|even|just|most|super)\s+)?(?:nice|great|good|lovely|ideal|perfect|"
    r"sweet|awesome|amazing|fantastic|wonderful|brilliant|handy|helpful|useful|welcome|appreciated|preferable|"
    r"better|best|cool|fab|excellent|a (?:plus|bonus|treat|perk|win|nice \w+)|an? (?:\w+ )?bonus)|"
    r"(?:would|'d) (?:suit|work) (?:for )?(?:me |us )?(?:best|better|well|nicely)|"
    r"not (?:a|an) (?:deal[\s-]?breaker|must|requirement)|no big deal|if (?:they|it) (?:can|do|does|has|have)|"
    r"(?:would|'d) (?:like|love|enjoy)|if there'?s one|if there(?:'s| is) (?:a|an)|nice if|good if|great if|"
    r"would make (?:my|our) (?:day|week|trip|stay)|optional|lean(?:s|ing)? towards|(?:would|'d) appreciate|appreciated|"
    r"try (?:to|and)|hoping for|i hope|partial to|nice[\s-]to[\s-]have|if the price is right|if (?:it'?s|it is) not (?:too|much)|"
    r"if it doesn'?t cost|if (?:reasonable|affordable)|if they have (?:one|it|them))\b",
    re.I,
)


def soft(clause: str) -> bool:
    """The clause hedges: what it asks is a wish, not a requirement."""
    return bool(_SOFT.search(clause))


#: A length written as one hyphenated word ("a three-night stay", "a 2-week trip"): the hyphen is a
#: space to every rule that counts nights or weeks, and the length stays the same.
_LENGTH_WORD = re.compile(
    r"\b(\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|twenty)"
    r"-(?=(?:nights?|weeks?|days?)\b)",
    re.I,
)


def digits(text: str) -> str:
    """Number words as digits ("two interns" -> "2 interns"), keeping "one way" and "a" as they are."""
    out = alpha2digit(_LENGTH_WORD.sub(r"\1 ", text), "en", threshold=1)
    return re.sub(r"\b1[\s-]way\b", "one way", out, flags=re.I)


# --- the party ------------------------------------------------------------------------------------
_ONE = (r"wife|husband|partner|spouse|girlfriend|boyfriend|fianc[eé]e?|brother|sister|son|daughter|mom|mum|"
        r"mother|dad|father|grandma|grandmother|grandpa|grandfather|boss|manager|colleague|coworker|"
        r"friend|buddy|buddies|mate|cousin|aunt|uncle|niece|nephew|kiddo|kid|child|baby|toddler|infant|teen|teenager|"
        r"assistant|intern|student|client|team lead|ceo|chairman|guest|adult|traveller|traveler|person|passenger")  # fmt: skip
_TWO = r"parents|twins|grandparents|in-laws"
_REL = re.compile(
    r"\b(?:(?P<n>\d+)\s+)?(?:(?:my|our|the|his|her)\s+)?(?:(?P<n2>\d+)\s+)?"
    r"(?:(?P<two>" + _TWO + r")|(?P<one>" + _ONE + r")(?P<pl>s|ren|ies)?)\b",
    re.I,
)
#: Nouns that count the whole party ("3 adults and 2 children"): the requester is among them.
_CATEGORY = frozenset("adult person passenger traveller traveler guest".split())
_GROUP = re.compile(
    r"\b(?:party of|family of|group of|table for|for)\s+(?P<n>\d+)\b(?!\s*(?:nights?|days?|weeks?|rooms?|\$|am|pm|stars?))"
    r"|\b(?:the|all)\s+(?P<n2>\d+)\s+of\s+us\b|\bjust the (?P<n3>\d+) of us\b"
    r"|\b(?P<n4>\d+)\s+(?:people|persons|passengers|pax|travell?ers|adults|guests|of us|seats|tickets)\b"
    # "for our three engineers": a number of people named by their role, the requester not among them
    r"|\bfor\s+(?:my|our|the|his|her|their)\s+(?P<n5>\d+)\s+"
    r"(?!(?:nights?|days?|weeks?|rooms?|bags?|flights?|legs?|tickets?|hours?|stops?|stars?|suitcases)\b)[a-z]+s\b",
    re.I,
)
_PAIR = re.compile(r"\b(both of us|the pair of us|us both|we both|us (?:two|2)|the both of us)\b", re.I)
_VAGUE_PARTY = re.compile(
    r"\b(a couple of us|a few of us|a few (?:colleagues|friends)|some friends|a group|girls' trip|the team|"
    r"(?:the|my|our) (?:\w+ )?team\b(?! lead))",
    re.I,
)
#: A number said loosely before a relation: "a few colleagues", "some friends", "a couple of the interns".
_VAGUE_COUNT = re.compile(
    r"\b(?:a few|some|several|a couple of|a bunch of|a handful of|a number of|various|many)\s+"
    r"(?:(?:of\s+)?(?:my|our|the|his|her)\s+)?$",
    re.I,
)
_ME_PLUS = re.compile(
    r"\b(?:me|myself|i)\s*(?:plus|\+)\s*(?P<n>\d+)\b(?!\s*(?:nights?|days?|weeks?|rooms?|bags?|kids?|children|am|pm))",
    re.I,
)
#: People named in a list with the requester: "me, Tom and Priya", "Sarah and I".
_NAME = r"[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]+"  # accented names too: "Léa", "Zoë", "Émile"
_NAMES_WITH_ME = re.compile(
    r"\b(?:me|myself|I)(?:\s*,\s*|\s+and\s+|\s*&\s*)(?P<after>"
    + _NAME
    + r"(?:(?:\s*,\s*(?:and\s+)?|\s+and\s+|\s*&\s*)"
    + _NAME
    + r")*)"
    r"|(?P<before>"
    + _NAME
    + r"(?:(?:\s*,\s*|\s+and\s+)"
    + _NAME
    + r")*)(?:\s*,\s*|\s+and\s+)(?:I|me|myself)\b(?![\'’])"
)
_NOT_NAMES = frozenset(
    "I Me My Our The A We Please Thanks Hi Hello Just Only Book Flights Flight Hotel Mr Mrs Ms Dr Also And".split()
)
_NOT_ME = re.compile(r"\b(i'm not|i am not|not) (?:travelling|traveling|coming|going)(?: myself)?\b", re.I)
_ALONE = re.compile(
    r"\b(just me|only me|by myself|on my own|alone|solo|just myself|me only|for myself(?! and)|just (?:him|her)|only (?:him|her))\b",
    re.I,
)
_FIRST = re.compile(r"\b(i|me|my|i'm|i'll|i've|i'd|myself)\b", re.I)
#: A relation is with the requester: "me and my wife", "add my son", "my son is coming too".
_WITH_ME = re.compile(r"\b(me|i|myself|us|we|add|adding|bring\w*|too|also|as well|along|join\w*)\b", re.I)
#: After a relation, a verb of travelling (or wanting) keeps it in the party; another verb ("my uncle
#: says", "the client moved the kickoff", "my partner follows in May") makes it someone who stays.
_TRAVEL_VERB = re.compile(
    r"^(?:com\w*|go\w*|join\w*|fl\w*|travel\w*|tag\w*|head\w*|accompan\w*|need\w*|want\w*|wish\w*|"
    r"too|also|along|included|aged|ages|and|plus|as|is|was|has|us|this|his|yes|its)$",
    re.I,
)
_AUX = frozenset("is are was were will has have had can may might should would 's".split())


@dataclass
class Party:
    travelers: int | None
    source: str  # stated | inferred | assumed
    vague: bool = False


@dataclass
class _Named:
    """Relations named as travelling: where they start and end, how many, whether the requester comes."""

    first: int
    last: int
    count: int
    me: bool
    source: str
    category: bool = False


def party(text: str, profile_party: list[str]) -> Party:
    """Who travels: the last group said wins ("three people... just the two of us" -> 2); a group and
    the relations joined to it add up ("us two and the baby" -> 3)."""
    t = digits(text)
    groups: list[tuple[int, int, int]] = []  # (start, end, count)
    for m in _GROUP.finditer(t):
        n = int(
            next(g for g in (m.group("n"), m.group("n2"), m.group("n3"), m.group("n4"), m.group("n5")) if g)
        )
        elided = m.group("n") and re.search(
            r"\bfor\s+\d+\s+(?:nights?|days?|weeks?)\b", t[max(0, m.start() - 60) : m.start()], re.I
        )
        if 1 <= n <= 9 and not elided:  # "Tokyo for 3 nights then Singapore for 2": nights, not people
            groups.append((m.start(), m.end(), n))
    for m in _PAIR.finditer(t):
        groups.append((m.start(), m.end(), 2))
    for m in _ME_PLUS.finditer(t):  # "myself plus 2", "me + 3"
        if 1 <= int(m.group("n")) <= 8:
            groups.append((m.start(), m.end(), int(m.group("n")) + 1))
    named, vague = _companions(t, profile_party)
    best: tuple[int, int, str] | None = None  # (position, count, source)
    for start, end, n in sorted(groups):
        if named is not None and named.first <= start < named.last:
            continue  # "2 adults and a toddler": the group is part of the relations counted
        if (
            named is not None
            and named.first >= end
            and re.fullmatch(r"\s*,?\s*(?:and|plus|\+|&|with)\s+(?:(?:a|an)\s+)?", t[end : named.first], re.I)
        ):
            best = max(best or (-1, 0, ""), (start, n + named.count, named.source))
            named = None  # "us two and the baby"
            continue
        best = max(best or (-1, 0, ""), (start, n, "stated"))
    if named is not None and (best is None or named.first >= best[0]):
        best = (named.first, named.count + (1 if named.me else 0), named.source)
    alone = list(_ALONE.finditer(t))
    if alone and (best is None or alone[-1].start() > best[0]):
        best = (alone[-1].start(), 1, "stated")
    if vague is not None and (best is None or vague > best[0]):
        return Party(None, "assumed", vague=True)
    if best is not None:
        return Party(best[1], best[2])
    if _VAGUE_PARTY.search(t):
        return Party(None, "assumed", vague=True)
    if profile_party:
        return Party(None, "assumed", vague=True)
    return Party(1, "stated" if _FIRST.search(t) else "assumed")


def _stays_behind(t: str, m: re.Match[str]) -> bool:
    """The relation is someone the traveller visits, stays with, or who does something else."""
    before = t[max(0, m.start() - 40) : m.start()].lower()
    if re.search(r"\b(visit\w*|see|seeing|meet\w*|at|to|had|has|have)\s+(?:my|our|the|a)?\s*$", before):
        return True
    if re.search(r"\b(?:stay\w*|liv\w*|crash\w*|sleep\w*|put up)\s+with\s+(?:my|our|the|a)?\s*$", before):
        return True
    if re.search(r"\b(?:my|our)\s+\w+'s\s*$|\b(?:i'm|i am|as)\s+(?:a|an)\s+$", before):
        return True  # "my sister's wedding"; "I'm a student": the requester, not a companion
    words = re.findall(r"[A-Za-z']+", t[m.end() : m.end() + 40])
    if (
        m.group(0)[:1].isupper()
        and words
        and words[0][:1].isupper()
        and not re.match(r"(?i)(?:my|our)\b", m.group(0))
    ):
        return True  # a title, not a person: "Partner Relations", "Guest Services"
    if not words or not re.match(r"\s+[A-Za-z']", t[m.end() : m.end() + 2]):
        return False
    verb = words[0].lower()
    if verb in _AUX and len(words) > 1:
        return not _TRAVEL_VERB.match(words[1]) and not re.match(
            r"(?i)(?:also|too|going|coming|joining)", words[1]
        )
    return bool(re.match(r"^[a-z]+(?:s|ed)$", verb)) and len(verb) > 3 and not _TRAVEL_VERB.match(verb)


def _is_calendar_or_place(word: str) -> bool:
    from agents.intent._places import GAZETTEER

    low = word.lower()
    months = {m.lower() for m in calendar.month_name[1:]} | {m.lower() for m in calendar.month_abbr[1:]}
    days = {d.lower() for d in calendar.day_name} | {d.lower() for d in calendar.day_abbr}
    return low in months or low in days or any(low in names for names in GAZETTEER.values())


def _companions(t: str, profile_party: list[str]) -> tuple[_Named | None, int | None]:
    """Relations named as travelling ("me, my wife and our 2 kids"): their count, and whether the
    requester comes too; and where a loose number ("a few colleagues") leaves the count open."""
    counts: dict[str, int] = {}
    from_profile: str | None = None  # "the kids", counted from the profile's companions
    first: int | None = None
    last, vague, category, source = -1, None, False, "stated"
    for m in _REL.finditer(t):
        if t[m.end() : m.end() + 1] in ("'", "’") or _stays_behind(t, m):
            continue
        stem = (m.group("two") or m.group("one")).lower()
        n = m.group("n") or m.group("n2")
        if stem in counts:  # "our 3 kids ... with these kids": the same people again
            counts[stem] = max(counts[stem], int(n)) if n else counts[stem]
            continue
        if _VAGUE_COUNT.search(t[max(0, m.start() - 30) : m.start()]):
            vague = m.start()
            continue
        if stem in _CATEGORY and not n:
            continue  # "per person", "the traveller": no count
        bare = not n and not re.match(r"(?i)(?:my|our|the|his|her)\b", m.group(0))
        if bare and not re.search(
            r"(?:^|[,&+/(]|\b(?:and|with|plus|for|me|i|book|bring\w*|add|a|an))\s*$", t[: m.start()], re.I
        ):
            continue  # "the regional partner summit": a word about something else
        if m.group("two"):
            k = int(n) if n else 2
        elif n:
            k = int(n)
        elif m.group("pl") and stem not in _CATEGORY:
            if not profile_party:
                vague = m.start()  # "me and the kids", nobody says how many
                continue
            k, source = max(1, len(profile_party) - sum(counts.values())), "inferred"
            from_profile = stem
        else:
            k = 1
        counts[stem] = k
        category = category or stem in _CATEGORY
        first = m.start() if first is None else first
        last = m.end()
    for nm in _NAMES_WITH_ME.finditer(t):
        said = nm.group("after") or nm.group("before")
        at = nm.start("after") if nm.group("after") else nm.start("before")
        for name in re.finditer(_NAME, said):
            word, pos = name.group(), at + name.start()
            if word in _NOT_NAMES or _is_calendar_or_place(word) or word.lower() in counts:
                continue
            if re.match(r"(?i)(?:air(?:ways|lines?)?|airline|aviation|express)$", word) or re.match(
                r"\s+(?:Air(?:ways|lines)?)\b", t[pos + len(word) : pos + len(word) + 10]
            ):
                continue  # "I won't fly Boreal Airways, I had ...": an airline's name, not a person
            if re.search(r"(?i)\b(?:" + _ONE + r")s?\s+$", t[max(0, pos - 20) : pos]):
                continue  # "my colleague Sarah": the relation already counted her
            counts[word.lower()] = 1
            first = pos if first is None else min(first, pos)
            last = max(last, pos + len(word))
    if from_profile is not None:  # "me, Marc and the kids": the kids are the companions not named
        counts[from_profile] = max(
            1, len(profile_party) - sum(n for k, n in counts.items() if k != from_profile)
        )
    fam = re.search(r"\b(?:me and|with) (?:the|my) family\b|\bthe whole family\b", t, re.I)
    if fam:
        return _Named(fam.start(), fam.end(), len(profile_party), True, "inferred"), None
    if not counts or first is None:
        return None, vague
    window = t[max(0, first - 60) : last + 40]
    me = bool(_WITH_ME.search(window)) and not _NOT_ME.search(t) and not category
    return _Named(first, last, sum(counts.values()), me, source, category), vague


_ROOMS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"\b(?:a|one|1)\s+(?:\w+\s+)?room\s+(?:each|per (?:person|head|travell?er|guest)|apiece)\b"
                r"|\brooms?,?\s+(?:one|1)\s+each\b|\b(?:one|1)\s+(?:room\s+)?each\b", re.I), "each"),
    (re.compile(r"\b(\d+)\s+(?:\w+\s+)?rooms?\b", re.I), "count"),  # "two separate rooms": the number
    (re.compile(r"\b(?:separate|own|individual)\s+rooms?\b", re.I), "each"),
    (re.compile(r"\b(?:a|one|single|double|twin|king|queen)\s+(?:\w+\s+)?room\b", re.I), "one"),
]  # fmt: skip


def rooms(text: str, travelers: int | None) -> int | None:
    """The rooms the words give; the last said wins ("two rooms. Actually, one room is fine")."""
    t = digits(text)
    said: list[tuple[int, int | None]] = []
    taken: list[tuple[int, int]] = []
    for rx, kind in _ROOMS:
        for m in rx.finditer(t):
            if any(m.start() < b and a < m.end() for a, b in taken):
                continue
            if kind == "count" and int(m.group(1)) > 9:
                continue
            taken.append((m.start(), m.end()))
            said.append((m.start(), travelers if kind == "each" else 1 if kind == "one" else int(m.group(1))))
    each = re.findall(r"\b(?:a|one)\s+(?:[\w-]+\s+)?room\s+for\b", t, re.I)
    if len(each) >= 2:
        return len(each)  # "a room for me and a room for my boss"
    return max(said)[1] if said else None


# --- money ----------------------------------------------------------------------------------------
_AMOUNT = re.compile(
    r"(?P<cur>[$€£]|\b(?:usd|us\$|dollars?)\s)?\s?(?P<num>\d{1,3}(?:[\u00a0\u202f ]\d{3})+(?=\s?(?:usd|dollars|bucks|\$|€|£))|(?<=[$€£])\d{1,3}(?:[\u00a0\u202f ]\d{3})+(?!\d)|\d[\d,]*(?:\.\d+)?)\s?(?P<k>k|grand|thousand)?(?:\s?(?:dollars|usd|bucks))?(?![\d:])",
    re.I,
)
_NIGHT = re.compile(  # "$150 a night", "$150 per room per night", "$150 a room a night", "$150/room/night"
    r"^\s*(?:(?:a|per|/|each|every)\s*room,?\s*)?(?:(?:a|per|/|each|every)\s*night|nightly|/\s*n(?:ight|t)\b)",
    re.I,
)
_NOT_BUDGET = re.compile(
    r"^\s*(?:more|extra|less|cheaper|dearer|off|difference|per (?:flight|leg|ticket|bag)|each way|a ticket)\b",
    re.I,
)
# "$900 per person", "$400 each", "£300 a head": an amount for one traveller, not for the party
_PER_HEAD = re.compile(
    r"^\s*(?:per (?:person|head|traveller|traveler|passenger|pax)|each|a head|a person|pp|apiece)\b", re.I
)
# "each ticket under $150", "per flight max $200": an amount for one charge, not the trip
_PER_CHARGE = re.compile(
    r"\b(?:(?:each|every|per|a|any|one|single|individual)\s+|the\s+)(?:ticket|flight|fare|leg|seat|charge|"
    r"booking|transaction|item|purchase)s?\b[^.;$]{0,25}$",
    re.I,
)
_FOR_FLIGHTS = re.compile(
    r"^\s*(?:\w+\s+){0,2}(?:for|on) (?:the |my |our )?(?:flights?|tickets?|fares?|airfare)\b", re.I
)
_THRESHOLD = re.compile(
    r"\b(?:anything|something|whatever|if (?:it'?s|it is|the (?:total|trip|price) is)|when(?:ever)? it'?s|it (?:goes|comes to))"
    r"\s+(?:above|over|more than|beyond)\s*$|(?<!not )(?<!never )(?<!n't )\b(?:exceeds?|exceeding)\s*$",
    re.I,
)
_WHOLE_TRIP = re.compile(
    r"\b(budget|total|in total|all in|all-in|altogether|overall|whole (?:thing|trip|stay)|entire (?:trip|stay)|"
    r"everything|the trip)\b",
    re.I,
)
_PART = re.compile(r"\b(hotels?|rooms?|stay|nights?|flights?|fares?|tickets?|seats?|airfare)\b", re.I)
_CAP = re.compile(
    r"\b(budget|under|max|maximum|up to|no more than|not more than|within|at most|cap|all in|total|"
    r"whole (?:thing|trip)|spend|afford|got|have|below|less than|keep it|limit|capped|ceiling|tops|"
    r"(?:can't|cannot|won't|not|never|mustn't)\s+(?:\w+\s+)?(?:over|above|beyond|more than))\b",
    re.I,
)


@dataclass
class Money:
    budget: float | None = None
    nightly: float | None = None
    nightly_soft: bool = False
    vague_budget: bool = False
    per_head: float | None = None  # the most the trip may cost for each traveller

    def trip_budget(self, travelers: int | None) -> float | None:
        """The most the whole trip may cost: the stated total, or the per-head amount for everyone."""
        head = self.per_head * (travelers or 1) if self.per_head is not None else None
        caps = [c for c in (self.budget, head) if c is not None]
        return min(caps) if caps else None


_A_THOUSAND = re.compile(
    r"\b(?:a|one)\s+(grand|thousand(?=\s+(?:dollars|bucks|usd)\b|\s*(?:[.,;!?]|$)))", re.I
)
_AMOUNT_FIX = re.compile(
    r"\b(?:instead|make (?:that|it)|actually|rather|scratch that|change (?:that|it) to|no,|sorry,?|i mean)\b",
    re.I,
)


def money(text: str) -> Money:
    t = _A_THOUSAND.sub(r"1 \1", digits(text))  # "a grand" -> "1 grand"
    out = Money()
    hedged_budget: float | None = None
    tiers: list[list[float]] = [[], [], [], []]
    fixed: float | None = None
    for m in _AMOUNT.finditer(t):
        num = float(re.sub(r"[,\s]", "", m.group("num")))  # "1,300", "1 300" (a space groups thousands)
        k = (m.group("k") or "").lower()
        if k:
            num *= 1000
        before = t[max(0, m.start() - 45) : m.start()]
        after = t[m.end() : m.end() + 20]
        has_cur = (
            bool(m.group("cur"))
            or bool(re.search(r"usd|dollars|bucks", m.group(0), re.I))
            or bool(re.match(r"\s?(dollars|usd|bucks)", t[m.end() - 8 : m.end() + 8], re.I))
        )
        if re.match(
            r"\s*(am|pm|nights?|days?|stars?|people|rooms?|of us|kids|:|st|nd|rd|th|%|miles|points|km)\b",
            after,
            re.I,
        ):
            continue
        per_night = _NIGHT.search(after) or re.match(
            r"\s*(?:on|for) (?:the |a )?(?:room|hotel)\s+(?:a|per|each|every) night\b",
            t[m.end() : m.end() + 30],
            re.I,
        )
        if not (
            has_cur or k or per_night or re.search(r"\b(dollars|bucks)\b", t[m.start() : m.end() + 10], re.I)
        ):
            if (
                not re.search(
                    r"\b(budget|under|max|maximum|up to|limit|cap|spend|afford|pay|below|at most|no more than|less than)(?:\s+(?:is|of|a|about|around))?\s*:?\s*$",
                    before,
                    re.I,
                )
                or num < 50
            ):
                continue
        said_of = re.split(r"[.;!?]", before)[-1]
        if (
            per_night
            or re.search(r"\bnightly\b", before[-20:], re.I)
            or re.search(r"\b(?:nightly|room|hotel) rate\b|\brate per night\b", said_of, re.I)
        ):
            out.nightly = num
            out.nightly_soft = soft(before + t[m.end() : m.end() + 40])
            continue
        clause = re.split(r"[.;!?]", before)[-1]
        if _NOT_BUDGET.search(after) or _THRESHOLD.search(clause[-25:]) or _PER_CHARGE.search(clause):
            continue  # a difference ("$150 more per flight"), an approval threshold ("anything above
            # $1,000") or a cap on one charge ("each ticket under $150"): not what the whole trip may cost
        if head := _PER_HEAD.search(after):
            if not _FOR_FLIGHTS.search(after[head.end() :] + t[m.end() + 20 : m.end() + 40]):
                out.per_head = num if out.per_head is None else min(out.per_head, num)
            continue
        comma = "," if m.group(0).rstrip().endswith(",") else ""  # "$350, and the budget": the amount took it
        said = clause + re.split(r"[.;!?,]|\bbut\b", comma + after)[0]
        part = bool(_PART.search(said)) and not _WHOLE_TRIP.search(said)
        if _AMOUNT_FIX.search(before[-30:] + t[m.end() : m.end() + 12]) and (_CAP.search(said) or has_cur):
            fixed = num  # a later amount said as a correction ("no, make that $1,500") replaces the rest
            continue
        # a hedged amount ("under $1,200 would be ideal but up to $1,500 is ok") yields to a firm one
        if (_CAP.search(said) or has_cur) and soft(
            re.split(r"\bbut\b", clause)[-1]
            + re.split(r"\bbut\b|[,.;!?]", comma + t[m.end() : m.end() + 40])[0]
        ):
            hedged_budget = num if hedged_budget is None else min(hedged_budget, num)
        elif _WHOLE_TRIP.search(said):
            tiers[0].append(num)
        elif _CAP.search(said):
            tiers[2 if part else 1].append(num)
        elif has_cur and not part:
            tiers[3].append(num)
    # the whole trip's cap ("budget $900", "$2k all in") first; then a cap said of nothing in
    # particular ("up to $1,500"); then one said of a part ("keep the hotel under $350"), which is the
    # trip's only when nothing else is; a bare amount ("last time it cost $700") only when no cap is
    # said at all, and never one said of a part ("the room was $400"); a correction wins over all;
    # a hedged amount only when nothing firm is said
    firm = next((min(x) for x in tiers if x), None)
    out.budget = fixed if fixed is not None else firm if firm is not None else hedged_budget
    if out.budget is None and re.search(r"\b(usual|normal|regular) budget\b", t, re.I):
        out.vague_budget = True
    return out


# --- times ----------------------------------------------------------------------------------------
_TIME = re.compile(
    r"\b(?P<h>\d{1,2})(?::(?P<m>\d\d))?\s*(?P<ap>a\.?m\.?|p\.?m\.?)?(?!\d)|\b(?P<word>noon|midnight)\b", re.I
)


def clock(m: re.Match[str], pm_default: bool = False) -> dt.time | None:
    if m.group("word"):
        return dt.time(12) if m.group("word").lower() == "noon" else dt.time(0)
    h, mins = int(m.group("h")), int(m.group("m") or 0)
    ap = (m.group("ap") or "").lower().replace(".", "")
    if h > 23 or mins > 59:
        return None
    if ap == "pm" and h < 12:
        h += 12
    elif ap == "am" and h == 12:
        h = 0
    elif not ap and pm_default and 1 <= h <= 7:
        h += 12
    return dt.time(h, mins)


_NEG = r"(?:can't|cannot|can not|won't|not|don't want to|don't|do not|no|nothing|never|mustn't)"
_GO = r"(?:leav\w*|go|going|depart\w*|fly|flying|flights?|take off|taking off|out)"
_ARRIVE = r"(?:land\w*|arriv\w*|get(?:ting)? (?:in|there|home))"
_LIMIT = re.compile(
    # a negated departure "before" ("can't take anything leaving before 9", "nothing before 10am")
    r"(?P<da>" + _NEG + r"\s+(?:\w+\s+){0,3}?" + _GO + r"(?:\s+\w+)?\s+(?:before|earlier than)"
    r"|nothing\s+before|no earlier than|not before|leav\w+ after|depart\w* after|must leave after|after"
    r"|(?:earliest|first)\s+(?:departure|take-?off)(?:\s+(?:time|is|at|of))*)\b"
    # a negated "after" is a bound the other way ("can't land after 9pm" = land by 9pm)
    r"|(?P<ab>" + _NEG + r"\s+(?:\w+\s+){0,2}?" + _ARRIVE + r"(?:\s+\w+)?\s+(?:after|later than)"
    r"|(?:land(?:s|ing)?|arriv(?:e|es|ing|al)|be (?:home|back|there|in \w+)|get (?:in|there|home))(?:\s+(?:in|at|into)\s+\w+(?:\s+[A-Z]\w+)?)?"
    r"\s+(?:by|before|no later than)|no later than|(?:latest|last)\s+(?:arrival|landing)(?:\s+(?:time|is|at|of))*)"
    r"|(?P<db>" + _NEG + r"\s+(?:\w+\s+){0,3}?" + _GO + r"(?:\s+\w+)?\s+(?:after|later than)"
    r"|(?:leav(?:e|es|ing)|depart\w*)\s+(?:by|before|no later than)|(?:latest|last)\s+(?:departure|take-?off)(?:\s+(?:time|is|at|of))*)"
    r"|(?P<aa>(?:land|arrive)\s+after|(?:earliest|first)\s+(?:arrival|landing)(?:\s+(?:time|is|at|of))*)",
    re.I,
)
_BETWEEN = re.compile(
    r"\b(?:(?P<arr>"
    + _ARRIVE
    + r")\s+|"
    + _GO
    + r"\s+)?(?:\w+\s+)?between\s+(?P<a>[\w:.]+(?:\s*[ap]\.?m\.?)?)\s+and\s+"
    r"(?P<b>[\w:.]+(?:\s*[ap]\.?m\.?)?)",
    re.I,
)


_HOURS = {
    w: i for i, w in enumerate("one two three four five six seven eight nine ten eleven twelve".split(), 1)
}
_HOUR_WORD = re.compile(
    r"\b(?P<p>by|before|after|than|at) ("
    + "|".join(_HOURS)
    + r")\b(?=\s*(?:o'clock|am|pm|a\.m\.|p\.m\.|in the|at night|[,.;!?)]|$|\s+(?:and|or|but|so|please|latest|sharp|tops)\b))",
    re.I,
)


def time_limits(clause: str) -> list[tuple[str, dt.time]]:
    """("depart_after" | "arrive_before" | ..., time) said in a clause."""
    out = _between(clause)
    if out:
        return out
    clause = _HOUR_WORD.sub(
        lambda h: f"{h.group('p')} {_HOURS[h.group(2).lower()]}", clause
    )  # "land by six" -> "land by 6"
    for m in _LIMIT.finditer(clause):
        rest = clause[m.end() : m.end() + 40].lstrip()
        tm = _TIME.match(rest)
        said = bool(tm and (tm.group("ap") or tm.group("m") or tm.group("word")))
        part = (
            re.match(
                r"\s*(?:o'clock\s+)?(in the morning|in the afternoon|in the evening|at night)\b",
                rest[tm.end() :],
                re.I,
            )
            if tm
            else None
        )
        if tm and part and not said and tm.group("h"):  # "3 in the afternoon" is 15:00
            half = "am" if "morning" in part.group(1).lower() else "pm"
            tm, said = _TIME.match(f"{tm.group('h')}:00{half}"), True
        if not tm or not (
            said
            or m.group("da")
            or (m.group("ab") and tm.group("h") and re.search(_ARRIVE + r"|\bbe\b", m.group(0), re.I))
        ):
            continue  # a bare hour is a time after "leave after" or "land by" ("must land by 6"), not after "by" alone
        if m.group("da") and m.group("da").lower() == "after" and not tm.group("ap") and not tm.group("word"):
            if not re.search(
                r"\b(leav|depart|fly|flight|anything)\w*\b", clause[max(0, m.start() - 30) : m.start()], re.I
            ):
                continue
        when = clock(tm, pm_default=True)
        if when is None:
            continue
        kind = next(k for k in ("da", "ab", "db", "aa") if m.group(k))
        if when == dt.time(0) and kind in ("ab", "db"):
            when = dt.time(23, 59)  # "land before midnight": by the end of that day, not before it starts
        out.append(
            (
                {"da": "depart_after", "ab": "arrive_before", "db": "depart_before", "aa": "arrive_after"}[
                    kind
                ],
                when,
            )
        )
    return out


def _between(clause: str) -> list[tuple[str, dt.time]]:
    """ "depart between 6 and 9am", "land between noon and 3pm": both bounds; the second's am/pm holds
    for the first when the first has none."""
    m = _BETWEEN.search(clause)
    if not m:
        return []
    a, b = _TIME.fullmatch(m.group("a").strip()), _TIME.fullmatch(m.group("b").strip())
    if not a or not b or not (b.group("ap") or b.group("word") or b.group("m")):
        return []
    end = clock(b, pm_default=True)
    start = clock(a) if a.group("ap") or a.group("word") else None
    if start is None and end is not None and a.group("h"):
        start = clock(_TIME.fullmatch(a.group("h") + (b.group("ap") or "")) or a, pm_default=True)
        if start is not None and start > end:  # "between 11 and 2pm": 11 in the morning
            start = dt.time(start.hour - 12, start.minute) if start.hour >= 12 else start
    if start is None or end is None:
        return []
    side = "arrive" if m.group("arr") else "depart"
    return [(f"{side}_after", start), (f"{side}_before", end)]


AMENITIES: dict[str, str] = {
    "gym": r"gym|fitness|workout", "pool": r"pool|swimming", "spa": r"spa", "breakfast": r"breakfast",
    "wifi": r"wi-?fi|internet", "parking": r"parking|park the car|(?:somewhere|place|space|spot) to park|garage", "airport-shuttle": r"airport shuttle|shuttle",
    "business-centre": r"business cent(?:re|er)", "restaurant": r"restaurant", "bar": r"bar",
    "pet-friendly": r"(?:pet|dog)[\s-]?friendly|(?:pets?|dogs?|cats?) (?:are |must be |need to be |should be )?(?:allowed|welcome)|allows? (?:dogs?|pets?|cats?)|(?:the|my|our) dog|(?:the|my|our) cat", "kitchen": r"kitchen\w*",
    "crib": r"crib|cot", "accessible": r"accessible|wheelchair|step-free",
}  # fmt: skip
AMENITY_RX = {k: re.compile(r"\b(?:" + v + r")\b", re.I) for k, v in AMENITIES.items()}
