"""Requests about bookings the traveller already holds: which held bookings the words cancel, change
or protect (``keep``), read as verbs acting on references (``_held_refs``: "my return flight", "the
Miami thing", "everything else", "it").

Each reference is governed by the verb before it in its sentence ("cancel the hotel") unless a new
clause starts between them; by a verb said after it in its clause ("the flights stay as they are",
"the trip is off"); or, when none comes first, by the next verb. A negated change is a keep ("don't
touch the hotel", "nothing else changes"), and "except" turns a verb round ("cancel everything
except the flight out"). When the words act on a booking twice, the later word wins ("cancel the
flight back. Wait, no, keep the flight back"). Swapped letters in the few words that matter are put
right first ("cancle", "flihgt"). What a change newly books is read in ``_rebook``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from agents.intent._beside_held import beside_held
from agents.intent._contrast import replaced_by_contrast
from agents.intent._dates import Mention
from agents.intent._gazetteer import Place
from agents.intent._held_refs import Ref, RefFinder, sentences
from agents.intent._held_types import CANCEL, CHANGE, EXCEPT, KEEP, NEW, NONE, Reading, Verb
from agents.intent._instead import replaced
from agents.intent._model import ReadContext, TripIntent
from agents.intent._rebook import rebook

_VERBS: list[tuple[str, re.Pattern[str]]] = [
    (CANCEL, re.compile(
        r"\b(?:cancel\w*|drop|scrap|ditch|call off|get rid of|(?:don't|do not|no longer|won't|will not) need|"
        r"(?:is|are) off|fell through|fell thru|fallen through)\b", re.I)),
    (KEEP, re.compile(
        r"\b(?:keep|keeping|stays?(?!\s+(?:in|on|with|at|for|one|an?|another|until|till|through|over|longer|"
        r"the night|there|here)\b)|stay put|remains?|remaining|to stand|unchanged|as (?:it is|they are|is|booked)|"
        r"(?:is|are|looks?)(?: all| both)? (?:fine|good|ok|okay|perfect|great)|no changes?|the same(?=\s*(?:[.,;!?]|$))|"
        r"leave\b|leaving(?=\s+(?:the|my|our|it|them|that|those|everything|all|both|\w+ (?:alone|as)))\b)", re.I)),
    (CHANGE, re.compile(
        r"\b(?:mov(?:e|es|ed|ing)|chang(?:e|es|ed|ing)|rebook\w*|reschedul\w*|push\w*|bring|swap|switch|replace|shift|"
        r"upgrade|downgrade|extend|shorten|amend(?:ed|ing|s)?|modif(?:y|ied|ies|ying)|alter(?:ed|ing|s)?|touch|fly me|get me(?! an?\b)|put me on)\b", re.I)),
    (NEW, re.compile(r"\b(?:add|book(?!ed|ings?)|reserve|get me an?|find me an?|(?:i|we)(?:'ll| will)? (?:also |then )?need an?)\b", re.I)),
    (EXCEPT, re.compile(r"\b(?:except(?: for)?|but not|other than|apart from|save for)\b", re.I)),
]  # fmt: skip
_NOT_AFTER_KEEP_LEAVE = re.compile(r"^\s+(?:on|at|from|after|before|by|early|late|in|for|way)\b", re.I)
_NEGATED = re.compile(
    r"\b(?:don'?t|do not|doesn'?t|does not|not|never|no need to|nothing(?: else)?|shouldn'?t|should not|"
    r"won'?t|will not|mustn'?t|must not)\s+(?:\w+\s+){0,2}$",
    re.I,
)
#: what a booking's terms allow, said as a fact: "free to cancel", "it can be cancelled"
_TERMS = re.compile(
    r"\b(?:free|able|allowed)\s+to\s+$|\b(?:can|could|may|might)\s+(?:still\s+|also\s+)?be\s+$", re.I
)
_NOUN_VERB = re.compile(r"\b(?:a|an|the|no|any)\s+$", re.I)

_CLAUSE = re.compile(r"[,;:(—–]|\bbut\b", re.I)
_GLUE = re.compile(
    r"^(?:\s|#|\band\b|\bor\b|\bplus\b|\balso\b|\bthen\b|\bas well as\b|\b(?:the|my|our|both)\b)*$", re.I
)
# a keep said after its subject ("the hotel stays"); "keep X" comes first
_POST = re.compile(r"^(?!keep|leav)", re.I)
_VOCAB = "cancel change flight flights hotel hotels return outbound everything rebook".split()


def normal(text: str) -> str:
    """Swapped letters in the words that matter here ("cancle", "flihgt", "chnage") put right; the
    text keeps its length, so positions found in it hold in the original."""

    def fix(m: re.Match[str]) -> str:
        word = m.group()
        low = word.lower()
        if len(low) < 5 or low in _VOCAB:
            return word
        for v in _VOCAB:
            if len(v) == len(low) and low[0] == v[0] and sorted(v) == sorted(low):
                return v
        return word

    return re.sub(r"[A-Za-z]+", fix, text)


def _verbs(text: str) -> list[Verb]:
    found: list[Verb] = []
    for act, rx in _VERBS:
        for m in rx.finditer(text):
            if any(m.start() < v.end and v.start < m.end() for v in found):
                continue
            word = m.group().lower()
            before = text[max(0, m.start() - 30) : m.start()]
            if act == KEEP and word.startswith("leav") and _NOT_AFTER_KEEP_LEAVE.match(text[m.end() :]):
                continue
            if act in (CHANGE, CANCEL, NEW) and _NOUN_VERB.search(before) and not word.startswith("no"):
                continue  # "a change in the schedule", "the move"
            if act == CANCEL and (word.endswith("able") or _TERMS.search(before)):
                continue  # "the hotel should be free to cancel", "it can be cancelled": its terms, no act
            if act == CHANGE and re.match(r"\s+of\s+plans?\b", text[m.end() :], re.I):
                continue  # "change of plan for my Chicago trip: ...": news, not an act on the trip
            if act in (CHANGE, CANCEL) and _NEGATED.search(before):
                act_here = KEEP  # "don't touch the hotel", "nothing else changes"
            else:
                act_here = act
            post = act_here == KEEP and act != KEEP or bool(re.match(r"(?:is|are) off|fell|fallen", word))
            found.append(Verb(m.start(), m.end(), act_here, post))
    return sorted(found, key=lambda v: v.start)


def _governor(
    ref: Ref,
    verbs: list[Verb],
    refs: list[Ref],
    text: str,
    sentence: tuple[int, int],
    places: Sequence[Place] = (),
) -> Verb | None:
    """The verb before the reference in its sentence (unless a new clause starts between them), else
    the first verb after it."""
    s0, s1 = sentence
    clause_end = min([s1, *[ref.end + m.start() for m in _CLAUSE.finditer(text[ref.end : s1])]])
    clause_start = max([s0, *[s0 + m.end() for m in _CLAUSE.finditer(text[s0 : ref.start])]])
    left = [v for v in verbs if s0 <= v.start and v.end <= ref.start and v.act != EXCEPT]
    post = [
        v
        for v in verbs
        if ref.end <= v.start < clause_end
        and (v.act == KEEP and _POST.match(text[v.start : v.end]) or v.post)
    ]
    if post and not (left and left[-1].start >= clause_start):  # "..., everything else as it is"
        return post[0]
    if left:
        v = left[-1]
        gap = list(text[v.end : ref.start])
        spans = [(r.start, r.end) for r in refs] + [(p.start, p.end) for p in places]
        for a, z in spans:  # "cancel my flight, the Denver hotel and ...": a list of them
            if v.end <= a and z <= ref.start:
                gap[a - v.end : z - v.end] = "#" * (z - a)
        masked = re.sub(r"#+\s*(?:-?to-?|-|–|>|→)\s*#+", "#", "".join(gap))  # "the Denver-to-Vegas flight"
        pieces = re.split(r"[,:(—–]", masked)
        if all(_GLUE.match(p) for p in pieces[1:]):
            return v
    right = [v for v in verbs if ref.end <= v.start and v.end <= s1 and v.act != EXCEPT]
    return right[0] if right else None


def read_acts(text: str, ctx: ReadContext, places: list[Place], mentions: list[Mention]) -> Reading:
    """What the words do to each held booking."""
    finder = RefFinder(text, ctx, places, mentions)
    refs = finder.nouns()
    verbs = _verbs(text)
    out = Reading(refs=refs, verbs=verbs, text=text)
    spans = sentences(text)
    for ref in refs:
        sentence = next(((a, b) for a, b in spans if a <= ref.start < b), (0, len(text)))
        verb = _governor(ref, verbs, refs, text, sentence, places)
        if (
            verb is None
            and ref.kind != "rest"
            and out.rest in (KEEP, CANCEL)
            and any(q.kind == "rest" and sentence[0] <= q.start < ref.start for q in refs)
        ):  # "everything else stays as it is: the other flight and the hotel" spells out the rest
            for bid in ref.ids:
                out.act[bid] = out.rest
                out.by[bid] = (ref, None)
            continue
        if verb is None:
            out.orphans.append(ref)
            continue
        out.governing.append((verb, ref.ids))
        act = verb.act
        between = [v for v in verbs if verb.end <= v.start and v.end <= ref.start and v.act == EXCEPT]
        if act == EXCEPT:
            continue
        if between:
            act = KEEP if act == CANCEL else NONE if act == KEEP else act
        if act == NEW:
            out.asked.append(ref)  # "find me a later flight back": asked for anew
            continue
        if ref.kind == "rest":
            out.rest = act
            continue
        for bid in ref.ids:
            if ref.kind == "all" and act == KEEP and out.act.get(bid) in (CANCEL, CHANGE):
                continue  # "change the flight out; the trip otherwise stays as booked": the specific act
            if _vague(ref) and bid in out.by and not _vague(out.by[bid][0]):
                continue  # "upgrade my flight home ... the evening flight is fine": not that booking's word
            out.act[bid] = act
            out.by[bid] = (ref, verb)
    return out


def _vague(ref: Ref) -> bool:
    """A singular reference that could be any of several held bookings ("the evening flight", "it"
    after one): it does not undo what the words said of one booking in particular."""
    return ref.kind in ("held", "pronoun") and not ref.plural and not ref.qualified and len(ref.ids) > 1


def read_bookings(
    text: str,
    ctx: ReadContext,
    intent: TripIntent,
    mentions: list[Mention],
    places: list[Place],
    reader: Callable[[str, ReadContext], TripIntent],
) -> bool:
    """Fill ``intent`` for a change or cancellation of held bookings; False if the text is not one.
    ``reader`` reads what the words newly ask for beside the held bookings they keep."""
    if not ctx.bookings:
        return False
    t = normal(text)
    reading = read_acts(t, ctx, places, mentions)
    replaced(reading, ctx.bookings, t, mentions, places)  # "cancel the Tuesday flight ... go Monday instead"
    acted = {bid: a for bid, a in reading.act.items() if a != NONE}
    replaced_by_contrast(reading, acted, ctx.bookings)
    cancel = [b.id for b in ctx.bookings if acted.get(b.id) in (CANCEL, CHANGE)]
    keep = [b.id for b in ctx.bookings if acted.get(b.id) == KEEP]
    if reading.rest == KEEP:
        keep = [b.id for b in ctx.bookings if b.id not in cancel]
    elif reading.rest == CANCEL:
        cancel = [b.id for b in ctx.bookings if b.id not in keep]
    new = rebook(t, ctx, reading, mentions, places)
    if not (new.legs or new.stays) and (keep or cancel):  # "leave the trip alone; add a hop to ..."
        new = beside_held(t, ctx, reading, mentions, places, reader, frozenset(cancel)) or new
    if not cancel and not ((new.legs or new.stays) and keep):
        return False
    for name in ("legs", "stays", "sources", "unknown", "wishes", "budget"):
        setattr(intent, name, getattr(new, name))
    intent.cancel, intent.keep = cancel, keep
    intent.shape = "change" if new.legs or new.stays else "cancel_only"
    return True
