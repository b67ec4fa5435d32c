"""A person's data: everything the platform holds about them, as one download, and its removal.

Both work from the models themselves rather than from a list kept by hand: every
relation to the user model and every e-mail address field of every installed
model is found at run time, so that a model added later is exported at once.
What deletion does with each of them is decided in `DELETION_POLICY`; a test
fails when a relation to people has no entry there.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import enum
import json
import re
from collections import defaultdict
from dataclasses import dataclass

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.db.models import Q
from django.db.models.functions import Cast
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from twinning.common import clock
from twinning.common.audit import record_action

# Placeholder that replaces a removed person's name where it was written in their records.
REMOVED = "[removed]"
# A name shorter than this is not searched for, even in the person's own records.
MIN_NAME_LENGTH = 3
# Fields never written into a download: secrets that give access, not data about a person.
SECRET_FIELD_NAMES = {"password", "token", "sender_key", "secret", "key", "key_hash"}
SECRET_FIELDS = {"mfa.Authenticator.data", "mail.OutgoingMail.attachments"}
# Addresses held in a JSON list rather than an e-mail field.
EMAIL_LISTS = ["mail.OutgoingMail.to"]


class Action(enum.StrEnum):
    DELETE = "delete"  # the rows go
    ANONYMISE = "anonymise"  # the rows stay for the programme's records, without the person
    KEEP = "keep"  # the rows stay; they point to the anonymised person and hold nothing else


@dataclass(frozen=True)
class Rule:
    action: Action
    why: str
    # With DELETE: rows matching this stay, anonymised (e.g. a claim already paid).
    keep: Q | None = None
    # With ANONYMISE: text fields emptied (the e-mail field of an e-mail link is always replaced).
    blank: tuple[str, ...] = ()
    # With ANONYMISE of a relation: the rows stay and no longer point to the person.
    unlink: bool = False


D, A, K = Action.DELETE, Action.ANONYMISE, Action.KEEP

# "app_label.Model.field" of every relation to a person (or e-mail address field) → what
# deleting that person's account does with the rows.
DELETION_POLICY: dict[str, Rule] = {
    # the account itself
    "account.EmailAddress.user": Rule(D, _("sign-in addresses")),
    "account.EmailAddress.email": Rule(D, _("sign-in addresses")),
    "mfa.Authenticator.user": Rule(D, _("second factors")),
    "accounts.Consent.user": Rule(D, _("consents end with the account")),
    "accounts.User_groups.user": Rule(D, _("permissions end with the account")),
    "accounts.User_user_permissions.user": Rule(D, _("permissions end with the account")),
    "admin.LogEntry.user": Rule(K, _("the administration's change history")),
    # mailings: who wrote and sent a mailing, for the programme's records
    "mailings.Mailing.created_by": Rule(K, _("who wrote a mailing")),
    "mailings.Mailing.sent_by": Rule(K, _("who sent a mailing")),
    # cities
    "cities.Membership.user": Rule(D, _("the person no longer represents the city")),
    "cities.Invitation.created_by": Rule(K, _("who invited a city, for the programme's records")),
    "cities.Invitation.accepted_by": Rule(K, _("who accepted an invitation")),
    "cities.Invitation.email": Rule(A, _("the invitation belongs to the city's registration")),
    # outreach: visitors identified by their e-mail address
    "outreach.WebinarRegistration.email": Rule(D, _("a seat at a webinar")),
    "outreach.InterestExpression.email": Rule(D, _("an answer to the survey")),
    "outreach.ContactMessage.email": Rule(D, _("messages to the programme team")),
    "outreach.ContactMessage.handled_by": Rule(K, _("who answered a message")),
    # the outbox
    "mail.OutgoingMail.created_by": Rule(K, _("who wrote an e-mail")),
    "mail.OutgoingMail.to": Rule(D, _("e-mails to the person; those to several keep the others")),
    # Matchmaking Days, selection and twinnings
    "matchmaking.DayParticipation_attendees.user": Rule(D, _("who plans to come to a day")),
    "matchmaking.DayParticipation_present.user": Rule(K, _("attendance reported to the funder")),
    "matchmaking.ScheduleRun.created_by": Rule(K, _("who ran the scheduler")),
    "matchmaking.MeetingReport.reported_by": Rule(K, _("attendance reported to the funder")),
    "selection.SelectionRun.created_by": Rule(K, _("who ran the selection")),
    "selection.SelectionRun.confirmed_by": Rule(K, _("who confirmed the selection")),
    "programme.Twinning.facilitator": Rule(K, _("who facilitated a twinning")),
    "programme.TwinningMember.decided_by": Rule(K, _("who answered for a city")),
    # the programme year
    "workshops.Workshop.created_by": Rule(K, _("who set up a workshop")),
    "workshops.WorkshopRegistration.person": Rule(
        D, _("a seat at a workshop; recorded attendance is reported"), keep=~Q(attendance="unknown")
    ),
    "visits.Visit.created_by": Rule(K, _("who planned a visit")),
    "visits.Delegate.person": Rule(
        D,
        _("a place in a delegation; those of approved visits are paid for"),
        keep=Q(visit__state__in=["approved", "done"]),
    ),
    "visits.ExpenseClaim.traveller": Rule(
        D,
        _("expenses; approved and paid claims are accounts"),
        keep=Q(state__in=["approved", "paid"]),
    ),
    "plans.JointPlan.submitted_by": Rule(K, _("the plan's history")),
    "plans.JointPlan.decided_by": Rule(K, _("the plan's history")),
    "plans.PlanSection.updated_by": Rule(K, _("the plan's history")),
    "plans.PlanSectionVersion.author": Rule(K, _("the plan's history")),
    "plans.PlanComment.author": Rule(K, _("the plan's history")),
    "plans.PlanComment.resolved_by": Rule(K, _("the plan's history")),
    # reminders by mail
    "nextsteps.NudgeSent.user": Rule(D, _("which reminders were mailed to the person")),
    # messages between cities: what was written stays in the cities' conversation, signed
    # by a former member, the person's name and address erased from its text
    "conversations.Conversation.started_by": Rule(K, _("who started a conversation")),
    "conversations.Message.author": Rule(A, _("messages written to other cities")),
    "conversations.Message.hidden_by": Rule(K, _("who hid a message")),
    "conversations.ReadState.person": Rule(D, _("which messages the person has read")),
    "plans.Certificate.person": Rule(
        A,
        _("certificates of participation stay verifiable, without the name"),
        blank=("person_name",),
    ),
    "plans.Certificate.issued_by": Rule(K, _("who issued a certificate")),
    # feedback: the answers stay for the figures, without the link to the person
    "feedback.SurveyInvitation.person": Rule(
        A, _("answers to feedback surveys, counted without the person"), unlink=True
    ),
    # the API
    "accounts.ApiToken.user": Rule(D, _("access keys end with the account")),
    # the audit trail keeps who did what; the person's name is erased from its texts
    "common.AuditEntry.actor": Rule(K, _("the audit trail")),
}

# Records about another record, by content type and id: those about the person or their
# records name the person in their texts (a membership reads "Ana – Ljubljana").
RECORDS_ABOUT = ["common.AuditEntry", "admin.LogEntry"]


def _registrations_naming(user, email: str) -> Q:
    return (
        Q(city__memberships__user=user)
        | Q(invitations__email__iexact=email)
        | Q(invitations__accepted_by=user)
    )


# "app_label.Model.field" of free texts where a city writes its people down by name and
# address, and which rows of it can name the person: those of the cities they represented.
WRITTEN_BY_NAME = {
    "cities.Registration.representatives": _registrations_naming,
}


@dataclass(frozen=True)
class PersonalLink:
    """One place where a model records a person: a relation, or an e-mail address."""

    model: type[models.Model]
    field: str
    kind: str  # "relation", "email" or "email_list"

    @property
    def key(self) -> str:
        return f"{self.model._meta.label}.{self.field}"

    @property
    def owns_rows(self) -> bool:
        """Whether the rows are the person's own, so that what hangs on them is theirs too."""
        if self.kind != "relation":
            return True
        field = self.model._meta.get_field(self.field)
        return field.remote_field.on_delete is not models.SET_NULL

    def rows(self, user, email: str) -> models.QuerySet:
        queryset = self.model._base_manager.all()
        if self.kind == "relation":
            return queryset.filter(**{self.field: user})
        if self.kind == "email":
            return queryset.filter(**{f"{self.field}__iexact": email})
        candidates = queryset.annotate(_as_text=Cast(self.field, models.TextField())).filter(
            _as_text__icontains=email
        )
        matching = [
            obj.pk
            for obj in candidates
            if email.lower() in [str(a).lower() for a in getattr(obj, self.field) or []]
        ]
        return queryset.filter(pk__in=matching)


