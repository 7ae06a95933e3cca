"""Reading the two-pager: grouped lists, the guided questions, and comparing versions."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from jobcouncil.workbook.models import Topic, TwoPagerItem

Side = TwoPagerItem.Side


@dataclass(frozen=True)
class Question:
    side: str
    topic: str
    text: str | Promise  # translated when shown


# One question at a time for a blank page; each answer is one item, every question skippable.
_Q = Question
GUIDE = [
    _Q(Side.WANT, Topic.ROLE, _("What work do you want to spend most of your days doing?")),
    _Q(Side.DONT_WANT, Topic.ROLE, _("What work drains you, that you'd rather not do again?")),
    _Q(Side.WANT, Topic.PEOPLE, _("What kind of people and manager bring out your best?")),
    _Q(
        Side.DONT_WANT,
        Topic.PEOPLE,
        _("Which team habits or ways of managing do you want to avoid?"),
    ),
    _Q(Side.WANT, Topic.COMPANY, _("What size, stage or kind of company suits you?")),
    _Q(
        Side.WANT,
        Topic.PLACE,
        _("Where and how do you want to work: remote, an office, a city, hours?"),
    ),
    _Q(Side.WANT, Topic.MONEY, _("What do you need to earn, and what would feel fair?")),
    _Q(Side.WANT, Topic.LEARNING, _("What do you want to learn or grow into next?")),
    _Q(Side.DONT_WANT, Topic.OTHER, _("Is there anything else you already know you don't want?")),
]


@dataclass(frozen=True)
class Group:
    topic: str
    label: str
    items: list


def grouped(items: list, side: str) -> list[Group]:
    """One side's items under their topics, in the topics' order."""
    labels = dict(Topic.choices)
    groups = []
    for topic in Topic.values:
        mine = [i for i in items if _get(i, "side") == side and _get(i, "topic") == topic]
        if mine:
            groups.append(Group(topic=topic, label=str(labels[topic]), items=mine))
    return groups


def _get(item: Any, name: str) -> Any:
    return item[name] if isinstance(item, dict) else getattr(item, name)


@dataclass(frozen=True)
class Line:
    text: str
    change: str  # "same", "added" or "removed"


def _line(item: dict) -> str:
    sides = dict(Side.choices)
    topics = dict(Topic.choices)
    why = f" ({item['why']})" if item.get("why") else ""
    return f"{sides[item['side']]} · {topics[item['topic']]}: {item['text']}{why}"


def compare(old: list[dict], new: list[dict]) -> tuple[list[Line], list[Line]]:
    """Both versions as lines, each marked removed (only in the old one), added (only in the
    new one) or the same."""
    old_lines = [_line(i) for i in old]
    new_lines = [_line(i) for i in new]
    old_set, new_set = set(old_lines), set(new_lines)
    return (
        [Line(t, "same" if t in new_set else "removed") for t in old_lines],
        [Line(t, "same" if t in old_set else "added") for t in new_lines],
    )
