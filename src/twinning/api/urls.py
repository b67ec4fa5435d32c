"""The REST API, version 1."""

from django.db.transaction import non_atomic_requests
from django.urls import path, re_path
from rest_framework.routers import SimpleRouter

from twinning.api.views import docs, organiser, public

router = SimpleRouter()
router.register("cohorts", public.CohortViewSet, basename="cohort")
router.register("milestones", public.MilestoneViewSet, basename="milestone")
router.register("themes", public.ThemeViewSet, basename="theme")
router.register("practices", public.PracticeViewSet, basename="practice")
router.register("cities", public.CityViewSet, basename="city")
router.register("twinnings", public.TwinningViewSet, basename="twinning")
router.register("registrations", organiser.RegistrationViewSet, basename="registration")
router.register("invitations", organiser.InvitationViewSet, basename="invitation")
router.register("preferences", organiser.PreferenceViewSet, basename="preference")
router.register("selection-runs", organiser.SelectionRunViewSet, basename="selection-run")
router.register("matchmaking-days", organiser.MatchmakingDayViewSet, basename="matchmaking-day")
router.register("meetings", organiser.MeetingViewSet, basename="meeting")
router.register(
    "webinar-registrations", organiser.WebinarRegistrationViewSet, basename="webinar-registration"
)

app_name = "api"
urlpatterns = [
    # The schema and its documentation read no data: no transaction is opened for them.
    path("openapi.json", non_atomic_requests(docs.SchemaView.as_view()), name="schema"),
    path("docs/", non_atomic_requests(docs.DocsView.as_view()), name="docs"),
    *router.urls,
    # [\s\S], not ".": an address with a line break in it is unknown too, not a page of the site.
    re_path(r"^[\s\S]*$", docs.UnknownPath.as_view(), name="unknown"),
]
