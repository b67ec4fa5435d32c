"""Published data, readable without a key: cohorts, milestones, practices, cities, twinnings."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.filters import OrderingFilter
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from twinning.api import serializers
from twinning.api.errors import refused
from twinning.api.filters import CityFilter, CohortSlugFilter, PracticeFilter, TwinningFilter
from twinning.api.permissions import IsOrganiser
from twinning.api.query import CheckedQueryMixin
from twinning.cities.domain.queries import public_cities
from twinning.cities.models import City
from twinning.cohorts.domain.queries import published_cohorts
from twinning.cohorts.models import Cohort, Milestone
from twinning.practices.domain.practices import set_practice_state
from twinning.practices.domain.queries import published_practices
from twinning.practices.models import Practice
from twinning.programme.domain import confirm_twinning, publish_twinnings, withdraw_twinning
from twinning.programme.domain.queries import public_twinnings
from twinning.programme.models import Twinning, TwinningMember
from twinning.themes.models import Theme

ID = r"[0-9]{1,18}"


class PublicViewSet(
    CheckedQueryMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    permission_classes = [AllowAny]
    lookup_value_regex = ID


def _milestones():
    return Milestone.objects.order_by("starts_at", "ends_at", "id")


@extend_schema_view(
    list=extend_schema(summary="Published cohorts, newest first, with their milestones"),
    retrieve=extend_schema(summary="A published cohort with its milestones"),
)
class CohortViewSet(PublicViewSet):
    serializer_class = serializers.CohortSerializer

    def get_queryset(self):
        if self.action == "publish_twinnings":
            cohorts = Cohort.objects.order_by("-number")
        else:
            cohorts = published_cohorts()
        return cohorts.prefetch_related(Prefetch("milestones", queryset=_milestones()))

    @extend_schema(
        summary="Publish the cohort's accepted twinnings (organisers)",
        request=None,
        responses={200: serializers.PublicationSerializer},
    )
    @action(
        detail=True,
        methods=["post"],
        url_path="publish-twinnings",
        permission_classes=[IsOrganiser],
        filter_backends=[],
    )
    def publish_twinnings(self, request, pk=None):
        cohort = self.get_object()
        if not request.user.has_perm("programme.manage_twinnings"):
            raise PermissionDenied
        try:
            count = publish_twinnings(cohort, by=request.user)
        except ValidationError as error:
            raise refused(error) from None
        return Response({"published": count})


@extend_schema_view(
    list=extend_schema(summary="Milestones of published cohorts, in date order"),
    retrieve=extend_schema(summary="A milestone"),
)
class MilestoneViewSet(PublicViewSet):
    serializer_class = serializers.MilestoneSerializer
    filter_backends = [filters.DjangoFilterBackend]
    filterset_class = CohortSlugFilter

    def get_queryset(self):
        return _milestones().filter(cohort__in=published_cohorts())


@extend_schema_view(
    list=extend_schema(summary="Themes: fields of action and systemic levers"),
    retrieve=extend_schema(summary="A theme"),
)
class ThemeViewSet(PublicViewSet):
    serializer_class = serializers.ThemeSerializer
    queryset = Theme.objects.order_by("kind", "position", "name")
    lookup_field = "code"
    lookup_value_regex = r"[-a-zA-Z0-9_]{1,60}"
    pagination_class = None


@extend_schema_view(
    list=extend_schema(summary="Published practices, searched and filtered like the catalogue"),
    retrieve=extend_schema(summary="A published practice, with its results"),
)
class PracticeViewSet(PublicViewSet):
    filter_backends = [filters.DjangoFilterBackend]
    filterset_class = PracticeFilter

    def get_queryset(self):
        if self.action == "state":
            return Practice.objects.select_related("registration__city")
        practices = published_practices()
        if self.action == "retrieve":
            practices = practices.prefetch_related("results")
        return practices.order_by("-published_at", "title", "id")

    def get_serializer_class(self):
        if self.action == "retrieve":
            return serializers.PracticeDetailSerializer
        if self.action == "state":
            return serializers.PracticeStateSerializer
        return serializers.PracticeSerializer

    @extend_schema(
        summary="Publish or return a practice (organisers)",
        request=serializers.PracticeStateSerializer,
        responses={200: serializers.PracticeStateSummarySerializer},
    )
    @action(detail=True, methods=["post"], permission_classes=[IsOrganiser], filter_backends=[])
    def state(self, request, pk=None):

        practice = self.get_object()
        if not request.user.has_perm("practices.review_practice", practice):
            raise PermissionDenied
        data = serializers.PracticeStateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            practice = set_practice_state(
                practice,
                data.validated_data["state"],
                by=request.user,
                comment=data.validated_data.get("comment", ""),
            )
        except ValidationError as error:
            raise refused(error) from None
        return Response(serializers.PracticeStateSummarySerializer(practice).data)


@extend_schema_view(
    list=extend_schema(summary="Mission cities and the cities taking part in the programme"),
    retrieve=extend_schema(summary="A city"),
)
class CityViewSet(PublicViewSet):
    serializer_class = serializers.CitySerializer
    filter_backends = [filters.DjangoFilterBackend, OrderingFilter]
    filterset_class = CityFilter
    ordering_fields = ["name", "country", "id"]
    ordering = ["name", "id"]

    def get_queryset(self):
        return public_cities().prefetch_related(
            Prefetch("members", queryset=City.objects.order_by("id").only("id"))
        )


@extend_schema_view(
    list=extend_schema(summary="Published twinnings, with their cities and roles"),
    retrieve=extend_schema(summary="A published twinning"),
)
class TwinningViewSet(PublicViewSet):
    serializer_class = serializers.TwinningSerializer
    filter_backends = [filters.DjangoFilterBackend]
    filterset_class = TwinningFilter

    def get_queryset(self):
        if self.action in ("confirm", "withdraw"):
            twinnings = Twinning.objects.all()
        else:
            twinnings = public_twinnings()
        return twinnings.prefetch_related(
            Prefetch("members", queryset=TwinningMember.objects.select_related("city"))
        ).order_by("-cohort__number", "id")

    def _change(self, request, change, **kwargs):
        twinning = self.get_object()
        if not request.user.has_perm("programme.manage_twinnings"):
            raise PermissionDenied
        try:
            change(twinning, by=request.user, **kwargs)
        except ValidationError as error:
            raise refused(error) from None
        changed = self.get_queryset().get(pk=twinning.pk)
        return Response(serializers.TwinningSerializer(changed).data)

    @extend_schema(
        summary="Confirm a proposed twinning; its cities are asked to accept (organisers)",
        request=None,
        responses={200: serializers.TwinningSerializer},
    )
    @action(detail=True, methods=["post"], permission_classes=[IsOrganiser], filter_backends=[])
    def confirm(self, request, pk=None):
        return self._change(request, confirm_twinning)

    @extend_schema(
        summary="Withdraw a twinning; its cities are told (organisers)",
        request=serializers.WithdrawalSerializer,
        responses={200: serializers.TwinningSerializer},
    )
    @action(detail=True, methods=["post"], permission_classes=[IsOrganiser], filter_backends=[])
    def withdraw(self, request, pk=None):
        data = serializers.WithdrawalSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        reason = data.validated_data.get("reason", "")
        return self._change(request, withdraw_twinning, reason=reason)
