"""An airline the trip must fly, said the ways people say a rule: "it needs to be Kestrel both ways",
"has to be Aurora Air", "Kestrel or nothing", "Airline: Meridian Vale (corporate contract, mandatory)",
"the company only reimburses Boreal Airways tickets", "we book with Meridian Vale only", "all flights are
to be booked with Solstice", "they'll only cover Boreal, so it's got to be them", "no other carrier".

``_hard_soft`` reads the plain forms ("only X", "must fly with X"); this grammar reads the rest over
three classes of words: an airline's **name** (a capitalised name ``airline_names`` accepts, or a
lower-case one the text also writes with its suffix, "a deal w/ kestrel airlines ... kestrel both
ways"), a **rule** said of it (an obligation before it, "needs to be", "supposed to use"; a marker
after it, "or nothing", "only", "is mandatory", "(required)"; "only" before a verb that pays or
books, "only reimburses"; a booking rule, "flights are booked with", "rule says we book"; or, in the
sentence, words that shut out every other carrier, "no other carrier", "anybody else", "stick to
them") and a **hedge** ("if it makes sense", "I'd lean", "otherwise any carrier"), which makes it
none. A name the sentence refuses ("not Meridian Vale, anyone else") is never required. The rule is
every leg's, or the leg its clause names ("Kestrel on the way out ... coming home any airline is
fine"). The rule must be a present one of the traveller or the company (not "last year they made us
book with Frontier", "I flew with Delta", "my boss only flies United"), and the name a carrier's (one
in ``CARRIERS`` or written with a carrier's suffix; not "use Concur", "Anna Smith is required"). A bare
"I want United" is a wish, unless set against a leg left to any airline. No library reads airlines (Recognizers-Text has no such recogniser), so this is our grammar.
"""

from __future__ import annotations

import re

from agents.intent._limits import BACK_CUE, OUT_CUE
from agents.intent._model import TripIntent
from agents.intent._not_names import airline_names
from agents.intent._text import soft

