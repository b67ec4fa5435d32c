# Django's Spanish formats, and the project's own (see twinning.common.dates).
WEEKDAY_DATE_FORMAT = r"l j \d\e F \d\e Y"  # domingo 6 de diciembre de 2026
WEEKDAY_DATETIME_FORMAT = r"l j \d\e F \d\e Y \a \l\a\s H:i"  # ... a las 14:30
SHORT_WEEKDAY_DATETIME_FORMAT = "D j N H:i"  # dom 6 dic. 14:30
