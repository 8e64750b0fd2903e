"""``travel-sandbox`` (also ``python -m sandbox``): thin adapters over library functions.

``app`` is the Typer application; ``main`` is the console-script entry point. Each command module
registers its commands on ``app`` when imported; they are imported here in the order ``--help``
lists them.
"""

from __future__ import annotations

from sandbox.cli._app import app

# isort: split
from sandbox.cli import _commands  # noqa: F401 - validate, schema, demo, world list/build

# isort: split
from sandbox.cli import _generate  # noqa: F401 - scenarios generate

# isort: split
from sandbox.cli import _serve  # noqa: F401 - serve

# isort: split
from sandbox.cli import _run  # noqa: F401 - run, list, show, report

# isort: split
from sandbox.cli import _sweep  # noqa: F401 - sweep

# isort: split
from sandbox.cli import _flywheel  # noqa: F401 - calibration, decisions export, policy suggest

# isort: split
from sandbox.cli import _compare  # noqa: F401 - compare

# isort: split
from sandbox.cli import _rescore  # noqa: F401 - rescore

# isort: split
from sandbox.cli import _judge  # noqa: F401 - judge agree, judge run

# isort: split
from sandbox.cli import _drill  # noqa: F401 - drill new, drill score, drill eval

# isort: split
from sandbox.cli import _learn  # noqa: F401 - learn


def main() -> None:
    """Console-script entry point."""
    app(prog_name="travel-sandbox")


__all__ = ["app", "main"]
