"""Form fields shared by apps."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

# As the URLs' <id:...>: any such number fits a signed 64-bit column.
ID = re.compile(r"[0-9]{1,18}")


class IdsChoiceField(forms.ModelMultipleChoiceField):
    """Several objects chosen by id. A number too long for an id column is refused like any
    other wrong value: Django sends `pk__in` with it to the database, where SQLite raises
    OverflowError (a 500)."""

    def clean(self, value: Any) -> Any:
        for pk in value if isinstance(value, list | tuple) else ():
            if isinstance(pk, str) and pk.strip().isdigit() and not ID.fullmatch(pk.strip()):
                raise ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": pk[:20]},
                )
        return super().clean(value)
