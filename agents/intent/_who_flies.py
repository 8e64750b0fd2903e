"""Who flies and who is only mentioned: a person named in a request travels only when a clause puts
them on the trip ("me and my wife", "taking my son", "Dana and Luis are coming with me"); people the
traveller visits, meets, is picked up by, or who stay home, approve, book their own flight or join
only at the destination ("my brother is meeting us in Rome", "my husband joins me in Madrid on his
own ticket") are mentioned, not flown.

Two grains: ``stays_behind`` looks at the words around one relation ("visiting my sister", "my boss
says"); ``not_flying`` finds whole clauses whose subject is someone else and whose verb keeps them off
the plane ("the kids stay with grandma", "my wife will pick me up"), so everyone named in that clause
is left out.
"""

from __future__ import annotations

import calendar
import re

from agents.intent._text import I_FORMS, ME_FORMS, OCCASIONS, any_of

#: After a relation, a verb of travelling (or wanting) keeps it in the party; another verb ("my uncle
#: says", "the client moved the kickoff", "my partner follows in May") makes it someone who stays.
TRAVEL_VERB = re.compile(
    r"^(?:com\w*|go\w*|join\w*|fl\w*|travel\w*|tag\w*|head\w*|accompan\w*|need\w*|want\w*|wish\w*|"
    r"too|also|along|included|aged|ages|and|plus|as|is|was|has|us|this|his|yes|its)$",
    re.I,
)
#: Nouns a relation word may qualify ("a client workshop"): the relation is then no traveller.
_THING = (r"workshop|meeting|review|summit|conference|event|dinner|lunch|call|visit|site|office|offsite|kickoff"
          r"|pitch|presentation|demo|account|project|party|wedding|reunion|reception|training|session")  # fmt: skip
_AUX = frozenset("is are was were will has have had can may might should would 's".split())
_ADVERBS = frozenset("just already now finally actually recently kindly".split())
#: Past forms of doing verbs that do not end in "-ed" (a relation who did something stays put).
_IRREGULAR_PAST = frozenset("said told wrote sent gave let lent found made put thought offered".split())


def stays_behind(t: str, m: re.Match[str]) -> bool:
    """The relation is someone the traveller visits, stays with, or who does something else."""
    before = t[max(0, m.start() - 40) : m.start()].lower()
    if re.search(
        r"\b(visit\w*|see|seeing|meet\w*|at|to|had|has|have|near|nearby|close to|next to|beside)\s+(?:my|our|the|a|her|his)?\s*$",
        before,
    ):
        return True
    if re.search(r"\b(?:stay\w*|liv\w*|crash\w*|sleep\w*|put up)\s+with\s+(?:my|our|the|a)?\s*$", before):
        return True
    if re.search(r"\b(?<!joined )(?<!accompanied )(?:by|from)\s+(?:my|our|the|a|his|her)?\s*$", before):
        return True  # who does something, not who travels: "hotels are arranged by the client", "a call from my boss"
    if re.search(
        r"\b(?:day|night|evening|afternoon|time|weekend|dinner|lunch)\s+with\s+(?:my|our|the|a|some)?\s*$",
        before,
    ):
        return True  # "after a day with friends": people met there
    if re.match(r"\s+(?:" + _THING + r")s?\b", t[m.end() : m.end() + 20], re.I) and not m.group("pl"):
        return True  # "a client workshop", "the partner summit": a word about something else
    if re.search(r"\b(?:my|our)\s+\w+'s\s*$|\b(?:i'm|i am|as)\s+(?:a|an)\s+$", before) or (
        re.search(r"\b(?:i'm|i am)\s+$", before) and re.match(r"(?i)(?:her|his|their|the)\b", m.group(0))
    ):
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
    if words[0].lower() in _ADVERBS and len(words) > 1:
        words = words[1:]  # "my cousin just texted": the verb after the adverb
    verb = words[0].lower()
    if verb in _AUX and len(words) > 1:
        return not TRAVEL_VERB.match(words[1]) and not re.match(
            r"(?i)(?:also|too|going|coming|joining)", words[1]
        )
    if verb in _IRREGULAR_PAST:
        return True  # "my brother said I can stay", "my aunt sent the invite"
    return bool(re.match(r"^[a-z]+(?:s|ed)$", verb)) and len(verb) > 3 and not TRAVEL_VERB.match(verb)


