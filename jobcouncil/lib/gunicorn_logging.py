"""gunicorn's access log without secret-link tokens:
`gunicorn jobcouncil.wsgi --logger-class jobcouncil.lib.gunicorn_logging.ScrubbingLogger`."""

from __future__ import annotations

from typing import Any

from gunicorn.glogging import Logger

from jobcouncil.lib.tokens import secrets_mask


class ScrubbingLogger(Logger):
    """Every access-log atom (request line, path, referer, environ) with tokens masked,
    whatever access_log_format is configured."""

    def atoms(self, resp: Any, req: Any, environ: dict, request_time: Any) -> dict:
        atoms = super().atoms(resp, req, environ, request_time)
        return {k: secrets_mask(v) if isinstance(v, str) else v for k, v in atoms.items()}
