"""The schema, its self-hosted documentation, and the API's own answer to unknown paths."""

from drf_spectacular.views import SpectacularJSONAPIView, SpectacularSwaggerSplitView
from rest_framework.exceptions import NotFound
from rest_framework.permissions import AllowAny
from rest_framework.views import APIView


class SchemaView(SpectacularJSONAPIView):
    """The OpenAPI 3 schema, as JSON."""

    authentication_classes: list = []


class DocsView(SpectacularSwaggerSplitView):
    """Swagger UI from the app's own static files, its start script served as a file."""

    authentication_classes: list = []
    template_name = "api/docs.html"
    url_name = "api:schema"
    title = "Twinning API"


class UnknownPath(APIView):
    """Any other address under /api/v1/: not found, in the API's error shape."""

    authentication_classes: list = []
    permission_classes = [AllowAny]
    schema = None

    def _not_found(self, request, *args, **kwargs):
        raise NotFound()

    get = post = put = patch = delete = head = options = _not_found
