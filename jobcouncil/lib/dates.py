"""Names of the days of the week, translated, indexed Monday = 0 like datetime.weekday()."""

from django.utils.translation import gettext_lazy as _

WEEKDAYS = [
    _("Monday"),
    _("Tuesday"),
    _("Wednesday"),
    _("Thursday"),
    _("Friday"),
    _("Saturday"),
    _("Sunday"),
]
# "Council meets Mondays at 18:00"
WEEKDAYS_PLURAL = [
    _("Mondays"),
    _("Tuesdays"),
    _("Wednesdays"),
    _("Thursdays"),
    _("Fridays"),
    _("Saturdays"),
    _("Sundays"),
]
