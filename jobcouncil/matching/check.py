"""Audit a matching: check any result document against every hard rule of the spec."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

from .applicants import Applicant, ExistingCouncil, MatchOptions, council_fit
from .engine import Council, Refill, Unplaced, compute_stats
from .text import cut, shown
from .timegrid import gap_ok, meeting_slots, parse_slot, window_slots


def _starts(applicant: Applicant, options: MatchOptions, cache: dict[str, int]) -> int:
    bits = cache.get(applicant.id)
    if bits is None:
        avail = window_slots(applicant.availability, applicant.timezone, options.reference_date)
        bits = meeting_slots(avail, options.meeting_minutes)
        cache[applicant.id] = bits
    return bits


def _list(doc: dict[str, object], name: str, problems: list[str]) -> list[object]:
    value = doc.get(name, [])
    if not isinstance(value, list):
        problems.append(f"format: {shown(name)} must be a list")
        return []
    return value


def _entries(doc: dict[str, object], name: str) -> list[dict[str, Any]]:
    """The entries under `name`, taken to be objects as the result format says."""
    return cast(list[dict[str, Any]], doc.get(name, []) or [])


def validate_result(
    applicants: Sequence[Applicant],
    result_doc: object,
    options: MatchOptions,
    existing: Sequence[ExistingCouncil] = (),
) -> list[str]:
    """Every broken hard rule of the spec, one message each; an empty list means valid."""
    problems: list[str] = []
    if not isinstance(result_doc, dict):
        return ["format: the result must be a JSON object"]
    by_id = {a.id: a for a in applicants}
    cache: dict[str, int] = {}
    seen: dict[str, str] = {}  # id -> where it appears

    def place(person: str, where: str) -> None:
        if person not in by_id:
            problems.append(f"rule 6: {where} names {shown(person)}, who is not an applicant")
        elif person in seen:
            problems.append(f"rule 6: {shown(person)} appears in {seen[person]} and in {where}")
        else:
            seen[person] = where

    def available(person: str, slots: list[int]) -> bool:
        starts = _starts(by_id[person], options, cache)
        return all(starts >> s & 1 for s in slots)

    council_ids: set[str] = set()
    for number, item in enumerate(_list(result_doc, "councils", problems), start=1):
        if not isinstance(item, dict):
            problems.append(f"format: council #{number} is not an object")
            continue
        cid = str(item.get("id", f"#{number}"))
        if cid in council_ids:
            problems.append(f"format: council id {shown(cid)} is used twice")
        council_ids.add(cid)
        members = item.get("members")
        if not isinstance(members, list) or not all(isinstance(m, str) for m in members):
            problems.append(f"format: council {cut(cid)} members must be a list of ids")
            continue
        for m in members:
            place(m, f"council {cut(cid)}")
        known = [m for m in members if m in by_id]
        if not options.min_size <= len(members) <= options.max_size:
            problems.append(
                f"rule 1: council {cut(cid)} has {len(members)} members "
                f"({options.min_size} to {options.max_size} allowed)"
            )
        seeker_type = item.get("seeker_type")
        wrong = [m for m in known if by_id[m].seeker_type != seeker_type]
        if seeker_type not in ("fast", "slow") or wrong:
            kind = cut(str(seeker_type))
            problems.append(
                f"rule 2: council {cut(cid)} ({kind}) mixes seeker types: {shown(wrong)}"
            )
        moderator = item.get("moderator")
        if not isinstance(moderator, str) or moderator not in members:
            problems.append(
                f"rule 3: council {cut(cid)} moderator {shown(moderator)} is not a member"
            )
        elif moderator in by_id and not by_id[moderator].moderator:
            problems.append(
                f"rule 3: council {cut(cid)} moderator {shown(moderator)} is not a volunteer"
            )
        slots = _slots(item.get("slots"), cid, problems)
        if slots is None:
            continue
        wanted = 2 if seeker_type == "fast" else 1
        if len(slots) != wanted:
            problems.append(
                f"rule 4: council {cut(cid)} ({cut(str(seeker_type))}) has {len(slots)} slots"
            )
        elif wanted == 2 and not gap_ok(slots[0], slots[1]):
            problems.append(f"rule 4: council {cut(cid)} slots are less than 48 hours apart")
        for m in known:
            if not available(m, slots):
                problems.append(
                    f"rule 5: {shown(m)} cannot attend every slot of council {cut(cid)}"
                )

    existing_by_id = {ex.id: ex for ex in existing}
    member_ids = {m.id for ex in existing for m in ex.members}
    for number, item in enumerate(_list(result_doc, "refilled", problems), start=1):
        if not isinstance(item, dict) or not isinstance(item.get("added"), list):
            problems.append(f"format: refill #{number} must have 'council' and 'added'")
            continue
        target = item.get("council")
        ex = existing_by_id.get(target) if isinstance(target, str) else None
        added = [str(a) for a in item["added"]]
        for m in added:
            if m in member_ids:
                problems.append(f"rule 7: {shown(m)} is already a member of an existing council")
            place(m, f"refill of {cut(str(target))}")
        if ex is None:
            problems.append(
                f"rule 7: refill names {shown(target)}, which is not an existing council"
            )
            continue
        if len(ex.members) + len(added) > max(options.max_size, len(ex.members)):
            problems.append(
                f"rule 7: refill takes council {cut(str(target))} above {options.max_size}"
            )
        for m in added:
            if m not in by_id:
                continue
            if by_id[m].seeker_type != ex.seeker_type:
                problems.append(
                    f"rule 7: {shown(m)} is not a {ex.seeker_type} seeker like {cut(str(target))}"
                )
            if not available(m, list(ex.slots)):
                problems.append(
                    f"rule 7: {shown(m)} cannot attend every slot of council {cut(str(target))}"
                )

    for number, item in enumerate(_list(result_doc, "unplaced", problems), start=1):
        if not isinstance(item, dict) or not isinstance(item.get("id"), str):
            problems.append(f"format: unplaced #{number} must have an 'id'")
            continue
        reason = item.get("reason")
        if not isinstance(reason, str) or not reason.strip():
            problems.append(f"rule 6: unplaced {shown(item['id'])} has no reason")
        place(item["id"], "unplaced")
    missing = [a.id for a in applicants if a.id not in seen]
    if missing:
        listed = ", ".join(shown(m) for m in missing[:5])
        problems.append(f"rule 6: {len(missing)} applicant(s) missing from the result: {listed}")
    return problems


def _slots(raw: object, cid: str, problems: list[str]) -> list[int] | None:
    if not isinstance(raw, list):
        problems.append(f"rule 4: council {cut(cid)} slots must be a list")
        return None
    try:
        return [parse_slot(s) for s in raw]
    except ValueError as error:
        problems.append(f"rule 4: council {cut(cid)}: {error}")
        return None


def figures(
    applicants: Sequence[Applicant], result_doc: dict[str, object], options: MatchOptions
) -> dict[str, object]:
    """The stats of a result document, recomputed from the input (trust nothing in it)."""
    by_id = {a.id: a for a in applicants}
    councils = []
    for item in _entries(result_doc, "councils"):
        members = [m for m in item.get("members", []) if m in by_id]
        people = [by_id[m] for m in members]
        councils.append(
            Council(
                str(item.get("id")),
                str(item.get("seeker_type")),
                str(item.get("moderator")),
                tuple(members),
                (),
                council_fit(people),
            )
        )
    refilled = [
        Refill(str(r.get("council")), tuple(m for m in r.get("added", []) if m in by_id))
        for r in _entries(result_doc, "refilled")
    ]
    unplaced = [
        Unplaced(str(u.get("id")), str(u.get("reason"))) for u in _entries(result_doc, "unplaced")
    ]
    stats = compute_stats(applicants, councils, refilled, unplaced, options)
    stats.pop("seconds", None)
    by_type = {}
    placed = {m for c in councils for m in c.members} | {m for r in refilled for m in r.added}
    for seeker_type in ("fast", "slow"):
        pool = [a for a in applicants if a.seeker_type == seeker_type]
        done = sum(1 for a in pool if a.id in placed)
        by_type[seeker_type] = {
            "applicants": len(pool),
            "placed": done,
            "coverage": round(done / len(pool), 4) if pool else 0.0,
        }
    stats["by_type"] = by_type
    reasons: dict[str, int] = {}
    for u in unplaced:
        reasons[u.reason] = reasons.get(u.reason, 0) + 1
    stats["unplaced_reasons"] = dict(sorted(reasons.items()))
    return stats
