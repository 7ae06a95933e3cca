"""URL converters: an id in a URL is a whole number a database column can hold."""

from __future__ import annotations

from django.urls import register_converter


class IdConverter:
    """Like <int:...>, but at most 18 digits, so any id fits a signed 64-bit column.

    A longer number does not match the URL (404); with <int:...> it reached the query and
    SQLite raised OverflowError (500)."""

    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)


register_converter(IdConverter, "id")
