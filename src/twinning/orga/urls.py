from django.urls import include, path

from twinning.orga.views import conversations, home, outreach

app_name = "orga"
urlpatterns = [
    path("", home.home, name="home"),
    path("webinars/", outreach.webinar_list, name="webinars"),
    path("webinars/<int:pk>/", outreach.webinar_detail, name="webinar_detail"),
    path(
        "webinars/<int:pk>/registrations.<str:fmt>",
        outreach.webinar_export,
        name="webinar_export",
    ),
    path("interest/", outreach.interest_list, name="interest"),
    path("interest/<int:pk>/invite/", outreach.interest_invite, name="interest_invite"),
    path("interest/export.<str:fmt>", outreach.interest_export, name="interest_export"),
    path("messages/", outreach.inbox, name="inbox"),
    path("messages/<int:pk>/handled/", outreach.inbox_mark, name="inbox_mark"),
    path("outbox/", outreach.outbox, name="outbox"),
    path("conversations/", conversations.conversation_list, name="conversations"),
    path("outbox/<int:pk>/resend/", outreach.outbox_resend, name="outbox_resend"),
    # registrations, invitations, practices under review
    path("", include("twinning.orga.urls_review")),
    path("", include("twinning.orga.urls_matchmaking")),
    path("", include("twinning.orga.urls_selection")),
    path("", include("twinning.orga.urls_year")),
    path("", include("twinning.orga.urls_plans")),
    path("", include("twinning.orga.urls_dashboard")),
    path("", include("twinning.orga.urls_privacy")),
    path("", include("twinning.orga.urls_api")),
    path("", include("twinning.orga.urls_cohorts")),
    path("", include("twinning.orga.urls_mailings")),
    path("", include("twinning.orga.urls_feedback")),
]