def personal_links() -> list[PersonalLink]:
    """Every relation to the user model and every e-mail address field, in every model."""
    user_model = get_user_model()
    links = []
    for model in apps.get_models(include_auto_created=True):
        if model._meta.proxy or not model._meta.managed:
            continue
        for field in model._meta.concrete_fields:
            if field.is_relation and field.related_model is user_model:
                links.append(PersonalLink(model, field.name, "relation"))
            elif isinstance(field, models.EmailField) and model is not user_model:
                links.append(PersonalLink(model, field.name, "email"))
    for key in EMAIL_LISTS:
        label, field = key.rsplit(".", 1)
        with contextlib.suppress(LookupError):
            links.append(PersonalLink(apps.get_model(label), field, "email_list"))
    return links


# --- the download -----------------------------------------------------------------------


def _is_secret(model, field) -> bool:
    return (
        field.name in SECRET_FIELD_NAMES
        or field.name.endswith("_token")
        or f"{model._meta.label}.{field.name}" in SECRET_FIELDS
    )


def _value(field, obj):
    value = getattr(obj, field.attname)
    if isinstance(field, models.FileField):
        return value.name if value else ""
    return value


def serialise(obj) -> dict:
    """All stored fields of one row, secrets left out, in a form JSON can hold."""
    model = obj._meta.model
    row = {
        field.attname: _value(field, obj)
        for field in model._meta.concrete_fields
        if not _is_secret(model, field)
    }
    row["_object"] = str(obj)
    # Round trip so that dates, decimals and ids are plain JSON values.
    return json.loads(json.dumps(row, cls=DjangoJSONEncoder))


