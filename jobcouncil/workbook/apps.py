"""The Never Search Alone exercises: two-pager, listening tour, fit statement, update notes."""

from django.apps import AppConfig


class WorkbookConfig(AppConfig):
    name = "jobcouncil.workbook"
    verbose_name = "Workbook"
    label = "workbook"

    def ready(self) -> None:
        from jobcouncil.workbook import council_parts

        council_parts.register()
