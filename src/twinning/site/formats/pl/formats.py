# Django's Polish formats, and the project's own (see twinning.common.dates).
# Django's short date-time has two spaces between the date and the time.
SHORT_DATETIME_FORMAT = "d-m-Y H:i"
WEEKDAY_DATE_FORMAT = "l, j E Y"  # Niedziela, 6 grudnia 2026
WEEKDAY_DATETIME_FORMAT = "l, j E Y, H:i"  # Niedziela, 6 grudnia 2026, 14:30
SHORT_WEEKDAY_DATETIME_FORMAT = "D, j N, H:i"  # Nd, 6 Gru, 14:30