def _dependants(obj):
    """Rows that cannot exist without `obj` (deleted with it): a claim's receipts."""
    for relation in obj._meta.related_objects:
        if relation.many_to_many or relation.on_delete is not models.CASCADE:
            continue
        if relation.related_model._meta.proxy:
            continue
        yield from relation.related_model._base_manager.filter(**{relation.field.name: obj})


def records_of(user, email: str):
    """Each row about the person once, with what it was found through: the rows of every
    personal link, and the rows that cannot exist without the rows the person owns."""
    seen: set[tuple[str, object]] = set()

    def visit(obj, via: str, depth: int, owned: bool):
        label = obj._meta.label
        if (label, obj.pk) in seen:
            return
        seen.add((label, obj.pk))
        yield obj, via
        if owned and depth < 3:
            for child in _dependants(obj):
                yield from visit(child, f"{label}:{obj.pk}", depth + 1, owned)

    for link in personal_links():
        for obj in link.rows(user, email):
            yield from visit(obj, link.key, 1, link.owns_rows)


def export_personal_data(user) -> dict:
    """Everything the platform holds about `user`: their account and every record about them."""
    records: dict[str, list[dict]] = defaultdict(list)
    for obj, via in records_of(user, user.email):
        records[obj._meta.label].append({**serialise(obj), "_via": via})
    person = serialise(user)
    return {
        "exported_at": clock.now().isoformat(),
        "person": person,
        "records": {label: rows for label, rows in sorted(records.items())},
    }


def export_filename(user) -> str:
    return f"personal-data-{user.pk}-{clock.now():%Y%m%d}.json"


# --- deletion ---------------------------------------------------------------------------


def placeholder_email(user) -> str:
    """A non-personal address that keeps the e-mail column unique."""
    return f"removed-{user.pk}@invalid"


@dataclass
class DeletionReport:
    deleted: dict[str, int]
    anonymised: dict[str, int]
    kept: dict[str, int]
    scrubbed: dict[str, int]


