"""Reading a contacts file before anything is saved: LinkedIn's Connections.csv as it really
is (a few lines of notes before the header), or a plain CSV with a name column.

The whole file is read first; the preview is this parse's result, and saving it is one
transaction (services.contacts_import_confirm), so a file that cannot be read saves nothing.
Every problem names its line in the file, counted as a spreadsheet counts them."""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import asdict, dataclass, field
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 20_000
# LinkedIn's export header; a plain file needs a name column (or first and last names).
LINKEDIN = [
    "first name",
    "last name",
    "url",
    "email address",
    "company",
    "position",
    "connected on",
]
ALIASES = {
    "name": "name",
    "full name": "name",
    "first name": "first_name",
    "last name": "last_name",
    "email": "email",
    "email address": "email",
    "e-mail": "email",
    "company": "company",
    "organisation": "company",
    "organization": "company",
    "position": "position",
    "role": "position",
    "title": "position",
    "job title": "position",
    "url": "profile_url",
    "linkedin": "profile_url",
    "profile": "profile_url",
    "connected on": "connected_on",
}
_LIMITS = {"name": 200, "email": 254, "company": 200, "position": 200, "profile_url": 500}


@dataclass(frozen=True)
class Row:
    line: int
    name: str
    email: str = ""
    company: str = ""
    position: str = ""
    profile_url: str = ""
    connected_on: str = ""  # ISO date, or empty

    def key(self) -> tuple[str, str]:
        return contact_key(self.name, self.email, self.company)

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class Problem:
    line: int
    field: str
    message: str


@dataclass
class Preview:
    source: str = "csv"  # "linkedin" or "csv"
    rows: list[Row] = field(default_factory=list)
    duplicates: list[Row] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    error: str = ""  # the whole file could not be read: nothing else is set


def contact_key(name: str, email: str, company: str) -> tuple[str, str]:
    """Two contacts are the same person if their emails match, or, without email, their
    names and companies do (ignoring case and spacing)."""
    if email.strip():
        return ("email", email.strip().lower())
    return ("name", " ".join(f"{name} | {company}".lower().split()))


def _decode(data: bytes) -> str | None:
    if b"\x00" in data[:4096]:
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Excel on Windows saves CSV as Windows-1252; it decodes every byte but five.
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            return None


def _header(cells: list[str]) -> dict[int, str] | None:
    columns: dict[int, str] = {}
    for i, cell in enumerate(cells):
        name = ALIASES.get(" ".join(cell.strip().lower().split()))
        if name and name not in columns.values():
            columns[i] = name
    names = set(columns.values())
    if "name" in names or {"first_name", "last_name"} <= names or "first_name" in names:
        return columns
    return None


def _web_address(value: str) -> bool:
    """An http(s) address with a host, read as a browser would (no spaces, no user part)."""
    try:
        parts = urlsplit(value)
    except ValueError:
        return False
    return (
        parts.scheme in ("http", "https")
        and bool(parts.hostname)
        and "@" not in parts.netloc
        and not any(c.isspace() for c in value)
    )


def _date(value: str) -> str | None:
    for fmt in ("%d %b %Y", "%Y-%m-%d", "%d/%m/%Y", "%b %d, %Y"):
        try:
            return dt.datetime.strptime(value, fmt).date().isoformat()
        except ValueError:
            continue
    return None


def parse_contacts(data: bytes, *, existing: set[tuple[str, str]]) -> Preview:
    if not data.strip():
        return Preview(error=_("The file is empty."))
    if len(data) > MAX_BYTES:
        return Preview(error=_("The file is larger than 5 MB; split it into smaller files."))
    text = _decode(data)
    if text is None:
        return Preview(
            error=_(
                "This does not look like a CSV file. Export your contacts as CSV and try again."
            )
        )
    reader = csv.reader(io.StringIO(text, newline=""))
    preview = Preview()
    columns: dict[int, str] | None = None
    seen = set(existing)
    try:
        for cells in reader:
            line = reader.line_num
            if columns is None:
                columns = _header(cells)
                if columns is not None:
                    names = [" ".join(c.strip().lower().split()) for c in cells]
                    preview.source = "linkedin" if names[: len(LINKEDIN)] == LINKEDIN else "csv"
                elif line >= 20:
                    break
                continue
            if not any(c.strip() for c in cells):
                continue
            if len(preview.rows) + len(preview.duplicates) >= MAX_ROWS:
                return Preview(error=_("The file has more than 20,000 contacts; split it."))
            row = _row(cells, columns, line, preview.problems)
            if row is None:
                continue
            if row.key() in seen:
                preview.duplicates.append(row)
            else:
                seen.add(row.key())
                preview.rows.append(row)
    except csv.Error as exc:
        return Preview(
            error=_("Line %(line)d could not be read as CSV (%(why)s).")
            % {"line": reader.line_num, "why": str(exc)[:100]}
        )
    if columns is None:
        return Preview(
            error=_(
                "We could not find the column names. The file needs a header line with "
                "“Name” (or “First Name” and “Last Name”), and optionally “Email”, "
                "“Company” and “Position”, as LinkedIn's Connections.csv has."
            )
        )
    return preview


def _row(
    cells: list[str], columns: dict[int, str], line: int, problems: list[Problem]
) -> Row | None:
    values = {name: "" for name in columns.values()}
    for i, name in columns.items():
        if i < len(cells):
            # A NUL past the first 4 KB (which _decode checks) is dropped: PostgreSQL refuses it.
            values[name] = " ".join(cells[i].replace("\x00", "").split())
    name = values.pop("name", "") or " ".join(
        part for part in (values.pop("first_name", ""), values.pop("last_name", "")) if part
    )
    values.pop("first_name", None)
    values.pop("last_name", None)
    if not name:
        problems.append(Problem(line, _("name"), _("no name: the row was left out")))
        return None
    for key, limit in _LIMITS.items():
        if len(values.get(key, "") if key != "name" else name) > limit:
            problems.append(
                Problem(line, key, _("longer than %(n)d characters: cut") % {"n": limit})
            )
            if key == "name":
                name = name[:limit]
            else:
                values[key] = values[key][:limit]
    if values.get("email"):
        try:
            validate_email(values["email"])
        except ValidationError:
            problems.append(Problem(line, _("email"), _("not an email address: left out")))
            values["email"] = ""
    if values.get("profile_url") and not _web_address(values["profile_url"]):
        problems.append(Problem(line, _("profile link"), _("not a web address: left out")))
        values["profile_url"] = ""
    if values.get("connected_on"):
        iso = _date(values["connected_on"])
        if iso is None:
            problems.append(Problem(line, _("connected on"), _("not a date: left out")))
        values["connected_on"] = iso or ""
    return Row(line=line, name=name, **values)
