# English as Europe writes it: day before month, 24-hour clock, weeks from Monday.
# Django's "en" formats are American ("Dec. 6, 2026", "2:30 p.m.", 12/06/2026).
DATE_FORMAT = "j F Y"  # 6 December 2026
TIME_FORMAT = "H:i"  # 14:30
DATETIME_FORMAT = "j F Y, H:i"  # 6 December 2026, 14:30
YEAR_MONTH_FORMAT = "F Y"  # December 2026
MONTH_DAY_FORMAT = "j F"  # 6 December
SHORT_DATE_FORMAT = "d/m/Y"  # 06/12/2026
SHORT_DATETIME_FORMAT = "d/m/Y H:i"  # 06/12/2026 14:30
FIRST_DAY_OF_WEEK = 1  # Monday

# Typed dates: ISO first (what date pickers send and forms show), then day first;
# never month first, so that 06/12/2026 is 6 December.
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y"]
TIME_INPUT_FORMATS = ["%H:%M:%S", "%H:%M:%S.%f", "%H:%M"]
DATETIME_INPUT_FORMATS = [
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M:%S.%f",
    "%Y-%m-%d %H:%M",
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y %H:%M:%S.%f",
    "%d/%m/%Y %H:%M",
    "%d/%m/%y %H:%M:%S",
    "%d/%m/%y %H:%M",
]
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3

# The project's own formats (see twinning.common.dates).
WEEKDAY_DATE_FORMAT = "l j F Y"  # Sunday 6 December 2026
WEEKDAY_DATETIME_FORMAT = "l j F Y, H:i"  # Sunday 6 December 2026, 14:30
SHORT_WEEKDAY_DATETIME_FORMAT = "D j M, H:i"  # Sun 6 Dec, 14:30
