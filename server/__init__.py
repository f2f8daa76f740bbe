"""The HTTP API and the web widget (``atelier serve``)."""

from server.app import create_app

__all__ = ["create_app"]