_SUFFIX = r"(?:\s+(?:Air|Airlines?|Airways))?"
#: A capitalised name of one or two words, with the suffix carriers carry.
_NAME = r"(?P<a>[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?" + _SUFFIX + r")"
_OBLIGE = (
    r"(?:must|needs?\s+to|has\s+to|have\s+to|(?:'s|has|have|'ve)\s+got\s+to|gotta|"
    r"(?:is|are)\s+(?:required|supposed)\s+to|(?:'re|'m)\s+(?:required|supposed)\s+to)"
)
#: An obligation before the name: "it needs to be Kestrel", "has to be Aurora Air", "must be a
#: Solstice flight", "needs to be on Aurora", "we're supposed to use Meridian Vale", "must fly Nimbus".
_BEFORE = re.compile(
    rf"\b(?i:{_OBLIGE})\s+(?i:(?:be|fly|use|book)\s+)?(?i:(?:on|with)\s+)?(?i:(?:a|an)\s+)?{_NAME}"
)
#: A want is no rule ("I want United, I'm collecting their miles"), except one set against a leg left
#: to any airline: "I want Kestrel on the way out, but coming home any airline is fine".
_WANT = re.compile(rf"\b(?i:want|need)\s+(?i:(?:to\s+)?(?:fly|be\s+on|use)\s+)?(?i:(?:on|with)\s+)?{_NAME}")
#: "only" before a verb that flies, books or pays: "I only fly Boreal", "only reimburses Boreal
#: Airways", "they'll only cover Boreal", "we only book with Aurora".
_ONLY_VERB = re.compile(
    r"\b(?i:only)\s+(?i:fl(?:y|ies)|books?|uses?|reimburses?|covers?|pays?\s+for|approves?|allows?)\s+"
    rf"(?i:(?:with|on)\s+)?{_NAME}"
)
#: A booking rule: "all flights are (to be) booked with Solstice", "rule says we book Aurora Air".
_BOOKED_WITH = re.compile(
    r"\b(?i:(?:is|are)\s+(?:to\s+be\s+)?booked\s+(?:with|on|through)|(?:rule|policy)\s+says\s+(?:we\s+)?"
    rf"(?:book|fly|use)(?:\s+with|\s+on)?)\s+{_NAME}"
)
#: A marker right after the name: "Kestrel or nothing", "Kestrel Airlines only", "Nimbus Pacific is
#: mandatory", "Aurora Air (required)", "Meridian Vale (corporate contract, mandatory)".
_AFTER = re.compile(
    r"\s*(?:,\s*)?(?:or\s+nothing\b|only\b|(?:is|are)\s+(?:mandatory|required|compulsory|a\s+must)\b|"
    r"\([^)]*\b(?:required|mandatory|compulsory|only|must)\b[^)]*\)|,?\s*no\s+ex\w*ptions\b)",
    re.I,
)
_ANY_NAME = re.compile(r"\b" + _NAME)
#: Who may set a rule with "only": the traveller, their company or its policy ("I only fly", "the
#: company only reimburses", "they'll only cover"), never a third person ("my boss only flies").
_RULE_SUBJECT = re.compile(
    r"\b(?:I|we|they|company|policy|firm|employer|work|office|corporate|travel\s+desk|it)"
    r"(?:'ll|'d|\s+will|\s+would|\s+can|\s+do|\s+does)?\s+$",
    re.I,
)
#: A rule that was, not one that is: "last time", "last year they made us book with", "I flew with".
_PAST = re.compile(
    r"\b(?:last\s+(?:time|year|month|week|trip)|flew|made\s+(?:us|me)|used\s+to|had\s+to|back\s+then|"
    r"previously|\w+\s+ago)\b",
    re.I,
)
#: A hedge said in the clause of the name: "any airline is fine", "any carrier works".
_ANY_CARRIER = re.compile(r"\bany\s+(?:airline|carrier)s?\b", re.I)
#: The carriers people name without a suffix: the sandbox catalog's and the large real ones. Any other
#: name is a carrier only with "Air", "Airlines" or "Airways" after it somewhere in the words.
CARRIERS = frozenset(
    "aurora boreal kestrel nimbus solstice meridian delta united american southwest jetblue alaska "
    "frontier spirit hawaiian allegiant westjet lufthansa klm emirates qatar ryanair easyjet qantas "
    "iberia finnair swiss aeromexico avianca latam".split()
)
#: Words that shut out every other carrier, said in the sentence of the name: "no other carrier",
#: "don't book anything else", "not flying anybody else", "stick to them", "it's got to be them".
_EXCLUSIVE = re.compile(
    r"\bno\s+other\s+(?:carriers?|airlines?)\b|\b(?:anything|anybody|anyone|nothing|no\s*one|nobody)\s+else\b"
    r"|\bstick\s+(?:to|with)\s+(?:them|it)\b|\b(?:got\s+to|gotta|has\s+to|have\s+to|must)\s+be\s+them\b"
    r"|\bno\s+ex\w*ptions\b",
    re.I,
)
#: A name refused in its own clause: "not Meridian Vale", "never Kestrel", "avoid Boreal".
_REFUSED = re.compile(r"\b(?:not|never|no|avoid\w*|except|but)\s+(?:\w+\s+)?$", re.I)
#: Hedges the general ``soft`` test does not know: "I'd lean that way", "if it makes sense", "if the
#: times work", "otherwise any carrier", "not fussy".
_HEDGE = re.compile(
    r"\b(?:lean|if\s+it\s+makes\s+sense|if\s+the\s+times?\s+work|otherwise\s+any|not\s+fussy|whatever'?s\s+cheap\w*|"
    r"nice\s+way|if\s+there'?s|when\s+I\s+can|if\s+possible|any(?:thing)?'?s?\s+(?:is\s+)?fine|unless"
    r"|paying\s+(?:myself|my\s+own\s+way))\b",
    re.I,
)
#: Someone else bound by a rule ("my sister is required to fly Delta", "he has to use United"): the
#: obligation is theirs, not the traveller's.
_THIRD_SUBJECT = re.compile(
    r"\b(?:sister|brother|boss|wife|husband|partner|colleague|co-?worker|friend|mum|mom|dad|father|mother"
    r"|manager|son|daughter|kids?|he|she)\s+$",
    re.I,
)
#: Words that put a name in a carrier's slot: "with Meridian Vale", "on Aurora", "fly Boreal", "a
#: deal with Kestrel", "use Solstice".
_SLOT = re.compile(
    r"\b(?:with|on|fly|flying|flies|use|using|book|booked|reimburses?|covers?|carrier:?|airline:?)\s+$", re.I
)
#: Terms with a hedge's word that hedge nothing: "our preferred carrier agreement".
_TERMS = re.compile(r"\bpreferred\s+(?:carrier|airline|partner|supplier|vendor)s?\b", re.I)
_SENTENCES = re.compile(r"(?<=[.!?;])\s+|\n+")
_CLAUSE_END = re.compile(r"\bbut\b|[;]|\s[-\u2013\u2014]\s", re.I)


