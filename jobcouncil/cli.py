"""The `jobcouncil` command: the matching engine's commands, or any Django management command."""

from __future__ import annotations

import os
import sys

ENGINE_COMMANDS = {"match", "match-check", "match-sample"}


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args and args[0] in ENGINE_COMMANDS:
        # The engine runs without Django so it can work offline on an exported pool.
        from jobcouncil.matching.cli import main as engine_main

        return engine_main(args)
    if args:
        # Our own commands read better with hyphens (seed-demo); Django's modules use underscores.
        args = [args[0].replace("-", "_"), *args[1:]]
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jobcouncil.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["jobcouncil", *args])
    return 0


if __name__ == "__main__":
    sys.exit(main())
