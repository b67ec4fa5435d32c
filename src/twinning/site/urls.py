from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path

from twinning.api.views.docs import UnknownPath
from twinning.site.language import choose_language

urlpatterns = [
    path("api/v1/", include("twinning.api.urls")),
    # Any other address under /api/ (another version, none at all) answers in the API's shape.
    re_path(r"^api(?:/[\s\S]*)?$", UnknownPath.as_view(), name="api_unknown"),
    path("i18n/setlang/", choose_language, name="set_language"),
]
# Every page in each language: English unprefixed, the others under /fr/, /de/...
urlpatterns += i18n_patterns(
    path("", include("twinning.public.urls")),
    path("portal/", include("twinning.portal.urls")),
    path("orga/", include("twinning.orga.urls")),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    prefix_default_language=False,
)

# Errors answer in the site's layout; 403 and 404 use Django's views with the
# site's templates, these two render without the request (it may be what failed).
handler400 = "twinning.common.error_pages.bad_request"
handler500 = "twinning.common.error_pages.server_error"
