"""Many invitations at once, from a CSV file: good rows are kept, bad ones reported by line."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _

from twinning.cities.domain.invitations import create_invitation
from twinning.cities.models import Invitation

COLUMNS = ["email", "city", "country", "partner_project", "expires"]


@dataclass
class UploadReport:
    created: list[Invitation] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)


def _expiry(value: str, cohort):
    import datetime as dt

    if not value.strip():
        return None
    day = parse_date(value.strip())
    if day is None:
        raise ValidationError(_("“%(value)s” is not a date (YYYY-MM-DD).") % {"value": value})
    # Valid until the end of that day in the cohort's time zone.
    return dt.datetime.combine(day, dt.time(23, 59), tzinfo=cohort.zone)


def invite_from_csv(cohort, content: bytes | str, *, by) -> UploadReport:
    """One invitation per row of `email,city,country[,partner_project][,expires]`.

    The first line is a header. Each row is created on its own, so one bad row
    does not hold back the others; its line number and the reason are reported.
    """
    report = UploadReport()
    if isinstance(content, bytes):
        try:
            content = content.decode("utf-8-sig")
        except UnicodeDecodeError:
            report.errors.append((1, _("The file is not UTF-8 text: save it as CSV UTF-8.")))
            return report
    sample = content[:2048]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.DictReader(io.StringIO(content), dialect=dialect)
    header = [name.strip().lower() for name in reader.fieldnames or []]
    missing = [name for name in COLUMNS[:3] if name not in header]
    if missing:
        report.errors.append(
            (
                1,
                _("The first line must name the columns; missing: %(columns)s.")
                % {"columns": ", ".join(missing)},
            )
        )
        return report
    reader.fieldnames = header
    for row in reader:
        line = reader.line_num
        values = {key: (value or "").strip() for key, value in row.items() if key}
        if not any(values.values()):
            continue
        try:
            report.created.append(
                create_invitation(
                    cohort,
                    email=values.get("email", ""),
                    city_name=values.get("city", ""),
                    country=values.get("country", ""),
                    partner_project=values.get("partner_project") or None,
                    expires_at=_expiry(values.get("expires", ""), cohort),
                    by=by,
                )
            )
        except ValidationError as error:
            report.errors.append((line, " ".join(error.messages)))
    return report
