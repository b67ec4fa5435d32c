from django.urls import include, path

from twinning.public import certificates, feedback, outreach, views

app_name = "public"
urlpatterns = [
    path("", views.programme_page, name="home"),
    path("webinars/<int:pk>/register/", outreach.webinar_register, name="webinar_register"),
    path("webinars/<int:pk>/calendar.ics", outreach.webinar_ics, name="webinar_ics"),
    path(
        "webinars/<int:pk>/register/sent/",
        outreach.webinar_register_sent,
        name="webinar_register_sent",
    ),
    path("webinars/seat/<str:token>/", outreach.webinar_registered, name="webinar_registered"),
    path("webinars/seat/<str:token>/confirm/", outreach.webinar_confirm, name="webinar_confirm"),
    path("webinars/seat/<str:token>/cancel/", outreach.webinar_cancel, name="webinar_cancel"),
    path("partners/<int:pk>/logo/", views.partner_logo, name="partner_logo"),
    path("interest/", outreach.interest, name="interest"),
    path("contact/", outreach.contact, name="contact"),
    path("privacy/", outreach.privacy, name="privacy"),
    path("certificates/<str:code>/", certificates.certificate_verify, name="certificate"),
    path("feedback/<str:token>/", feedback.feedback, name="feedback"),
    # the catalogue of practices and the city pages
    path("", include("twinning.public.urls_catalogue")),
    path("", include("twinning.public.urls_twinnings")),
]
