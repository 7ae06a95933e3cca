"""Keep secret-link tokens (calendar feeds, unsubscribe) out of every log line."""

from __future__ import annotations

import logging

from jobcouncil.lib.tokens import secrets_mask


class ScrubSecretsFilter(logging.Filter):
    """Rewrites the message and its arguments, so runserver's request line ("GET /councils/
    calendar/<token>.ics") and "Not Found: <path>" warnings keep the route but not the token."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str):
            record.msg = secrets_mask(record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(secrets_mask(a) if isinstance(a, str) else a for a in record.args)
        elif isinstance(record.args, dict):
            record.args = {
                k: secrets_mask(v) if isinstance(v, str) else v for k, v in record.args.items()
            }
        return True
