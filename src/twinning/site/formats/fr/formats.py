# Django's French formats, and the project's own (see twinning.common.dates).
WEEKDAY_DATE_FORMAT = "l j F Y"  # dimanche 6 décembre 2026
WEEKDAY_DATETIME_FORMAT = "l j F Y H:i"  # dimanche 6 décembre 2026 14:30
SHORT_WEEKDAY_DATETIME_FORMAT = "D j N H:i"  # dim 6 déc. 14:30
