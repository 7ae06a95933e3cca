"""Every text value stored in a table, for tests that prove a person left no trace."""

from __future__ import annotations

import json

from django.db import models


def text_values(model) -> list[str]:
    """Every text value (CharField, TextField, JSONField) of every row of model, as strings."""
    fields = [
        f.attname
        for f in model._meta.concrete_fields
        if isinstance(f, (models.CharField, models.TextField, models.JSONField))
    ]
    if not fields:
        return []
    values = []
    for row in model._base_manager.values_list(*fields):
        for value in row:
            if isinstance(value, str):
                values.append(value)
            elif value is not None:
                values.append(json.dumps(value, ensure_ascii=False))
    return values
