"""Sign-up, profile, availability and orientation."""

from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "jobcouncil.accounts"
    label = "accounts"

    def ready(self) -> None:
        import jobcouncil.lib.checks  # noqa: F401  (registers the deploy checks)
        from jobcouncil.accounts import privacy as accounts_privacy
        from jobcouncil.lib import privacy

        privacy.register(accounts_privacy.PART)
