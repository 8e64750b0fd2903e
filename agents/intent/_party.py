"""Who travels and how many rooms: the party ("me, my wife and our 2 kids", "a party of 4", "just me")
and the rooms the words ask for ("two rooms", "a room each").

The last group said wins ("three people... just the two of us" -> 2); a group and the relations
joined to it add up ("us two and the baby" -> 3), but a count of the whole party holds the people
named beside it ("a family of 5 incl. 2 kids" -> 5); who is only mentioned (visited, met, staying
home: ``_who_flies``) does not travel; a loose number ("a few colleagues") or a bare "we" leaves the
count open, and "the kids" is counted from the traveller's profile.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz.distance import DamerauLevenshtein

from agents.intent._text import I_FORMS, ME_FORMS, OCCASIONS, any_of, digits
from agents.intent._who_flies import (
    MEMBERS,
    PET,
    calendar_or_place,
    inside,
    joined,
    not_flying,
    only_we,
    profile_names,
    stays_behind,
)

_ONE = (r"wife|husband|partner|spouse|girlfriend|boyfriend|fianc[eé]e?|brother|sister|son|daughter|grandson|granddaughter|grandkid|grandchild|mom|mum|"
        r"mother|dad|father|grandma|grandmother|grandpa|grandfather|boss|manager|colleague|coworker|"
        r"friend|buddy|buddies|mate|bro|sis|boy|girl|cousin|aunt|uncle|niece|nephew|kiddo|kid|child|baby|toddler|infant|teen|teenager|"
        r"assistant|intern|student|client|team lead|ceo|chairman|guest|adult|traveller|traveler|person|passenger")  # fmt: skip
_TWO = r"parents|twins|grandparents|in-laws"
_REL = re.compile(
    r"\b(?:(?P<n>\d+)\s+)?(?:(?:my|our|the|his|her)\s+)?(?:(?P<n2>\d+)\s+(?:(?:little|young|teenage|small|older|younger|grown|grown-up|adult)\s+)?)?"
    r"(?:(?P<two>" + _TWO + r")|(?P<one>" + _ONE + r")(?P<pl>s|ren|ies)?)\b",
    re.I,
)
#: Nouns that count the whole party ("3 adults and 2 children"): the requester is among them.
_CATEGORY = frozenset("adult person passenger traveller traveler guest".split())
_GROUP = re.compile(
    r"\b(?:party of|family of|group of|team of|crew of|table for|for)\s+(?P<n>\d+)\b"
    # "for 1" before a singular thing is no head-count: "enough hostels for 1 lifetime", "for 1 reason"
    r"(?:(?<!\bfor\s1)|(?!\s+(?:lifetime|time|reason|thing|night|day|week|moment|while|trip|year)\b))"
    r"(?!\s*(?:nights?|days?|weeks?|rooms?|\$|am|pm|stars?|hours?|hrs?|h\b|minutes?|mins?|months?|years?|miles?|km|(?:-|–|to|till|until|thru|through)\s*\d))"
    # "we are four", "there are 3 of us", "we're a family of five": the whole party
    r"|\b(?:we are|we're|there are|there'll be|there will be)\s+(?P<n6>\d+)\b(?!\s*(?:nights?|days?|weeks?|rooms?|hours?))"
    r"|\b(?:the|all)\s+(?P<n2>\d+)\s+of\s+(?:us|them)\b|\bjust the (?P<n3>\d+) of (?:us|them)\b"
    # ("one of us can go with them" names a member, not the party's size)
    r"|\b(?P<n4>\d+)\s+(?:people|ppl|persons|passengers|pax|travell?ers|adults|guests|(?<!\b1\s)of us|seats|tickets|occupants|attendees|participants)\b"
    # "for our three engineers": a number of people named by their role, the requester not among them
    r"|\bfor\s+(?:my|our|the|his|her|their)\s+(?P<n5>\d+)\s+"
    r"(?!(?:nights?|days?|weeks?|rooms?|bags?|flights?|legs?|tickets?|hours?|stops?|stars?|suitcases)\b)[a-z]+s\b",
    re.I,
)
_PAIR = re.compile(
    r"\b(both of us|the pair of us|us both|we both|us (?:two|2)|the both of us"
    r"|(?:we're|we are|as) a couple(?!\s+(?:of|more|\w+s)\b))\b",
    re.I,
)
_VAGUE_PARTY = re.compile(
    r"\b(a couple of us|a few of us|a few (?:colleagues|friends)|some friends|a group|girls' trip|the team|"
    r"(?:the|my|our) (?:\w+ )?team\b(?! lead))",
    re.I,
)
#: A number said loosely before a relation: "a few colleagues", "some friends", "a couple of the interns".
_VAGUE_COUNT = re.compile(
    r"\b(?:a few|some|several|a couple of|a bunch of|a handful of|a number of|various|many)\s+"
    r"(?:(?:of\s+)?(?:my|our|the|his|her)\s+)?(?:[a-z]+\s+)?$",  # "a couple of my college friends"
    re.I,
)
_ME_PLUS = re.compile(
    r"\b(?:me|myself|i)\s*(?:plus|\+)\s*(?P<n>\d+)\b(?!\s*(?:nights?|days?|weeks?|rooms?|bags?|kids?|children|am|pm))",
    re.I,
)
#: People named in a list with the requester: "me, Tom and Priya", "Sarah and I".
_NAME = r"[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]+"  # accented names too: "Léa", "Zoë", "Émile"
_AGED = _NAME + r"(?:\s*\(\s*(?:age\s+|aged\s+)?\d{1,2}\s*(?:y(?:rs?|ears?)?(?:\s*old)?)?\s*\))?"  # "Léa (9)"
_NAMES_WITH_ME = re.compile(
    r"\b(?:[Mm]e|[Mm]yself|I)(?:\s*,\s*|\s+and\s+|\s*&\s*)(?P<after>"  # "Me and Carl" opens a sentence
    + _AGED
    + r"(?:(?:\s*,\s*(?:and\s+)?|\s+and\s+|\s*&\s*)"
    + _AGED
    + r")*)"
    r"|(?P<before>"
    + _NAME
    + r"(?:(?:\s*,\s*|\s+and\s+)"
    + _NAME
    + r")*)(?:\s*,\s*|\s+and\s+)(?:I|me|myself)\b(?![\'’])"
)
_NOT_NAMES = frozenset(
    "I Me My Our The A We Please Thanks Hi Hello Just Only Book Flights Flight Hotel Mr Mrs Ms Dr Also And".split()
    + "Sorry Actually Oh Ok Okay Yes No So But Then Hey Cheers Oops Well Wait Maybe Ideally".split()  # "Sorry, I meant"
)
_TITLE = r"(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof)\.?\s+[A-Z][a-z]+"
#: Someone booked for by title and name: "return flights for Ms. Alvarez", "for Dr. Okafor and Mr. Lee".
_TITLED = re.compile(r"\bfor\s+" + _TITLE + r"(?:\s+and\s+" + _TITLE + r")*")
_NOT_ME = re.compile(
    r"\b(i'm not|i am not|not) (?:travelling|traveling|coming|going)(?: myself)?\b|\bon (?:her|his|their) behalf\b"
    # a booking for someone who arrives on their own: "a room for a client who's flying in"
    r"|\bfor (?:a|an|my|our|the) (?:[\w-]+ ){0,2}?[\w-]+,? who(?:'s|’s| is| are|'re| will be)\s+(?:flying|coming|arriving|visiting|landing)\b",
    re.I,
)
_ALONE = re.compile(
    r"\b(just me|only me|by myself|on my own|alone|solo|just myself|me only|for myself(?! and)|just (?:him|her)|only (?:him|her)"
    r"|(?:i'm|i am) the only (?:one|1)(?: (?:flying|travell?ing|going|coming))?|no ?one else(?:'s| is)? (?:coming|flying|travell?ing))\b",
    re.I,
)
_FIRST = re.compile(rf"\b({any_of(*I_FORMS, *ME_FORMS)})\b", re.I)
#: A relation is with the requester: "me and my wife", "add my son", "my son is coming too".
_WITH_ME = re.compile(
    r"\b(me|i|myself|us|we|add|adding|bring\w*|tak(?:e|es|ing)|too|also|as well|along|join\w*)\b", re.I
)
#: A relation who drops out: "her dad can't get off work", "my brother isn't coming after all".
_DROPS = re.compile(
    r"^\s+(?:can't|cannot|can not|won't|will not|isn't|is not|doesn't|does not|couldn't|no longer)\s+"
    r"(?:\w+\s+){0,2}?(?:come|coming|make it|get off|join|joining|travel|fly|go|going)\b",
    re.I,
)
#: Which pair nouns hold a relation said later ("my parents ... Dad"): the same person again.
_IN_PAIR = {"mom": "parents", "mum": "parents", "mother": "parents", "dad": "parents", "father": "parents",
            "grandma": "grandparents", "grandmother": "grandparents", "grandpa": "grandparents",
            "grandfather": "grandparents"}  # fmt: skip
#: A group the traveller does something to there ("taking the team to dinner", "meeting the team"): no party.
_MET = re.compile(
    r"\b(?:tak(?:e|es|ing)|meet\w*|see(?:ing)?|visit\w*|treat\w*|host\w*|brief\w*|present\w* to)\s+$"
    rf"|\b(?:{any_of(*OCCASIONS)})\s+with\s+$",
    re.I,
)


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
    t = _spelt(digits(text))
    off = not_flying(t)
    groups: list[tuple[int, int, int]] = []  # (start, end, count)
    whole: set[int] = set()  # where a count of the whole party is said ("the 4 of us", "a family of 5")
    for m in _GROUP.finditer(t):
        n = int(next(g for g in m.group("n", "n2", "n3", "n4", "n5", "n6") if g))
        elided = m.group("n") and re.search(
            r"\bfor\s+\d+\s+(?:nights?|days?|weeks?)\b", t[max(0, m.start() - 60) : m.start()], re.I
        )
        beside = re.search(r"\b(?:with|by|beside|next to)\s+$", t[max(0, m.start() - 12) : m.start()], re.I)
        if (
            1 <= n <= 9 and not elided and not beside
        ):  # "sit with one of us": no count of the party  # "Tokyo for 3 nights then Singapore for 2": nights, not people
            groups.append((m.start(), m.end(), n))
            if m.group("n2", "n3", "n6") != (None, None, None) or re.match(
                r"(?i)(?:party|family|group) of|\d+\s+of us", m.group()
            ):
                whole.add(m.start())
    for m in _PAIR.finditer(t):
        groups.append((m.start(), m.end(), 2))
    for m in _ME_PLUS.finditer(t):  # "myself plus 2", "me + 3"
        if 1 <= int(m.group("n")) <= 8:
            groups.append((m.start(), m.end(), int(m.group("n")) + 1))
    named, vague = _companions(t, profile_party, off)
    ends = {start: end for start, end, _ in groups}
    best: tuple[int, int, str] | None = None  # (position, count, source)
    for start, end, n in sorted(groups):
        if named is not None and named.first <= start < named.last and start not in whole:
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
    if (
        named is not None
        and (best is None or (named.first >= best[0] and best[0] not in whole))
        and not _spelt_out(t, best, ends, named.first)
    ):  # a count of the whole party holds the people named beside it ("a family of 5 incl. 2 kids")
        best = (named.first, named.count + (1 if named.me else 0), named.source)
    alone = list(_ALONE.finditer(t))
    if alone and (best is None or alone[-1].start() > best[0]):
        best = (alone[-1].start(), 1, "stated")
    if (
        vague is not None
        and (best is None or vague > best[0])
        and not _spelt_out(t, best, ends, vague)
        and not _said_again(t, best, ends, vague)
    ):
        return Party(None, "assumed", vague=True)
    if best is not None:
        return Party(best[1], best[2])
    if any(
        not _MET.search(t[max(0, v.start() - 24) : v.start()]) and not inside(off, v.start())
        for v in _VAGUE_PARTY.finditer(t)
    ):
        return Party(None, "assumed", vague=True)
    if titled := _TITLED.search(t):  # "flights for Ms. Alvarez (and Mr. Chen)": the people named travel
        return Party(1 + len(re.findall(r"\band\s+" + _TITLE, titled.group())), "stated")
    if profile_party or only_we(t):  # "we need flights": who "we" are is asked, not guessed
        return Party(None, "assumed", vague=True)
    return Party(1, "stated" if _FIRST.search(t) else "assumed")


def _spelt_out(t: str, best: tuple[int, int, str] | None, ends: dict[int, int], vague: int) -> bool:
    """ "Four of us: me, my husband and our girls": the people listed after a count (a colon, a dash or a
    bracket, in the same sentence) are the count spelt out, not more of them, however loosely named."""
    if best is None or best[2] != "stated" or best[0] not in ends:
        return False
    return bool(re.match(r"\s*(?:of (?:us|them)\s*)?[:(\-–—]\s*[^.;!?]*$", t[ends[best[0]] : vague]))


def _said_again(t: str, best: tuple[int, int, str] | None, ends: dict[int, int], vague: int) -> bool:
    """ "4 of us: me, my husband and our girls ... the girls can't fly separately": people named again,
    after the count spelt them out, are the same people."""
    if best is None or best[0] not in ends:
        return False
    listed = re.match(r"\s*(?:of (?:us|them)\s*)?[:(\-–—]\s*([^.;!?]*)", t[ends[best[0]] :])
    m = _REL.match(t, vague) or _REL.search(t, vague, vague + 30)
    if not listed or m is None:
        return False
    word = (m.group("one") or m.group("two") or "").lower()
    return bool(word) and re.search(r"\b" + re.escape(word), listed.group(1), re.I) is not None


_RELATIONS = [w for w in re.split(r"[|]", _ONE + "|" + _TWO) if len(w) >= 5 and w.isalpha()]


def _spelt(t: str) -> str:
    """A relation misspelt after a possessive, one letter added, dropped, changed or swapped and the
    first letter right ("our daugther", "my husbnad"), as the word it misspells."""

    def fix(m: re.Match[str]) -> str:
        word = m.group(2)
        if re.fullmatch(_ONE + "|" + _TWO, word, re.I) or re.fullmatch(
            r"(?:" + _ONE + r")(?:s|ren|ies)", word, re.I
        ):
            return m.group(0)
        near = [
            r
            for r in _RELATIONS
            if r[0] == word[0].lower() and DamerauLevenshtein.distance(word.lower(), r) == 1
        ]
        return m.group(1) + near[0] if len(near) == 1 else m.group(0)

    return re.sub(r"\b((?:my|our|her|his|their)\s+)([A-Za-z]{5,})\b", fix, t)


def _companions(
    t: str, profile_party: list[str], off: list[tuple[int, int]]
) -> tuple[_Named | None, int | None]:
    """Relations named as travelling ("me, my wife and our 2 kids"): their count, and whether the
    requester comes too; and where a loose number ("a few colleagues") leaves the count open."""
    counts: dict[str, int] = {}
    from_profile: str | None = None  # "the kids", counted from the profile's companions
    first: int | None = None
    last, vague, category, source = -1, None, False, "stated"
    dropped = from_at = named_end = 0
    taken: list[tuple[int, int]] = []  # "two members of my team": the group word is no relation of its own
    for g in MEMBERS.finditer(t):  # ("meeting 3 members of my team": people met there, not flown)
        if not inside(off, g.start()) and not _MET.search(t[max(0, g.start() - 24) : g.start()]):
            counts[f"{g.group('group').lower()}@{g.start()}"] = int(g.group("n"))
            taken.append(g.span())
            first, last = (g.start() if first is None else first), g.end()
    for m in _REL.finditer(t):
        stem = (m.group("two") or m.group("one")).lower()
        if (stem in counts or _IN_PAIR.get(stem) in counts) and _DROPS.match(t[m.end() : m.end() + 40]):
            dropped += 1  # "her dad can't get off work": one fewer of those counted
            continue
        if t[m.end() : m.end() + 1] in ("'", "’") or stays_behind(t, m):
            continue
        if inside(off, m.start()) or inside(taken, m.start()):
            continue  # "my wife and kids are staying home": named, but not flying
        if _IN_PAIR.get(stem) in counts:
            continue  # "my parents ... accessible for Dad": counted with the pair
        n = m.group("n") or m.group("n2")
        tally = re.match(
            r"\s*(?:\(\s*(?:all\s+)?(\d)(?:\s+of\s+them)?\s*\)|[:=]\s*(\d)\b)", t[m.end() : m.end() + 20]
        )
        if tally and not n:
            n = tally.group(1) or tally.group(2)  # "the kids (3 of them)", a form's "Adults: 2, kids: 2"
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
                if joined(t, m):
                    vague = m.start()  # "me and the kids", nobody says how many
                continue  # "home in time to put the kids to bed": not on the trip
            k, source = max(1, len(profile_party) - sum(counts.values())), "inferred"
            from_profile, from_at = stem, m.start()
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
            if word in _NOT_NAMES or calendar_or_place(word) or word.lower() in counts:
                continue
            if inside(off, pos) or PET.match(t, pos + len(word)):
                continue  # "me and Pepper (my dog)": no seat
            if re.match(r"(?i)(?:air(?:ways|lines?)?|airline|aviation|express)$", word) or re.match(
                r"\s+(?:Air(?:ways|lines)?)\b", t[pos + len(word) : pos + len(word) + 10]
            ):
                continue  # "I won't fly Boreal Airways, I had ...": an airline's name, not a person
            if re.search(r"(?i)\b(?:" + _ONE + r")s?\s+$", t[max(0, pos - 20) : pos]):
                continue  # "my colleague Sarah": the relation already counted her
            counts[word.lower()] = 1
            first = pos if first is None else min(first, pos)
            last = max(last, pos + len(word))
            named_end = max(named_end, pos + len(word))
    if not counts and profile_party:  # "Dana and Luis are coming with me": the profile's companions by name
        for who, at in profile_names(t, profile_party, off).items():
            counts[who] = 1
            first, last = (at if first is None else min(first, at)), max(last, at + len(who))
    if (
        from_profile is not None
        and 0 < named_end < from_at
        and not re.fullmatch(
            r"\s*,?\s*(?:and|&|\+|plus|with)\s+(?:(?:the|my|our)\s+)?", t[named_end:from_at], re.I
        )
    ):  # "me, Marc, Léa and Hugo ... one room for the kids": the kids are among those named
        del counts[from_profile]
        from_profile = None
    if from_profile is not None:  # "me, Marc and the kids": the kids are the companions not named
        counts[from_profile] = max(
            1, len(profile_party) - sum(n for k, n in counts.items() if k != from_profile)
        )
    fam = re.search(
        r"\b(?:me and|with) (?:the|my) family\b|\bthe whole family\b|\b(?:the|my) family and (?:me|I|myself)\b",
        t,
        re.I,
    )
    if fam:
        return _Named(fam.start(), fam.end(), len(profile_party), True, "inferred"), None
    if not counts or first is None:
        return None, vague
    window = t[max(0, first - 60) : last + 40]
    # "... with Dana": a companion joins the one asking, who travels too
    joins = bool(re.search(r"\b(?:along with|together with|with)\s+$", t[max(0, first - 20) : first], re.I))
    me = (joins or bool(_WITH_ME.search(window))) and not _NOT_ME.search(t) and not category
    return _Named(first, last, max(1, sum(counts.values()) - dropped), me, source, category), vague
