"""Many invitations at once, from a CSV file: good rows are kept, bad ones reported by line."""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from twinning.cities.domain.invitations import create_invitation
from twinning.cities.models import Invitation
from twinning.common import l10n

COLUMNS = ["email", "city", "country", "partner_project", "expires"]
# One upload stays a page's work: beyond these, the file is refused whole, before any row.
MAX_UPLOAD_BYTES = 1024 * 1024
MAX_UPLOAD_ROWS = 2000


@dataclass
class UploadReport:
    created: list[Invitation] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)


def read_invitation_csv(content: bytes | str) -> list[tuple[int, dict[str, str]]]:
    """The rows of an invitation CSV as (line number, {column: text}), blank rows left out.

    The first line names the columns. Raises ValidationError, for the whole file, when it
    is over MAX_UPLOAD_BYTES, not UTF-8 text, without the columns, or over MAX_UPLOAD_ROWS
    rows; each row's values are checked by the caller, row by row.
    """
    if len(content) > MAX_UPLOAD_BYTES:
        raise ValidationError(
            _("The file is larger than %(limit)d MB: split it.")
            % {"limit": MAX_UPLOAD_BYTES // (1024 * 1024)}
        )
    if isinstance(content, bytes):
        try:
            content = content.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ValidationError(_("The file is not UTF-8 text: save it as CSV UTF-8.")) from None
    try:
        dialect = csv.Sniffer().sniff(content[:2048], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(content, newline=""), dialect=dialect)
    try:
        header = [name.strip().lower() for name in next(reader, [])]
        missing = [name for name in COLUMNS[:3] if name not in header]
        if missing:
            raise ValidationError(
                _("The first line must name the columns; missing: %(columns)s.")
                % {"columns": ", ".join(missing)}
            )
        rows = []
        for cells in reader:
            if not any(cell.strip() for cell in cells):
                continue
            if len(rows) == MAX_UPLOAD_ROWS:
                raise ValidationError(
                    ngettext(
                        "The file has more than %(limit)s invitation: split it.",
                        "The file has more than %(limit)s invitations: split it.",
                        MAX_UPLOAD_ROWS,
                    )
                    % {"limit": l10n.format_number(MAX_UPLOAD_ROWS)}
                )
            values = {name: cell.strip() for name, cell in zip(header, cells, strict=False)}
            rows.append((reader.line_num, values))
    except csv.Error:
        raise ValidationError(
            _("Line %(line)d cannot be read as CSV: check its quotes.") % {"line": reader.line_num}
        ) from None
    return rows


def invite_from_rows(cohort, rows: list[tuple[int, dict]], *, by) -> UploadReport:
    """One invitation per checked row (line number, {email, city, country,
    partner_project, expires}); `expires` is a date, valid to its end in the cohort's
    time zone. Each row is created on its own, so one refused row does not hold back the
    others; its line number and the reason are reported."""
    report = UploadReport()
    for line, values in rows:
        expires = values.get("expires")
        try:
            report.created.append(
                create_invitation(
                    cohort,
                    email=values["email"],
                    city_name=values["city"],
                    country=values["country"],
                    partner_project=values.get("partner_project") or None,
                    expires_at=(
                        dt.datetime.combine(expires, dt.time(23, 59), tzinfo=cohort.zone)
                        if expires
                        else None
                    ),
                    by=by,
                )
            )
        except ValidationError as error:
            report.errors.append((line, " ".join(error.messages)))
    return report
