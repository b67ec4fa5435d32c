# Django's Italian formats, and the project's own (see twinning.common.dates).
WEEKDAY_DATE_FORMAT = "l j F Y"  # Domenica 6 Dicembre 2026
WEEKDAY_DATETIME_FORMAT = "l j F Y H:i"  # Domenica 6 Dicembre 2026 14:30
SHORT_WEEKDAY_DATETIME_FORMAT = "D j M H:i"  # Dom 6 Dic 14:30
