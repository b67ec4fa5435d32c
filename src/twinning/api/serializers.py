"""How the API shows the programme's records, and what its writes accept."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from twinning.api.fields import ZonedDateTimeField
from twinning.cities.countries import COUNTRY_CHOICES
from twinning.cities.enums import RegistrationState
from twinning.cities.models import City, Invitation, Registration
from twinning.cohorts.enums import Audience
from twinning.cohorts.models import Cohort, Milestone
from twinning.common.ranges import check_date_in_range
from twinning.matchmaking.models import MatchmakingDay, Meeting
from twinning.outreach.models import WebinarRegistration
from twinning.practices.enums import PracticeState
from twinning.practices.models import Practice, PracticeResult
from twinning.programme.models import Twinning, TwinningMember
from twinning.selection.models import Preference, SelectionRun
from twinning.themes.models import Theme

# ---- public records ----


def translations_field(help_text) -> serializers.DictField:
    """The texts given in other languages than English, by language code."""
    return serializers.DictField(
        child=serializers.DictField(child=serializers.CharField()),
        read_only=True,
        help_text=help_text,
    )


class MilestoneSerializer(serializers.ModelSerializer):
    cohort = serializers.PrimaryKeyRelatedField(read_only=True)
    label = serializers.CharField(read_only=True)
    audience = serializers.ChoiceField(choices=Audience.choices, read_only=True)
    starts_at = ZonedDateTimeField("starts_at")
    ends_at = ZonedDateTimeField("ends_at")
    original_ends_at = ZonedDateTimeField("original_ends_at")
    was_extended = serializers.BooleanField(read_only=True)
    translations = translations_field(
        _(
            "The title and the description in other languages, by language code, e.g. "
            '{"fr": {"description": "…"}}. A text missing there is read in English.'
        )
    )

    class Meta:
        model = Milestone
        fields = [
            "id",
            "cohort",
            "kind",
            "label",
            "description",
            "audience",
            "starts_at",
            "ends_at",
            "original_ends_at",
            "was_extended",
            "time_zone",
            "translations",
        ]


class CohortSerializer(serializers.ModelSerializer):
    milestones = MilestoneSerializer(many=True, read_only=True)
    translations = translations_field(
        _(
            "The introduction, what is new and why join in other languages, by language "
            'code, e.g. {"fr": {"why_join": "…"}}. A text missing there is read in English.'
        )
    )

    class Meta:
        model = Cohort
        fields = [
            "id",
            "number",
            "name",
            "slug",
            "time_zone",
            "introduction",
            "whats_new",
            "why_join",
            "translations",
            "selection_cap",
            "twins_ranked",
            "twins_per_mission_minded",
            "programme_months",
            "joint_output_name",
            "visits_per_twinning",
            "visit_budget_per_representative",
            "representatives_covered",
            "milestones",
        ]


class CitySummarySerializer(serializers.ModelSerializer):
    """A city as other records name it."""

    class Meta:
        model = City
        fields = ["id", "slug", "name", "name_en", "country", "geonames_id"]


class CitySerializer(serializers.ModelSerializer):
    country_name = serializers.CharField(read_only=True)
    display_name = serializers.CharField(read_only=True)
    latitude = serializers.FloatField(allow_null=True, read_only=True)
    longitude = serializers.FloatField(allow_null=True, read_only=True)
    members = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = City
        fields = [
            "id",
            "slug",
            "name",
            "name_en",
            "display_name",
            "country",
            "country_name",
            "geonames_id",
            "latitude",
            "longitude",
            "population",
            "is_mission_city",
            "members",
            "summary",
            "website",
        ]


class ThemeSerializer(serializers.ModelSerializer):
    class Meta:
        model = Theme
        fields = ["code", "kind", "name", "description", "is_focus"]


class ThemeSummarySerializer(serializers.ModelSerializer):
    class Meta:
        model = Theme
        fields = ["code", "name"]


class PracticeResultSerializer(serializers.ModelSerializer):
    value = serializers.DecimalField(max_digits=14, decimal_places=2, coerce_to_string=True)

    class Meta:
        model = PracticeResult
        fields = ["kind", "value", "unit", "note"]


class PracticeSerializer(serializers.ModelSerializer):
    city = CitySummarySerializer(source="registration.city", read_only=True)
    cohort = serializers.IntegerField(source="registration.cohort_id", read_only=True)
    fields_of_action = ThemeSummarySerializer(many=True, read_only=True)
    levers = ThemeSummarySerializer(many=True, read_only=True)
    partner_project = serializers.SlugRelatedField(
        slug_field="acronym", read_only=True, allow_null=True
    )
    links = serializers.ListField(source="link_list", child=serializers.CharField(), read_only=True)

    class Meta:
        model = Practice
        fields = [
            "id",
            "slug",
            "language",
            "title",
            "summary",
            "description",
            "city",
            "cohort",
            "fields_of_action",
            "levers",
            "partner_project",
            "stage",
            "replication_needs",
            "links",
            "published_at",
        ]


class PracticeDetailSerializer(PracticeSerializer):
    results = PracticeResultSerializer(many=True, read_only=True)

    class Meta(PracticeSerializer.Meta):
        fields = [*PracticeSerializer.Meta.fields, "results"]


class TwinningMemberSerializer(serializers.ModelSerializer):
    city = CitySummarySerializer(read_only=True)

    class Meta:
        model = TwinningMember
        fields = ["city", "role"]


class TwinningSerializer(serializers.ModelSerializer):
    cohort = serializers.PrimaryKeyRelatedField(read_only=True)
    members = TwinningMemberSerializer(many=True, read_only=True)

    class Meta:
        model = Twinning
        fields = ["id", "cohort", "state", "published_at", "members"]


# ---- organisers' records ----


class PracticeStateSummarySerializer(serializers.ModelSerializer):
    class Meta:
        model = Practice
        fields = ["id", "slug", "title", "state"]


class RegistrationSerializer(serializers.ModelSerializer):
    cohort = serializers.PrimaryKeyRelatedField(read_only=True)
    city = CitySummarySerializer(read_only=True)
    partner_projects = serializers.SlugRelatedField(slug_field="acronym", many=True, read_only=True)
    practices = PracticeStateSummarySerializer(many=True, read_only=True)

    class Meta:
        model = Registration
        fields = [
            "id",
            "cohort",
            "city",
            "kind",
            "state",
            "created",
            "submitted_at",
            "authority_type",
            "climate_commitment",
            "hours_per_month",
            "representatives_committed",
            "working_languages",
            "representatives",
            "partner_projects",
            "practices",
            "review_comment",
        ]


class RegistrationStateSerializer(serializers.Serializer):
    state = serializers.ChoiceField(choices=RegistrationState.choices)
    comment = serializers.CharField(required=False, allow_blank=True, max_length=5000)


class PracticeStateSerializer(serializers.Serializer):
    state = serializers.ChoiceField(choices=PracticeState.choices)
    comment = serializers.CharField(required=False, allow_blank=True, max_length=5000)


class InvitationSerializer(serializers.ModelSerializer):
    cohort = serializers.PrimaryKeyRelatedField(read_only=True)
    city = CitySummarySerializer(read_only=True)
    partner_project = serializers.SlugRelatedField(
        slug_field="acronym", read_only=True, allow_null=True
    )
    status = serializers.SerializerMethodField()
    registration = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)

    class Meta:
        model = Invitation
        fields = [
            "id",
            "cohort",
            "email",
            "city",
            "partner_project",
            "created",
            "expires_at",
            "accepted_at",
            "status",
            "registration",
        ]

    @extend_schema_field(serializers.ChoiceField(choices=["open", "accepted", "expired"]))
    def get_status(self, invitation) -> str:
        if invitation.accepted_at:
            return "accepted"
        return "expired" if invitation.is_expired else "open"


class InvitationCreateSerializer(serializers.Serializer):
    cohort = serializers.IntegerField(
        min_value=1, max_value=2**63 - 1, help_text=_("Id of the cohort.")
    )
    email = serializers.EmailField(max_length=254)
    city_name = serializers.CharField(max_length=200)
    country = serializers.ChoiceField(choices=COUNTRY_CHOICES)
    partner_project = serializers.CharField(
        required=False, allow_blank=True, max_length=60, help_text=_("The project's acronym.")
    )
    expires_at = serializers.DateTimeField(
        required=False, allow_null=True, validators=[check_date_in_range]
    )


class WithdrawalSerializer(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, max_length=2000)


class PublicationSerializer(serializers.Serializer):
    published = serializers.IntegerField(help_text=_("How many twinnings were published."))


class PreferenceSerializer(serializers.ModelSerializer):
    cohort = serializers.PrimaryKeyRelatedField(read_only=True)
    mission_city = CitySummarySerializer(read_only=True)
    mission_minded_city = CitySummarySerializer(read_only=True)

    class Meta:
        model = Preference
        fields = ["id", "cohort", "mission_city", "mission_minded_city", "rank", "motivation"]


class SelectionRunSerializer(serializers.ModelSerializer):
    cohort = serializers.PrimaryKeyRelatedField(read_only=True)
    matched = serializers.IntegerField(read_only=True)
    first_choices = serializers.IntegerField(read_only=True)

    class Meta:
        model = SelectionRun
        fields = [
            "id",
            "cohort",
            "created",
            "note",
            "status",
            "options",
            "optimal",
            "seconds",
            "matched",
            "first_choices",
            "error",
            "confirmed_at",
        ]


class SelectionRunDetailSerializer(SelectionRunSerializer):
    class Meta(SelectionRunSerializer.Meta):
        fields = [*SelectionRunSerializer.Meta.fields, "result"]


class MatchmakingDaySerializer(serializers.ModelSerializer):
    cohort = serializers.PrimaryKeyRelatedField(read_only=True)
    request_deadline = ZonedDateTimeField("request_deadline")
    booking_deadline = ZonedDateTimeField("booking_deadline")
    published_at = ZonedDateTimeField("published_at")

    class Meta:
        model = MatchmakingDay
        fields = [
            "id",
            "cohort",
            "name",
            "format",
            "venue",
            "time_zone",
            "days",
            "breaks",
            "slot_minutes",
            "gap_minutes",
            "tables",
            "video_rooms",
            "request_deadline",
            "booking_deadline",
            "request_cap",
            "published_at",
        ]


def _day_zone(meeting) -> str:
    return meeting.day.time_zone


class MeetingSerializer(serializers.ModelSerializer):
    day = serializers.PrimaryKeyRelatedField(read_only=True)
    from_city = CitySummarySerializer(source="request.from_city", read_only=True)
    to_city = CitySummarySerializer(source="request.to_city", read_only=True)
    starts_at = ZonedDateTimeField("slot.starts_at", zone=_day_zone)
    ends_at = ZonedDateTimeField("slot.ends_at", zone=_day_zone)
    published_starts_at = ZonedDateTimeField("published_slot.starts_at", zone=_day_zone)
    time_zone = serializers.CharField(source="day.time_zone", read_only=True)

    class Meta:
        model = Meeting
        fields = [
            "id",
            "day",
            "from_city",
            "to_city",
            "starts_at",
            "ends_at",
            "table",
            "time_zone",
            "locked",
            "published",
            "published_starts_at",
            "published_table",
            "attended",
            "reason",
        ]


class WebinarRegistrationSerializer(serializers.ModelSerializer):
    webinar = serializers.PrimaryKeyRelatedField(read_only=True)

    class Meta:
        model = WebinarRegistration
        fields = [
            "id",
            "webinar",
            "name",
            "email",
            "organisation",
            "city",
            "country",
            "role",
            "status",
            "created",
            "promoted_at",
            "cancelled_at",
            "attended",
        ]


class ErrorDetailSerializer(serializers.Serializer):
    status = serializers.IntegerField()
    code = serializers.CharField()
    message = serializers.CharField()
    fields = serializers.DictField(child=serializers.ListField(child=serializers.CharField()))


class ErrorSerializer(serializers.Serializer):
    """The one shape of every error answer."""

    error = ErrorDetailSerializer()
