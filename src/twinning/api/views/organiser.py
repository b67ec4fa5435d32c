"""The programme team's part of the API: everything else, with an organiser's token."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.filters import OrderingFilter
from rest_framework.response import Response

from twinning.api import serializers
from twinning.api.errors import refused
from twinning.api.filters import (
    CohortSlugFilter,
    InvitationFilter,
    MatchmakingDayFilter,
    MeetingFilter,
    RegistrationFilter,
    SelectionRunFilter,
    WebinarRegistrationFilter,
)
from twinning.api.permissions import IsOrganiser
from twinning.api.query import CheckedQueryMixin
from twinning.api.views.public import ID
from twinning.cities.domain.invitations import create_invitation
from twinning.cities.domain.queries import all_invitations
from twinning.cities.domain.registration import set_registration_state
from twinning.cohorts.domain.queries import cohort_or_404
from twinning.matchmaking.domain.queries import all_matchmaking_days, all_meetings
from twinning.outreach.domain.queries import all_seats
from twinning.practices.domain.queries import registrations_with_practices
from twinning.selection.domain.queries import all_selection_runs, every_ranking


class OrganiserViewSet(
    CheckedQueryMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    permission_classes = [IsOrganiser]
    lookup_value_regex = ID
    filter_backends = [filters.DjangoFilterBackend]


@extend_schema_view(
    list=extend_schema(summary="Registrations of cities (organisers)"),
    retrieve=extend_schema(summary="A registration (organisers)"),
)
class RegistrationViewSet(OrganiserViewSet):
    serializer_class = serializers.RegistrationSerializer
    filter_backends = [filters.DjangoFilterBackend, OrderingFilter]
    filterset_class = RegistrationFilter
    ordering_fields = ["submitted_at", "created", "city__name", "id"]

    def get_queryset(self):
        return registrations_with_practices()

    @extend_schema(
        summary="Accept, return, reject or withdraw a registration (organisers)",
        request=serializers.RegistrationStateSerializer,
        responses={200: serializers.RegistrationSerializer},
    )
    @action(detail=True, methods=["post"], filter_backends=[])
    def state(self, request, pk=None):
        registration = self.get_object()
        if not request.user.has_perm("cities.review_registration", registration):
            raise PermissionDenied
        data = serializers.RegistrationStateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            set_registration_state(
                registration,
                data.validated_data["state"],
                by=request.user,
                comment=data.validated_data.get("comment", ""),
            )
        except ValidationError as error:
            raise refused(error) from None
        return Response(
            serializers.RegistrationSerializer(registrations_with_practices().get(pk=pk)).data
        )


@extend_schema_view(
    list=extend_schema(summary="Invitations of Mission-minded cities (organisers)"),
    retrieve=extend_schema(summary="An invitation (organisers)"),
    create=extend_schema(
        summary="Invite a Mission-minded city; the link is mailed (organisers)",
        request=serializers.InvitationCreateSerializer,
        responses={201: serializers.InvitationSerializer},
    ),
)
class InvitationViewSet(mixins.CreateModelMixin, OrganiserViewSet):
    serializer_class = serializers.InvitationSerializer
    filterset_class = InvitationFilter

    def get_queryset(self):
        return all_invitations()

    def create(self, request, *args, **kwargs):
        if not request.user.has_perm("cities.invite"):
            raise PermissionDenied
        data = serializers.InvitationCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        cohort = cohort_or_404(values["cohort"])
        try:
            invitation = create_invitation(
                cohort,
                email=values["email"],
                city_name=values["city_name"],
                country=values["country"],
                partner_project=values.get("partner_project") or None,
                expires_at=values.get("expires_at"),
                by=request.user,
            )
        except ValidationError as error:
            raise refused(error) from None
        return Response(
            serializers.InvitationSerializer(invitation).data, status=status.HTTP_201_CREATED
        )


@extend_schema_view(
    list=extend_schema(summary="Mission cities' ranked preferences (organisers)"),
    retrieve=extend_schema(summary="A preference (organisers)"),
)
class PreferenceViewSet(OrganiserViewSet):
    serializer_class = serializers.PreferenceSerializer
    filterset_class = CohortSlugFilter

    def get_queryset(self):
        return every_ranking()


@extend_schema_view(
    list=extend_schema(summary="Runs of the selection engine (organisers)"),
    retrieve=extend_schema(summary="A selection run with its result (organisers)"),
)
class SelectionRunViewSet(OrganiserViewSet):
    filterset_class = SelectionRunFilter

    def get_queryset(self):
        # The engine's input is not shown; the counts come from the result.
        return all_selection_runs()

    def get_serializer_class(self):
        if self.action == "retrieve":
            return serializers.SelectionRunDetailSerializer
        return serializers.SelectionRunSerializer


@extend_schema_view(
    list=extend_schema(summary="Matchmaking Days (organisers)"),
    retrieve=extend_schema(summary="A Matchmaking Day (organisers)"),
)
class MatchmakingDayViewSet(OrganiserViewSet):
    serializer_class = serializers.MatchmakingDaySerializer
    filterset_class = MatchmakingDayFilter

    def get_queryset(self):
        return all_matchmaking_days()


@extend_schema_view(
    list=extend_schema(summary="Meetings of Matchmaking Days (organisers)"),
    retrieve=extend_schema(summary="A meeting (organisers)"),
)
class MeetingViewSet(OrganiserViewSet):
    serializer_class = serializers.MeetingSerializer
    filterset_class = MeetingFilter

    def get_queryset(self):
        return all_meetings()


@extend_schema_view(
    list=extend_schema(summary="Seats at information webinars (organisers)"),
    retrieve=extend_schema(summary="A seat at a webinar (organisers)"),
)
class WebinarRegistrationViewSet(OrganiserViewSet):
    serializer_class = serializers.WebinarRegistrationSerializer
    filterset_class = WebinarRegistrationFilter

    def get_queryset(self):
        return all_seats()
