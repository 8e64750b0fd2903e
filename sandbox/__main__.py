"""``python -m sandbox``: the same CLI as ``travel-sandbox``."""

from __future__ import annotations

from sandbox.cli import main

if __name__ == "__main__":
    main()
