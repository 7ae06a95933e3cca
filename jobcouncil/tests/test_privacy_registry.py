"""Every model that holds something about a person is in their data export (lib/privacy.py):
a model with a link to the user that no app's privacy part exports, and that is not declared
not personal with a reason, fails here. So does a part naming a model that does not exist."""

from __future__ import annotations

from django.apps import apps
from django.contrib.auth import get_user_model

from jobcouncil.lib import privacy


def _links_to_the_user(model) -> list[str]:
    user_model = get_user_model()
    return [
        field.name
        for field in model._meta.get_fields(include_hidden=False)
        if field.concrete or field.many_to_many
        if getattr(field, "related_model", None) is user_model and not field.auto_created
    ]


def _declared() -> tuple[dict[str, str], dict[str, str]]:
    exported, not_personal = {}, {}
    for part in privacy.parts():
        for label in part.models:
            assert label not in exported, f"{label} is exported by two parts"
            exported[label] = part.app
        for label, reason in part.not_personal.items():
            assert len(reason) > 20, f"say why {label} is not personal"
            not_personal[label] = part.app
    return exported, not_personal


def test_every_model_linked_to_a_person_is_exported_or_declared_not_personal():
    exported, not_personal = _declared()
    missing = [
        f"{model._meta.label} ({', '.join(_links_to_the_user(model))})"
        for model in apps.get_models()
        if _links_to_the_user(model)
        and model._meta.label not in exported
        and model._meta.label not in not_personal
    ]
    assert missing == [], (
        "models with a link to the user and no exporter: add them to their app's "
        "privacy.py (export them, or declare them not personal with the reason)"
    )
    assert get_user_model()._meta.label in exported


def test_every_declared_model_exists_and_is_declared_once():
    exported, not_personal = _declared()
    assert set(exported) & set(not_personal) == set()
    known = {model._meta.label for model in apps.get_models()}
    assert set(exported) - known == set()
    assert set(not_personal) - known == set()


def test_the_registry_knows_the_apps_with_personal_data_in_order():
    assert [part.app for part in privacy.parts()] == [
        "accounts",
        "pool",
        "councils",
        "workbook",
        "notifications",
        "rounds",
    ]
