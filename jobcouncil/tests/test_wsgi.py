"""The WSGI module gunicorn loads: the application, with what lives as long as the worker
moved out of the cyclic collector's reach (gc.freeze), so full collections stay short."""

from __future__ import annotations

import subprocess
import sys


def test_the_wsgi_module_freezes_what_it_loaded():
    code = (
        "import gc; assert gc.get_freeze_count() == 0; import jobcouncil.wsgi as w; "
        "assert callable(w.application); print(gc.get_freeze_count())"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert int(out.stdout.strip()) > 10_000  # the apps, models and every view's module
