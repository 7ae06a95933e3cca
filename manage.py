#!/usr/bin/env python
"""Django's command-line utility; `jobcouncil` is the same thing, installed."""

import sys

from jobcouncil.cli import main

if __name__ == "__main__":
    sys.exit(main())
