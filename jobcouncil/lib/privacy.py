"""One registry of what each app holds about a person, for their data export.

Each app with personal data has a `privacy.py` that builds a `Part` and registers it in its
AppConfig.ready(); the exporter (accounts/export.py) only walks the registry, so an app added
later (the workbook) adds its part without touching it. `jobcouncil/tests/
test_privacy_registry.py` fails when a model with a link to the user is neither exported by a
part nor declared not personal, with the reason.

Erasing is the other half: deleting an account cascades to every row that is the person's,
an app erases what a cascade would not (a council seat, an announcement) in its receiver of
accounts.signals.account_deleting, and accounts.services.traces_anonymise then cleans every
text column of their name and addresses."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils.functional import Promise


@dataclass
class Section:
    """One area of the export ("Profile", "Commitments"): a heading, then one record or many.

    `fields` maps each record's keys (the JSON's) to the labels the readable page shows."""

    key: str
    title: str | Promise
    fields: dict[str, Any]
    rows: list[dict[str, Any]]
    single: bool = False  # one record (the profile) rather than a list
    note: str | Promise = ""  # a sentence under the heading: what is not in it, and why

    def as_json(self) -> Any:
        if self.single:
            return self.rows[0] if self.rows else None
        return self.rows


@dataclass
class Part:
    """What one app holds about a person.

    export(user) returns the app's sections in a fixed number of queries, whatever the
    person's history. `models` are the app's models with personal data that export reads;
    `not_personal` names models that link to a user without being that person's data, each
    with the reason."""

    app: str
    order: int
    export: Callable[[Any], list[Section]]
    models: tuple[str, ...] = ()
    not_personal: dict[str, str] = field(default_factory=dict)


_parts: dict[str, Part] = {}


def register(part: Part) -> None:
    _parts[part.app] = part


def parts() -> list[Part]:
    return sorted(_parts.values(), key=lambda p: (p.order, p.app))


def export_sections(user: Any) -> list[Section]:
    return [section for part in parts() for section in part.export(user)]
