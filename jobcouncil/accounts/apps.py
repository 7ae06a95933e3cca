"""Sign-up, profile, availability and orientation."""

from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "jobcouncil.accounts"
    label = "accounts"

    def ready(self) -> None:
        from jobcouncil.lib import checks  # noqa: F401  (registers the deploy checks)
