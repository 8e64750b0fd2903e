"""The web app (docs/architecture.md): ``create_app(settings)`` and its settings; ``travel-sandbox serve`` runs it."""

from sandbox.web._app import create_app
from sandbox.web._deps import ServerSettings

__all__ = ["ServerSettings", "create_app"]