def _delete_sessions_of(user) -> int:
    doomed = [
        session.pk
        for session in Session.objects.filter(expire_date__gt=clock.now() - dt.timedelta(1))
        if session.get_decoded().get("_auth_user_id") == str(user.pk)
    ]
    Session.objects.filter(pk__in=doomed).delete()
    return len(doomed)


def _apply_rule(link: PersonalLink, rule: Rule, user, email: str, placeholder: str, report):
    queryset = link.rows(user, email)
    if link.kind == "email_list":
        # A message to several people stays in their records, without this address.
        shared = [obj for obj in queryset if len(getattr(obj, link.field)) > 1]
        for obj in shared:
            addresses = [
                placeholder if str(a).lower() == email.lower() else a
                for a in getattr(obj, link.field)
            ]
            link.model._base_manager.filter(pk=obj.pk).update(**{link.field: addresses})
        if shared:
            report.anonymised[link.key] = len(shared)
        queryset = queryset.exclude(pk__in=[obj.pk for obj in shared])
    if rule.action == Action.DELETE:
        if rule.keep is not None:
            kept = queryset.filter(rule.keep)
            _anonymise(link, kept, rule, placeholder, report)
            queryset = queryset.exclude(pk__in=kept.values("pk"))
        try:
            count = _delete_with_files(queryset)
        except models.ProtectedError:
            # Something of the programme's records rests on the rows: they stay anonymised.
            _anonymise(link, queryset, rule, placeholder, report)
            return
        if count:
            report.deleted[link.key] = count
    elif rule.action == Action.ANONYMISE:
        _anonymise(link, queryset, rule, placeholder, report)
    else:
        count = queryset.count()
        if count:
            report.kept[link.key] = count


def _stored_files(obj, depth: int = 0):
    """Uploaded files of a row and of the rows deleted with it (a claim's receipts)."""
    for field in obj._meta.concrete_fields:
        if isinstance(field, models.FileField) and getattr(obj, field.attname):
            yield getattr(obj, field.name)
    if depth < 3:
        for child in _dependants(obj):
            yield from _stored_files(child, depth + 1)


def _delete_with_files(queryset) -> int:
    """Delete the rows, and their uploaded files once the deletion is committed."""
    files = [(f.storage, f.name) for obj in queryset for f in _stored_files(obj)]
    count, _ = queryset.delete()

    def remove_files():
        for storage, name in files:
            storage.delete(name)

    if files:
        transaction.on_commit(remove_files)
    return count


def _anonymise(link: PersonalLink, queryset, rule: Rule, placeholder: str, report):
    changes = {name: "" for name in rule.blank}
    if rule.unlink and link.kind == "relation":
        changes[link.field] = None
    if link.kind == "email":
        changes[link.field] = placeholder
    if link.kind == "email_list":
        changes[link.field] = [placeholder]
    count = queryset.update(**changes) if changes else queryset.count()
    if count:
        report.anonymised[link.key] = count


def _text_fields(model) -> tuple[str, ...]:
    return tuple(
        field.attname
        for field in model._meta.concrete_fields
        if isinstance(field, (models.CharField, models.TextField, models.JSONField))
        and not field.choices
    )


# Where to erase the person's name and address: model -> primary key -> text fields.
Places = dict[type[models.Model], dict[object, set[str]]]


def _add_rows(places: Places, model, pks, fields) -> None:
    for pk in pks:
        places.setdefault(model, {}).setdefault(pk, set()).update(fields)


def _places_of(user, email: str) -> Places:
    """The person's records (all their texts), and the texts of other records that name them."""
    places: Places = {}
    for obj, _via in records_of(user, email):
        _add_rows(places, obj._meta.model, [obj.pk], _text_fields(obj._meta.model))
    for key, rows in WRITTEN_BY_NAME.items():
        label, field = key.rsplit(".", 1)
        model = apps.get_model(label)
        pks = model._base_manager.filter(rows(user, email)).values_list("pk", flat=True)
        _add_rows(places, model, set(pks), [model._meta.get_field(field).attname])
    return places


