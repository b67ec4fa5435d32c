# Django's German formats, and the project's own (see twinning.common.dates).
WEEKDAY_DATE_FORMAT = "l, j. F Y"  # Sonntag, 6. Dezember 2026
WEEKDAY_DATETIME_FORMAT = "l, j. F Y, H:i"  # Sonntag, 6. Dezember 2026, 14:30
SHORT_WEEKDAY_DATETIME_FORMAT = "D, j. N, H:i"  # So, 6. Dez., 14:30