#: Where a clause ends: a sentence, a comma, or a word that starts another clause ("..., but it's just
#: me flying", "the kids stay with grandma, so it's only my husband and me").
_BREAK = re.compile(r"[.;!?\n,(]|\b(?:but|so|while|whereas|though|although|because)\b", re.I)
#: The requester as the clause's subject: then the clause is about the trip, not about someone else.
_WE_FORMS = ("we", "we're", "we'll", "we've", "we'd")
_SELF = re.compile(rf"\b(?:{any_of(*I_FORMS, 'im', *_WE_FORMS)})\b", re.I)
#: A verb that keeps its subject off the plane.
_OFF_PLANE = re.compile(
    r"\b(?:stay(?:s|ing)?|remain(?:s|ing)?)\s+(?:at\s+)?(?:home|behind|put|back)\b"
    r"|\bstay(?:s|ing)?\s+with\b"  # "the kids stay with grandma"
    r"|\b(?:is|are|'s|'re|will be|'ll be)\s+already\s+(?:in|at|there|out|over)\b"  # "my team is already in Berlin"
    r"|\b(?:book\w*|buy\w*|bought|got|has|have|pay\w*|paid)\s+(?:for\s+)?(?:his|her|their)\s+own\b"
    r"|\bon\s+(?:his|her|their)\s+own\s+(?:tickets?|flights?|dime|booking)\b"
    # who joins only at the destination: "my brother is meeting us in Rome", "joins me there"
    r"|\b(?:meet\w*|join\w*)\s+(?:me|us)\s+(?:in|at|there|out there|over there|on arrival)\b"
    r"|\bseparately\b|\bindependently\b"  # "Marco is coming separately from a work thing"
    r"|\bpick(?:s|ing|ed)?\s+(?:me|us)\s+up\b|\bpick(?:s|ing|ed)?\s+up\s+(?:me|us)\b"
    # who ferries the traveller about at either end: "my son's dropping me at the airport", "she'll drive
    # us around up there", "my cousin is collecting me from arrivals", "he gives me a lift to the station"
    r"|\b(?:drop\w*|driv\w*|drove|collect\w*|fetch\w*|ferr(?:y|ies|ying|ied)|chauffeur\w*|tak(?:e|es|ing)|took)\s+(?:me|us)\s+"
    r"(?:off|around|round|about|home|(?:to|from|at)\s+(?:the\s+)?(?:airport|station|terminal|gate|arrivals|departures))\b"
    r"|\b(?:giv\w*|gave)\s+(?:me|us)\s+a\s+(?:lift|ride)\b"
    r"|\b(?:can't|cannot|can not|won't|will not|isn't|aren't|is not|are not|not)\s+(?:be\s+)?"
    r"(?:coming|come|joining|join|making it|make it|travell?ing|flying|fly|travel)\b"
    # a limit on when, not an absence: "can't fly on Sunday", "won't travel before 9am"
    r"(?!\s+(?:on|before|after|until|till|by|at|early|late|overnight|red-?eyes?|\d|(?:mon|tue|wed|thu|fri|sat|sun)\w*)\b)",
    re.I,
)


def not_flying(t: str) -> list[tuple[int, int]]:
    """The clauses of ``t`` whose subject is someone else who does not fly ("my wife and kids are
    staying home", "my wife will pick me up"), as (start, end) spans."""
    spans, start = [], 0
    for m in [*_BREAK.finditer(t), None]:
        end = m.start() if m else len(t)
        clause = t[start:end]
        if _OFF_PLANE.search(clause) and not _SELF.search(clause):
            spans.append((start, end))
        start = m.end() if m else end
    return spans


def inside(spans: list[tuple[int, int]], at: int) -> bool:
    return any(a <= at < b for a, b in spans)


#: A number of people taken from a group: "two members of my team", "3 people from the office", "two
#: of my colleagues" (the requester is not among them; a clause with "me" adds the requester).
MEMBERS = re.compile(
    r"\b(?P<n>\d+)\s+(?:(?:members?|people|persons|folks|guys|others|more)\s+(?:of|from)|of)\s+"
    r"(?:my|our|the)\s+(?:[\w-]+\s+)?(?P<group>team|office|department|dept|group|company|firm|family|class|staff|lab|"
    r"colleagues|co-?workers|friends|kids|children|cousins|siblings|students|interns|engineers|reports)\b",
    re.I,
)
#: A pet named with the requester ("me and Pepper (my dog)"): it rides along but holds no seat.
PET = re.compile(
    r"\s*[(,-]?\s*(?:(?:my|our|the|a|her|his)\s+)?(?:\w+\s+)?(?:dog|cat|puppy|pup|kitten|pet|bird|rabbit|hamster)\b",
    re.I,
)
#: The requester speaks only as "we" and says no number: the party is open ("we need flights").
_WE = re.compile(
    r"\b(?i:we|we're|we'll|we'd|we've)\s+(?:\w+\s+){0,2}?(?i:fly|flying|need|want|travel\w*|go|going|head\w*|leav\w*|"
    r"com\w*|arriv\w*|like|land\w*|depart\w*)\b|\b(?i:book|fly|send|take)\s+us\b"
)
#: A "we" that books for someone named by role ("get our engineer to Denver", "for our visiting
#: speaker"): the company's "we", and that person is the traveller.
_OUR_ROLE = re.compile(
    r"\bour\s+(?:(?:new|visiting|lead|senior|junior|chief|guest|keynote|head)\s+)?"
    r"(?!(?:order|offer|center|centre|number|water|letter|computer|calendar|dinner|corner|border|error|summer|winter"
    r"|daughter|sister|brother|mother|father|partner)\b)[a-z]+(?:eer|ant|ent|ist|or|er)\b",
    re.I,
)
_I = re.compile(rf"\b(?:{any_of(*I_FORMS, *ME_FORMS, 'mine', 'im')})\b", re.I)


