"""The Never Search Alone exercises: two-pager, listening tour, fit statement, update notes."""

from django.apps import AppConfig


class WorkbookConfig(AppConfig):
    name = "jobcouncil.workbook"
    verbose_name = "Workbook"
    label = "workbook"

    def ready(self) -> None:
        from jobcouncil.lib import privacy
        from jobcouncil.workbook import council_parts
        from jobcouncil.workbook import privacy as workbook_privacy

        council_parts.register()
        privacy.register(workbook_privacy.PART)
