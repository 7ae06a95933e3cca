"""Warm paths into a target company: the seeker's own contacts there (typed in or imported,
with any listening-tour conversation), and whether a fellow member of their current council,
who chose to let the council see their contacts' companies, knows someone there.

From the council side only a yes or no crosses over: never who knows, never whom. An
introduction is asked of the whole council (`opportunities.introduction_request`)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING

from jobcouncil.councils.models import Membership
from jobcouncil.workbook.models import Contact, Opportunity, TourConversation, WorkbookSettings

if TYPE_CHECKING:
    from collections.abc import Iterable

    from jobcouncil.accounts.models import User

# Words that name a company's legal form, not the company: "Globex Inc." is Globex.
_FORMS = {
    "inc", "incorporated", "ltd", "limited", "llc", "llp", "plc", "gmbh", "ag", "sa", "sas",
    "bv", "nv", "corp", "corporation", "co", "company", "group", "srl", "spa", "oy", "ab",
}  # fmt: skip


def company_key(name: str) -> str:
    """The company a name means, for matching: case, accents, punctuation and a trailing
    legal form do not count ("Globex, Inc." and "globex" are one company)."""
    text = unicodedata.normalize("NFKD", name or "").casefold()
    text = "".join(c for c in text if not unicodedata.combining(c))
    words = re.findall(r"\w+", text)
    while len(words) > 1 and words[-1] in _FORMS:
        words.pop()
    return " ".join(words)


@dataclass(frozen=True)
class WarmPaths:
    contacts: list[Contact]
    conversations: dict[int, TourConversation]  # contact id -> their latest conversation
    council_knows: bool

    def __bool__(self) -> bool:
        return bool(self.contacts or self.council_knows)

    @property
    def rows(self) -> list[tuple[Contact, TourConversation | None]]:
        return [(c, self.conversations.get(c.pk)) for c in self.contacts]


def _fellow_ids(owner: User) -> list[int]:
    """Active fellow members of the owner's current council who opted in to share companies."""
    council_ids = Membership.objects.filter(user=owner, status=Membership.Status.ACTIVE).values(
        "council_id"
    )
    return list(
        Membership.objects.filter(council_id__in=council_ids, status=Membership.Status.ACTIVE)
        .exclude(user=owner)
        .filter(
            user_id__in=WorkbookSettings.objects.filter(share_contact_companies=True).values(
                "owner_id"
            )
        )
        .values_list("user_id", flat=True)
    )


def council_company_keys(owner: User) -> set[str]:
    """The companies someone in the owner's council knows people at (opted in), as keys."""
    fellows = _fellow_ids(owner)
    if not fellows:
        return set()
    names = (
        Contact.objects.filter(owner_id__in=fellows)
        .exclude(company="")
        .values_list("company", flat=True)
        .distinct()
    )
    return {company_key(n) for n in names} - {""}


def own_contacts_by_key(owner: User) -> dict[str, list[int]]:
    rows = Contact.objects.filter(owner=owner).exclude(company="").values_list("pk", "company")
    by_key: dict[str, list[int]] = {}
    for pk, company in rows:
        by_key.setdefault(company_key(company), []).append(pk)
    return by_key


def warm_path_counts(owner: User, opportunities: Iterable[Opportunity]) -> dict[int, tuple]:
    """For a list of targets: (how many of the owner's contacts, whether the council knows
    someone), by target id. Three queries, whatever the number of targets."""
    mine = own_contacts_by_key(owner)
    council = council_company_keys(owner)
    result = {}
    for o in opportunities:
        key = company_key(o.company)
        result[o.pk] = (len(mine.get(key, [])), key in council)
    return result


def warm_paths(owner: User, opportunity: Opportunity) -> WarmPaths:
    key = company_key(opportunity.company)
    ids = own_contacts_by_key(owner).get(key, [])
    contacts = list(Contact.objects.filter(pk__in=ids).order_by("name", "pk")[:50])
    conversations: dict[int, TourConversation] = {}
    for c in TourConversation.objects.filter(owner=owner, contact_id__in=ids).order_by("pk"):
        conversations[c.contact_id] = c
    return WarmPaths(
        contacts=contacts,
        conversations=conversations,
        council_knows=key in council_company_keys(owner),
    )
