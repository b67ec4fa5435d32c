"""City representatives' pages: registering a city, its practices and ambitions."""

from django.urls import path

from twinning.portal import practices, registration

urlpatterns = [
    path("invitations/<str:token>/", registration.invitation, name="invitation"),
    path("register/", registration.start, name="register"),
    path(
        "register/mission-minded/",
        registration.register_mission_minded,
        name="register_mission_minded",
    ),
    path("register/mission/", registration.register_mission, name="register_mission"),
    path("registrations/<int:pk>/", registration.registration_overview, name="registration"),
    path(
        "registrations/<int:pk>/submit/",
        registration.registration_submit,
        name="registration_submit",
    ),
    path(
        "registrations/<int:pk>/withdraw/",
        registration.registration_withdraw,
        name="registration_withdraw",
    ),
    path("registrations/<int:pk>/practices/new/", practices.practice_new, name="practice_new"),
    path(
        "registrations/<int:pk>/<slug:step>/",
        registration.registration_step,
        name="registration_step",
    ),
    path("practices/<int:pk>/", practices.practice_edit, name="practice_edit"),
    path("practices/<int:pk>/delete/", practices.practice_delete, name="practice_delete"),
    path("practices/<int:pk>/submit/", practices.practice_submit, name="practice_submit"),
    path("practices/<int:pk>/files/", practices.attachment_add, name="attachment_add"),
    path("practices/files/<int:pk>/delete/", practices.attachment_delete, name="attachment_delete"),
    path("cities/search.json", registration.city_search, name="city_search"),
]