def only_we(t: str) -> bool:
    """The request puts "we" on the trip ("we need flights", "book us") and never says "I": who "we" are
    is for the agent to ask (not "as we have a corporate rate": a company's "we")."""
    return bool(_WE.search(t)) and not _I.search(t) and not _OUR_ROLE.search(t)


def profile_names(t: str, profile_party: list[str], skip: list[tuple[int, int]]) -> dict[str, int]:
    """The profile's companions named by first name in a clause that puts them on the trip, with
    where each is first named ("Dana and Luis are coming with me")."""
    found: dict[str, int] = {}
    for member in profile_party:
        first = member.split()[0] if member.split() else ""
        if len(first) < 2:
            continue
        m = re.search(r"\b" + re.escape(first) + r"\b(?![’']s)", t)
        if m and not inside(skip, m.start()) and not calendar_or_place(first) and _on_trip(t, m):
            found[first.lower()] = m.start()
    return found


_LISTED = r"(?:\s*(?:,|and|&)\s*[A-Z][a-z]+)*"
#: Words at a name that put that person on the trip: "me and Dana", "with Sam", "Dana and Luis are coming".
_NAME_BEFORE = re.compile(
    r"(?:\b(?:me|I|myself|us)\s*(?:,|and|&|\+|plus)|\bwith|\b(?:bring\w*|tak\w*|add\w*|book|fly))\s*"
    r"(?:[A-Z][a-z]+\s*(?:,|and|&)\s*)*$",
    re.I,
)
_NAME_AFTER = re.compile(
    _LISTED + r"\s+(?:(?:is|are|will be|'s|'re|'ll be)\s+)?(?:also\s+)?"
    r"(?:coming|joining|flying|travell?ing|going|tagging|along|too|and (?:I|me|myself))\b"
)


def _on_trip(t: str, m: re.Match[str]) -> bool:
    return bool(_NAME_BEFORE.search(t[: m.start()]) or _NAME_AFTER.match(t, m.end()))


def calendar_or_place(word: str) -> bool:
    """A word that is also a month, a weekday or a place ("May", "Austin"): no evidence of a person."""
    from agents.intent._gazetteer import GAZETTEER

    low = word.lower()
    months = {m.lower() for m in calendar.month_name[1:]} | {m.lower() for m in calendar.month_abbr[1:]}
    days = {d.lower() for d in calendar.day_name} | {d.lower() for d in calendar.day_abbr}
    return low in months or low in days or any(low in names for names in GAZETTEER.values())


#: What the traveller does with people there: "dinner with my team", "a catch-up with the team".
_MET_THERE = re.compile(
    rf"\b(?:{any_of(*OCCASIONS, 'session', 'workshop')})\s+$",
    re.I,
)


def met_there(t: str, at: int) -> bool:
    """The group said at ``at`` ("with my team") is people met at the destination, not flown."""
    return bool(_MET_THERE.search(t[max(0, at - 24) : at]))


def joined(t: str, m: re.Match[str]) -> bool:
    """A relation put on the trip by the words around it: "me and the kids", "taking the kids", "the
    kids are coming" (not "put the kids to bed")."""
    before = re.search(
        r"(?:^|[,&+/(]|\b(?:and|with|plus|for|me|i|us|we|book|bring\w*|tak\w*|add\w*|incl\w*))\s*$",
        t[: m.start()],
        re.I,
    )
    words = re.findall(r"[A-Za-z']+", t[m.end() : m.end() + 30])
    after = bool(words) and (TRAVEL_VERB.match(words[0]) or (len(words) > 1 and TRAVEL_VERB.match(words[1])))
    return bool(before) or bool(after)


#: Someone else as the subject of a move: "my sister just relocated to Denver", "he's relocating": the
#: traveller visits the new home and comes back, so no one-way trip.
_THEY_MOVE = re.compile(
    r"\b(?:(?:my|our|his|her|their)\s+(?:[\w-]+\s+){0,2}?[\w-]+|he|she|they)(?:'s|’s|'ve|’ve| is| are| has| have| was| were)?"
    r"\s+(?:just\s+|recently\s+|finally\s+|now\s+)?$",
    re.I,
)


def someone_else_moves(text: str, m: re.Match[str]) -> bool:
    """The move ``m`` ("relocated") is someone else's ("my sister just relocated to Denver"), not the
    traveller's ("I'm relocating", "my company is relocating me")."""
    return (
        m.group(0).lower().startswith("relocat")
        and bool(_THEY_MOVE.search(text[: m.start()]))
        and not re.match(r"\s+(?:me|us)\b", text[m.end() :], re.I)
    )