def _add_records_about(places: Places, user) -> None:
    """Entries of the audit trail and of the administration's history about the person
    or one of their records."""
    subjects = {user._meta.model: {user.pk}}
    for model, rows in places.items():
        subjects.setdefault(model, set()).update(rows)
    # Only content types that exist: looking one up must not create it.
    content_types = {(ct.app_label, ct.model): ct.pk for ct in ContentType.objects.all()}
    for label in RECORDS_ABOUT:
        with contextlib.suppress(LookupError):
            about = apps.get_model(label)
            condition = Q(pk__in=[])
            for model, pks in subjects.items():
                content_type = content_types.get((model._meta.app_label, model._meta.model_name))
                if content_type is not None:
                    ids = [str(pk) for pk in pks]
                    condition |= Q(content_type_id=content_type, object_id__in=ids)
            pks = about._base_manager.filter(condition).values_list("pk", flat=True)
            _add_rows(places, about, list(pks), _text_fields(about))


def _word(needle: str) -> re.Pattern:
    """The text as a whole word, in any case: "Ana" is not found in "Ljubljana"."""
    return re.compile(rf"(?<!\w){re.escape(needle)}(?!\w)", re.IGNORECASE)


def _replace(value, patterns):
    if isinstance(value, str):
        for pattern, replacement in patterns:
            value = pattern.sub(replacement, value)
        return value
    if isinstance(value, list):
        return [_replace(item, patterns) for item in value]
    if isinstance(value, dict):
        return {key: _replace(item, patterns) for key, item in value.items()}
    return value


def erase_from(places: Places, replacements: dict[str, str]) -> dict[str, int]:
    """Replace each text of `replacements`, as a whole word, in the given fields of the given
    rows only; returns how many rows changed, by model."""
    patterns = [(_word(needle), replacement) for needle, replacement in replacements.items()]
    erased: dict[str, int] = {}
    for model, rows in places.items():
        for obj in model._base_manager.filter(pk__in=list(rows)):
            changes = {}
            for attname in rows[obj.pk]:
                value = getattr(obj, attname)
                new = _replace(value, patterns)
                if new != value:
                    changes[attname] = new
            if changes:
                # update() rather than save(): no "last changed" stamps, no side effects.
                model._base_manager.filter(pk=obj.pk).update(**changes)
                erased[model._meta.label] = erased.get(model._meta.label, 0) + 1
    return erased


@transaction.atomic
def delete_personal_data(user, *, by, reason: str = "") -> DeletionReport:
    """Delete a person's account: remove what need not stay, anonymise what the programme keeps.

    The user row stays, anonymised and inactive, so that kept records (a claim
    already paid, a plan's history, the audit trail) still point to someone.
    """
    if user.anonymised_at:
        raise ValidationError(gettext("This account has already been deleted."))
    email, name = user.email, user.name.strip()
    placeholder = placeholder_email(user)
    report = DeletionReport(deleted={}, anonymised={}, kept={}, scrubbed={})
    # Found before the rules run: a membership deleted now still says which registrations
    # named the person.
    places = _places_of(user, email)
    for link in personal_links():
        rule = DELETION_POLICY.get(link.key, Rule(Action.KEEP, "not yet decided"))
        _apply_rule(link, rule, user, email, placeholder, report)
    _delete_sessions_of(user)
    user.email = placeholder
    user.name = ""
    user.time_zone = ""
    user.language = ""
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.is_organiser = False
    user.is_facilitator = False
    user.last_login = None
    user.anonymised_at = clock.now()
    user.set_unusable_password()
    user.save()
    record_action(
        "person.deleted",
        user,
        by=by if by is not None and by.pk != user.pk else user,
        reason=reason,
        deleted=report.deleted,
        anonymised=report.anonymised,
    )
    # Last, so that the name is also gone from what was just written (a reason, say).
    _add_records_about(places, user)
    replacements = {email: placeholder}
    if len(name) >= MIN_NAME_LENGTH:
        replacements[name] = REMOVED
    report.scrubbed = erase_from(places, replacements)
    return report


def kept_records() -> list[str]:
    """Why records stay after a deletion, each reason once, in the order of the policy."""
    reasons = []
    for rule in DELETION_POLICY.values():
        keeps = rule.action != Action.DELETE or rule.keep is not None
        if keeps and rule.why not in reasons:
            reasons.append(rule.why)
    return reasons
