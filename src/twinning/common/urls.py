from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("twinning.public.urls")),
    path("portal/", include("twinning.portal.urls")),
    path("orga/", include("twinning.orga.urls")),
    path("api/v1/", include("twinning.api.urls")),
    path("accounts/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
