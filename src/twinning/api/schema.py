"""The OpenAPI schema: the token scheme, and the one error shape on every operation."""

from __future__ import annotations

from drf_spectacular.extensions import OpenApiAuthenticationExtension

ERROR_COMPONENT = {
    "type": "object",
    "description": "The one shape of every error answer.",
    "properties": {
        "error": {
            "type": "object",
            "properties": {
                "status": {"type": "integer", "description": "The HTTP status, repeated."},
                "code": {
                    "type": "string",
                    "description": "A stable word for the error, e.g. invalid, not_found, "
                    "not_authenticated, permission_denied, refused, throttled.",
                },
                "message": {"type": "string", "description": "What went wrong, in a sentence."},
                "fields": {
                    "type": "object",
                    "description": "Messages per field of the request, for invalid input.",
                    "additionalProperties": {"type": "array", "items": {"type": "string"}},
                },
            },
            "required": ["status", "code", "message", "fields"],
        }
    },
    "required": ["error"],
}


class BearerTokenScheme(OpenApiAuthenticationExtension):
    target_class = "twinning.api.authentication.BearerTokenAuthentication"
    name = "token"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "An organiser's API token, created at /orga/api-tokens/.",
        }


def add_error_responses(result, generator, request, public):
    """Every operation may answer a 4XX error in the one error shape."""
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_COMPONENT
    error = {
        "description": "An error, in the one error shape.",
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
    }
    for path in result.get("paths", {}).values():
        for operation in path.values():
            if isinstance(operation, dict) and "responses" in operation:
                operation["responses"].setdefault("4XX", error)
    return result
