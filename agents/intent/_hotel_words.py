"""Whether a request asks for a hotel: the words for a bed somewhere ("a room", "somewhere to
crash", "a place with a kitchen"), the words that refuse one ("forget the hotel", "my in-laws will
put us up", "on my cousin's couch"), and which is said last ("and a hotel. Actually, forget the
hotel"). ``_buy_words`` holds the shared word lists; ``_read`` asks ``wants_hotel``.
"""

from __future__ import annotations

import re

from agents.intent import _buy_words as bw
from agents.intent import _words as w
from agents.intent._lodging_cues import lodging_terms

#: "Stay with Nimbus Pacific", "stay with the same airline": loyalty to a carrier, not a bed at someone's.
_CARRIER = r"\s+(?:the same |one |that |this |a single )?(?:airline|carrier)s?\b|\s+(?-i:[A-Z]\w+\s+(?:Air|Airways|Airlines|Pacific)\b)"
#: "At my company's expense", "at my client's office": whose money or place of work, not a host's home.
_NOT_HOST = r"\s+(?:expense|cost|dime|request|office|offices|hq|headquarters|site|event|conference)\b"
_HOTEL = re.compile(
    r"\b(hotels?|hotles?|accommodation|a bed (?:in|for)|place to stay|somewhere to (?:stay|sleep|crash)|place to crash|put (?:me|us) up|"
    r"a room|rooms|(?:my|our|own|book|need|want|get|keep)(?: the)? rooms?|(?:^|(?<=[.!?\n] ))room (?:in|at|near|by|close to)\b|bed for the night|lodging|check(?:ing)?[\s-]?in|check(?:ing)?[\s-]?out|\d+ nights? in|"
    # "a three-night stay", "a stay of 4 nights": a stay counted in nights is a night somewhere
    r"\d+ nights?(?:'|’)? stay|stay of \d+ nights?|"
    # nights counted somewhere: "two nights somewhere on the Canal Ring"
    r"\d+ nights? (?:somewhere|someplace|some place)|"
    # somewhere (for the four of us) to crash / lay my head / spend the night; put them up; one double room
    r"(?:somewhere|someplace|some place|a place|a spot|a bed|a roof)(?: for (?:[\w']+ ){1,4}?)? ?to (?:stay|sleep|crash|rest|kip|bunk|"
    r"lay (?:my|our|their) heads?|spend the night|bed down)|lay (?:my|our) heads?|put (?:\w+ )?(?:me|us|them|him|her) up|"
    # "where can I stay", "stay over", "a roof over my head", "a clean bed", "put my parents up", "book us in"
    r"where (?:can|could|should|do|would) (?:i|we) stay|stay (?:over|the night|overnight)|roof over|bed down|"
    # not "a lie-flat bed" (a seat) nor "book me in economy"
    r"(?:a|one) (?:clean |comfy |comfortable |double |single |twin |king |queen |spare |proper )?bed|"
    r"put (?:(?:my|our|his|her) )?\w+ up|book (?:me|us|them) in(?:to)? (?:somewhere|a hotel|at)|lodgings|"
    r"(?:a|one|single|double|twin|king|queen|\d+) (?:(?!meeting |conference |board |waiting |class |living |dining )[\w-]+ )?room|motels?|hostels?|inns?|b&b|bed and breakfast|airbnb|"
    r"crash pad|guest ?house|accomm?odations?|acommodations?|"
    # lodging named by what it has or is: "a place with a kitchen", "somewhere with a pool", "an apartment"
    # ("somewhere in South Beach with a pool": the area said between)
    r"(?:a place|somewhere|someplace|some place|something|a spot)(?: [\w-]+)?(?: (?:in|on|near|by) (?:the )?[\w-]+(?: [\w-]+)?)?(?: with| that has| that's got)"
    r" (?:a |an |its own |their own )?(?:(?:full|proper|small|decent|private|heated|outdoor|indoor) )?"
    r"(?:kitchen|kitchenette|pool|gym|spa|parking|balcony|washer|laundry|breakfast|wi-?fi)|"
    r"(?:an?|serviced|furnished|short[\s-]term) (?:apartment|condo|aparthotel|flat)(?! (?:fare|rate|fee)\b)|aparthotel|vacation rental|holiday let)\b",
    re.I,
)
#: A bed at someone's: "on my cousin's couch", "in their spare room", "at a friend's place".
_AT_SOMEONES = (
    r"(?:on|in) (?:my|our|his|her|their|a) (?:[\w-]+(?:'s|’s) )?(?:couch|sofa|futon|floor|spare room|guest room|air mattress)"
    r"|at (?:a|my|our|his|her|their) [\w-]+(?:'s|’s) (?:place|house|flat|apartment|home)"
)
# ("direct flights only" limits the flights: a flight qualifier before "flights only" asks for no less hotel)
_NO_HOTEL = bw.no_hotel(
    r"\b((?:scratch|drop|skip|ditch|lose|cancel) (?:the |a )?(?:hotel|room|accommodation)|(?:is|'s|are|'re) putting (?:me|us) up|"
    r"no hotels?|no (?:accommodation|lodging)(?! (?:until|till|while|after|before)\b)|no need for a hotel|(?:don't|do not|won't|will not) need (?:a |any )?(?:hotel|room|accommodation)|"
    rf"forget the hotel|without (?:a )?hotel|(?<!direct )(?<!nonstop )(?<!non-stop )(?<!economy )(?<!business )(?<!morning )(?<!evening )(?<!refundable )(?<!one-way )(?<!one way )flights? only|just the flights?|only the flights?|(?:staying|stay) with(?!{_CARRIER})|"
    r"(?:got|have|has) (?:a|the) (?:place|hotels?) (?:to stay|covered)|hotels? covered|sort out the hotels? (?:later|after)|"
    rf"arranged accommodation|at my \w+'s(?!{_NOT_HOST})|"
    # "her hotel is being handled by the client", "accommodation's already sorted"
    # the words between stay in the hotel's clause: not "accommodation till the company flat is done"
    r"(?:hotels?|accommodation|lodging|rooms?)(?: (?!(?:until|till|while|whilst|when|once|because|since|as|so|and|but|before|after)\b)[\w-]+){0,4}?(?:'s|’s| is| are| was| were| has been| have been| is being| are being)"
    r" (?:already |all )?(?:booked|sorted|covered|handled|arranged|organi[sz]ed|taken care of|paid for|reserved|done)|"
    r"(?:has|have|'ve|already) (?:already )?(?:booked|arranged|sorted) (?:my|our|the|her|his|their) (?:hotels?|accommodation|rooms?)|"
    # someone else hosts: "my in-laws will put us up", "they've offered to put me up" (not "can you put us up")
    r"\b(?!you\b)\w+(?:'ll|’ll| will| can| are going to| is going to| (?:has|have) offered to|'ve offered to| offered to)"
    r" put (?:me|us|him|her|them) up|"
    # a bed at someone's: "on my cousin's couch", "in their spare room", "at a friend's place"
    rf"{_AT_SOMEONES}|"
    # "accommodation isn't needed", "I have somewhere to stay"
    r"(?:hotels?|rooms?|accommodation|lodging) (?:isn't|is not|aren't|are not|not|won't be) (?:needed|necessary|required)|"
    r"(?:have|got|has) (?:somewhere|someplace|a place|a bed) to (?:stay|sleep|crash))\b",
    re.I,
)
#: A cancellation that may happen, not one asked for: "refundable in case I need to cancel the room".
_MAYBE = re.compile(
    r"\b(?:in case|if|so (?:that )?(?:i|we) can|able to|free to|option to|might|(?-i:may))\b[^.;,!?]*$",
    re.I,
)
_MAYBE_AFTER = re.compile(r"\s*(?:if|in case|should|when|once)\b", re.I)  # "cancel the room if plans change"
#: Staying with someone: no hotel, unless the words also ask for one outright.
_WEAK_NO = re.compile(rf"(?:staying|stay) with(?!{_CARRIER})|at my \w+'s(?!{_NOT_HOST})|{_AT_SOMEONES}", re.I)
_ASK_HOTEL = re.compile(
    r"\b(?:a|an|one|book|need|want)\s+(?:[\w-]+\s+)?(?:hotels?|rooms?|accommodation)\b", re.I
)


