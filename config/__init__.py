"""Atelier's one settings object (pydantic-settings, environment prefix ``ATELIER_``).

Every package reads configuration from here so that a deployment is described by
environment variables alone (see the README's table).
"""

from config.errors import AtelierError, ErrorCode
from config.settings import Settings

__all__ = ["AtelierError", "ErrorCode", "Settings"]