def _lower_names(text: str) -> str:
    """The text with lower-case airline names capitalised where the text also writes them with a
    carrier's suffix ("kestrel airlines ... kestrel both ways" -> "Kestrel Airlines ... Kestrel")."""
    for m in re.finditer(r"\b([a-z]{3,})\s+(?:air|airlines?|airways)\b", text):
        word = m.group(1)
        if word in {"the", "by", "an", "any", "our", "which", "what", "cheap", "budget"}:
            continue
        text = re.sub(rf"\b{word}\b", word.capitalize(), text)
    return text


def is_carrier(name: str, text: str) -> bool:
    """Whether ``name`` is an airline's: a carrier people know by name, or one the words write with a
    carrier's suffix ("Concur", "Anna Smith" are not)."""
    first = name.split()[0]
    if first.lower() in CARRIERS or re.search(r"\s(?:Air|Airlines?|Airways)$", name):
        return True
    return bool(re.search(rf"\b{re.escape(first)}\s+(?:air|airlines?|airways)\b", text, re.I))


def _legs_of(clause: str, n_legs: int) -> list[int]:
    """The legs a rule said in ``clause`` holds for: the way out or back when the clause names it."""
    if n_legs > 1 and OUT_CUE.search(clause) and not BACK_CUE.search(clause):
        return [0]
    if n_legs > 1 and BACK_CUE.search(clause) and not OUT_CUE.search(clause):
        return [n_legs - 1]
    return list(range(n_legs))


def _clause(sent: str, start: int, end: int) -> str:
    """The clause of ``sent`` around the name at ``start``-``end`` (cut at "but", ";" and a dash)."""
    cuts = [m for m in _CLAUSE_END.finditer(sent)]
    lo = max((m.end() for m in cuts if m.end() <= start), default=0)
    hi = min((m.start() for m in cuts if m.start() >= end), default=len(sent))
    return sent[lo:hi]


def required_airlines(text: str, n_legs: int) -> dict[int, list[str]]:
    """leg -> the airlines the words require of it (beyond ``_hard_soft``'s plain forms)."""
    out: dict[int, list[str]] = {}
    for sent in _SENTENCES.split(_lower_names(text)):
        if soft(_TERMS.sub(" ", sent)) or _HEDGE.search(sent):
            continue
        found: list[re.Match[str]] = [
            *_BEFORE.finditer(sent),
            *_ONLY_VERB.finditer(sent),
            *_BOOKED_WITH.finditer(sent),
        ]
        for m in _WANT.finditer(sent):
            clause = _clause(sent, m.start("a"), m.end("a"))
            if len(_legs_of(clause, n_legs)) == 1 and _ANY_CARRIER.search(sent.replace(clause, " ")):
                found.append(m)
        for m in _ANY_NAME.finditer(sent):
            if _AFTER.match(sent, m.end()) or (
                _EXCLUSIVE.search(sent) and _SLOT.search(sent[max(0, m.start() - 30) : m.start()])
            ):
                found.append(m)
        for m in found:
            if _REFUSED.search(sent[max(0, m.start("a") - 20) : m.start("a")]):
                continue
            clause = _clause(sent, m.start("a"), m.end("a"))
            if _PAST.search(clause) or _ANY_CARRIER.search(clause):
                continue
            if m.re is _ONLY_VERB and not _RULE_SUBJECT.search(sent[max(0, m.start() - 30) : m.start()]):
                continue
            if m.re is _BEFORE and _THIRD_SUBJECT.search(sent[max(0, m.start() - 30) : m.start()]):
                continue
            names = [n for n in airline_names(m.group("a")) if is_carrier(n, text)]
            for leg in _legs_of(clause, n_legs):
                out.setdefault(leg, [])
                out[leg] += [n for n in names if n not in out[leg]]
    return out


def add_required_airlines(intent: TripIntent, text: str) -> None:
    """Add the airlines the words require to each leg's ``airlines_only`` (none it already holds, none
    the leg avoids)."""
    for i, names in required_airlines(text, len(intent.legs)).items():
        leg = intent.legs[i]
        for n in names:
            if n not in leg.airlines_only and n not in leg.airlines_avoid:
                leg.airlines_only.append(n)
