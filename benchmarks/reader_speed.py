"""How long the intent reader takes on a typical request and on a ~20,000-character one, with the
library's caches cleared before each read (so each read pays for the library in full).

Run: ``.venv/bin/python benchmarks/reader_speed.py``. Prints the best of a few reads in ms, and the
same request read again with the caches kept (what every model turn after the first pays).
"""

from __future__ import annotations

import datetime as dt
import time

from agents.intent import ReadContext, _recognizers, read_request

CTX = ReadContext(now=dt.datetime(2027, 3, 1, 9, 0), home="BOS")
TYPICAL = (
    "Fly me from Boston to Denver on April 8, back on the 12th; a hotel near the convention center "
    "under $200 a night, two adults."
)
FILLER = "We are a family of four and we love quiet hotels with a pool and good breakfast, nothing fancy. "
BIG = "Boston to Denver April 8, back April 10. " + FILLER * (20000 // len(FILLER))


def best_ms(text: str, reads: int, *, cold: bool = True) -> float:
    """The fastest of ``reads`` reads of ``text`` (each a little different). ``cold``: the library's
    caches are cleared before each read, so no cache answers; else they are kept, as on every model
    turn after the first, where the agent reads the same request again."""
    times = []
    for i in range(reads):
        if cold:
            _recognizers.datetimes.cache_clear()
        start = time.perf_counter()
        read_request(text + " " * i, CTX)
        times.append(time.perf_counter() - start)
    return min(times) * 1000


def main() -> None:
    read_request(TYPICAL, CTX)  # warm the imports and the grammars
    print(f"typical ({len(TYPICAL)} chars): {best_ms(TYPICAL, 5):.0f} ms")
    print(
        f"typical, read again (caches kept, as on a later model turn): {best_ms(TYPICAL, 5, cold=False):.0f} ms"
    )
    print(f"long ({len(BIG)} chars): {best_ms(BIG, 1):.0f} ms")


if __name__ == "__main__":
    main()