def wants_hotel(text: str) -> bool:
    """The last word on a hotel wins ("and a hotel. Actually, forget the hotel")."""
    text = w.digits(text)  # "two nights in Seattle" as "2 nights in Seattle"
    yes = sorted([m.start() for m in _HOTEL.finditer(text)] + lodging_terms(text))  # "$450 a night max"
    asked = _ASK_HOTEL.search(text)  # "a hotel ..., since I'm at my cousin's for the last two nights"
    no = [
        m.start()
        for m in _NO_HOTEL.finditer(text)
        if not ((asked or yes) and _WEAK_NO.fullmatch(m.group()))
        and not _MAYBE.search(text[max(0, m.start() - 40) : m.start()])
        and not _MAYBE_AFTER.match(text[m.end() : m.end() + 20])
    ]
    if not yes:
        return False
    no = [n for n in no if not _only_some_nights(text, n, yes)]
    if not no:
        return True
    later_yes = [y for y in yes if y > max(no) + 12]
    return bool(later_yes) and bool(re.search(r"\b(actually|after all|yes)\b", text[max(no) :], re.I))


#: After a refusal, the nights it is limited to: "putting me up at the conference hotel for the
#: conference nights" refuses those nights only.
_SOME_NIGHTS = re.compile(r"[^.;!?]{0,60}?\bfor (?:the|those|these) (?:[\w-]+ )?nights\b", re.I)


def _only_some_nights(text: str, at: int, yes: list[int]) -> bool:
    """A refusal limited to some nights, with a bed asked for after it ("... for the conference nights.
    ... one night after the summit, somewhere in South Beach with a pool")."""
    some = _SOME_NIGHTS.match(text, at)
    return some is not None and any(y > some.end() for y in yes)
