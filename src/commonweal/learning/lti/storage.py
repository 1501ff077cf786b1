"""Where pylti1p3 keeps a login's state and nonce between the login and the launch.

pylti1p3's Django cache storage, over a database cache of our own table
(``learning_lti_cache``), so that a login answered by one worker process and its launch
answered by another see the same values, with no cache to configure. A nonce is
consumed by the launch that uses it: the row is deleted, and only the request whose
delete removed it may go on, so a replayed token is refused.
"""

from __future__ import annotations

from django.core.cache.backends.db import DatabaseCache
from pylti1p3.contrib.django import DjangoCacheDataStorage

from commonweal.learning.lti.models import LtiCacheEntry

# Seconds a login's state and nonce live: the platform answers within seconds.
LOGIN_LIFETIME = 600
# Rows kept before Django's cache culls the oldest third.
_MAX_ENTRIES = 20_000


class LaunchStorage(DjangoCacheDataStorage):
    def __init__(self) -> None:  # pylti1p3 would look the cache up by name in settings
        self._cache = DatabaseCache(
            LtiCacheEntry._meta.db_table,
            {"TIMEOUT": LOGIN_LIFETIME, "OPTIONS": {"MAX_ENTRIES": _MAX_ENTRIES}},
        )

    def consume(self, key: str) -> bool:
        """Remove the value; true only for the one caller that removed it."""
        return bool(self._cache.delete(self._prepare_key(key)))
