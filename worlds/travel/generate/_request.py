"""The request's sentences: openers and sign-offs by tone, the party, the rooms, the budget, and the
assembly of a request from its pieces in a drawn order.

A request is a core sentence (the trip) and pieces (party, budget, hotel, limits, wishes), each drawn
from several shapes; ``render`` shuffles the pieces, sometimes puts one before the core, frames it with
an opener and a sign-off for the draw's tone, and lower-cases some casual requests whole.
"""

from __future__ import annotations

from worlds.travel.generate import _words as w
from worlds.travel.generate._draw import Draw

_OPENERS = {
    "formal": ("Hello,", "Good morning,", "Dear travel desk,", "Good afternoon.", "", ""),
    "neutral": ("Hi!", "Hi,", "Hello!", "Hi there.", "", "", ""),
    "casual": ("hey", "hey!", "hi,", "quick one:", "heya -", "", ""),
}
_CLOSERS = {
    "formal": (
        "Thank you in advance.",
        "Many thanks.",
        "Kind regards, {first}.",
        "Best regards, {first}",
        "",
    ),
    "neutral": ("Thanks!", "Thank you.", "Thanks a lot!", "Cheers, {first}", "", ""),
    "casual": ("thx!", "cheers", "ty!!", "thanks :)", "", ""),
}
_PARTNERS = ("wife", "husband", "partner", "girlfriend", "boyfriend")


def render(d: Draw, core: str, pieces: list[str], first_name: str) -> str:
    """The request: opener, core sentence and shuffled pieces, sign-off."""
    rng = d.rng
    body = [p for p in pieces if p]
    rng.shuffle(body)
    order = [core, *body]
    if body and rng.random() < 0.2:  # now and then the budget or the party comes first
        order = [body[0], core, *body[1:]]
    opener = rng.choice(_OPENERS[d.tone])
    closer = rng.choice(_CLOSERS[d.tone]).format(first=first_name)
    text = " ".join(part for part in (opener, *order, closer) if part)
    if d.tone == "casual" and rng.random() < 0.4:
        text = text.lower()
    return text


def party(d: Draw, travelers: int, names: tuple[str, ...]) -> tuple[str, str]:
    """Who travels, said by relation, count or name: (request sentence, the traveller's answer)."""
    rng, n = d.rng, travelers
    others = n - 1
    listing = ", ".join(names[:-1]) + f" and {names[-1]}" if len(names) > 1 else "".join(names)
    answer = "Just me." if n == 1 else f"The {n} of us: me, {listing}."
    if n == 1:
        return rng.choice(("It's just me.", "Only me travelling.", "Just one traveller (me).", "")), answer
    partner = rng.choice(_PARTNERS)
    shapes = [
        f"There are {w.number(rng, n)} of us.",
        f"{w.word(n).capitalize()} adults travelling.",
        f"It's for {w.number(rng, n)} people: me, {listing}.",
        f"I'm travelling with {w.number(rng, others)} colleague{'s' if others > 1 else ''} ({n} of us in total).",
        f"{w.number(rng, n).capitalize()} travellers in total.",
    ]
    if n == 2:
        shapes += [
            f"My {partner} is coming too.",
            f"It's for me and my {partner}.",
            "The two of us are going.",
        ]
        shapes += [f"Me and {names[0]}."]
    if 3 <= n <= 6:
        kids = others - 1
        shapes += [
            f"We're a family of {w.word(n)}: my {partner}, our {w.number(rng, kids)} kid{'s' if kids > 1 else ''} and me.",
            f"Me and {w.number(rng, others)} friends, so {n} people.",
        ]
    return rng.choice(shapes), answer


def rooms(d: Draw, travelers: int, count: int) -> str:
    """The rooms, said plainly (said whenever the party is more than one)."""
    if travelers == 1:
        return ""
    if count == 1:
        return d.pick(
            ("One room is fine for us.", "We'll share one room.", "A single room for all of us is fine.")
        )
    n = w.number(d.rng, count)
    shapes = [f"We'll need {n} rooms.", f"Please book {n} rooms.", f"{n.capitalize()} rooms, please."]
    if count == travelers:
        shapes.append(f"Separate rooms for everyone, so {count} rooms.")
    return d.pick(shapes)


def budget(d: Draw, dollars: int) -> str:
    """A hard spend limit for the whole trip."""
    m = w.money(d.rng, dollars, casual=d.tone == "casual")
    shapes = [
        f"The whole trip must stay under {m}.",
        f"My budget is {m} all in.",
        f"I can spend up to {m} in total.",
        f"Please keep everything within {m}.",
        f"Don't go over {m} for everything.",
        f"Total budget: {m}, and that's firm.",
    ]
    if d.tone == "casual":
        shapes += [f"budget's {m} max.", f"can't spend more than {m} total."]
    return d.pick(shapes)


def cabin(d: Draw, cabin_name: str) -> str:
    """A required cabin (premium or business); economy goes unsaid or is said as fine."""
    if cabin_name == "economy":
        return d.pick(("Economy is fine.", "Economy class.", "", ""))
    label = "premium economy" if cabin_name == "premium" else "business class"
    return d.pick(
        (
            f"It has to be {label}.",
            f"{label.capitalize()} only, please.",
            f"My company books {label} for this, so nothing else.",
            f"I'll only fly {label} on this one.",
        )
    )
