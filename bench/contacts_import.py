"""How long a LinkedIn export of 10,000 connections takes to read, preview and import.

Run: python bench/contacts_import.py [--rows 10000] [--database-url URL]
Builds a Connections.csv as LinkedIn writes it (notes before the header, quoted commas,
some rows without email, a few duplicates and unreadable lines), then times, in a throwaway
SQLite database unless --database-url says otherwise: parsing alone, the preview (parse and
store the pending import) and the confirm (one transaction), and prints rows per second.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path

HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
NOTES = (
    'Notes:\r\n"When exporting your connection data, you may notice that some of the email '
    'addresses are missing."\r\n\r\n'
)
FIRST = ["Ana", "Bo", "Chidi", "Dana", "Émile", "Farah", "Gus", "Hana", "Ivo", "Jun", "Zoë"]
LAST = ["Lima", "Chen", "Okafor", "Weiss", "Łukasz", "Haddad", "Moreau", "Sato", "Novak"]
COMPANIES = ["Acme", '"Widgets, Inc."', "Initech", "Globex", "Café Müller", "Umbrella"]


def linkedin_file(rows: int, seed: int = 7) -> bytes:
    rng = random.Random(seed)
    lines = [NOTES, HEADER]
    for i in range(rows):
        first, last = rng.choice(FIRST), f"{rng.choice(LAST)}{i}"
        email = f"person.{i}@example.org" if rng.random() < 0.6 else ""
        if i % 500 == 499:
            first = last = ""  # a row LinkedIn wrote without a name: reported, left out
        position = '"Director, Product"' if rng.random() < 0.2 else "Engineer"
        lines.append(
            f"{first},{last},https://www.linkedin.com/in/p{i},{email},"
            f"{rng.choice(COMPANIES)},{position},{rng.randint(1, 28):02d} Mar 2024\r\n"
        )
    return "".join(lines).encode("utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--database-url", default="")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        os.environ["DATABASE_URL"] = args.database_url or f"sqlite:///{Path(folder) / 'b.sqlite3'}"
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jobcouncil.settings")
        import django
        from django.core.management import call_command

        django.setup()
        call_command("migrate", verbosity=0)
        from jobcouncil.tests import factories
        from jobcouncil.workbook import services
        from jobcouncil.workbook.contacts_import import parse_contacts
        from jobcouncil.workbook.models import Contact

        data = linkedin_file(args.rows)
        owner = factories.make_user(f"bench{time.time_ns()}@example.org")
        t0 = time.perf_counter()
        preview = parse_contacts(data, existing=set())
        t1 = time.perf_counter()
        pending = services.contacts_import_preview(owner=owner, data=data, filename="c.csv")
        t2 = time.perf_counter()
        imported = services.contacts_import_confirm(pending=pending)
        t3 = time.perf_counter()
        assert Contact.objects.filter(owner=owner).count() == imported
        print(f"file: {len(data) / 1024:.0f} KiB, {args.rows} rows")
        print(f"read: {len(preview.rows)} contacts, {len(preview.problems)} problems, "
              f"{len(preview.duplicates)} duplicates")  # fmt: skip
        print(f"{'step':<28}{'seconds':>9}{'rows/s':>10}")
        for label, seconds in [
            ("parse only", t1 - t0),
            ("preview (parse + store)", t2 - t1),
            ("confirm (one transaction)", t3 - t2),
            ("preview + confirm", t3 - t1),
        ]:
            print(f"{label:<28}{seconds:>9.2f}{args.rows / seconds:>10.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
