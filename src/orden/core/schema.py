"""The OpenAPI schema says what the API answers, every status code included, so that a client (and the
contract tests, ``api/tests/test_contract.py``) can rely on it.

``OrdenAutoSchema`` (the ``DEFAULT_SCHEMA_CLASS``) adds to what drf-spectacular finds, for every operation
at once instead of a decorator per view:

- the error answers each operation can give, with their bodies: 400 (invalid data, parameter or
  ``If-Match``), 401, 403 (writes), 404 (a path id, a page past the last), 409 (a delete of what is still in
  use), 412 and 428 (the optimistic lock), 415 (a body that is not JSON), 429 (throttled);
- the optimistic lock: the ``ETag`` header of the object's answers and the ``If-Match`` header of ``PUT``,
  ``PATCH`` (required) and ``DELETE`` (optional), from the view's declaration of the lock (``OrdenViewSet``);
- only ``GET`` lists are paginated and filtered (an action answering a list in a ``POST`` is neither).

``add_links`` (a postprocessing hook) adds OpenAPI links from the answers that carry an object and its
``ETag`` to the operations that change it, so that a client can follow the lock from the schema alone.
"""

from drf_spectacular.openapi import AutoSchema
from drf_spectacular.plumbing import ResolvedComponent, build_array_type, force_instance, is_list_serializer
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse
from rest_framework import permissions, serializers, viewsets

UNSAFE_METHODS = ("POST", "PUT", "PATCH", "DELETE")
# An ETag of the API: the object's version, quoted; weak too, as a proxy that compresses the answer weakens it.
ETAG_PATTERN = r'^(W/)?"[0-9]{1,10}"$'


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text="What went wrong, in the user's language.")


class InUseErrorSerializer(ErrorSerializer):
    used_by = serializers.ListField(
        child=serializers.CharField(), help_text="Up to 10 names of what still uses the object."
    )


# A validation error names what is wrong: a field of the body or a query parameter, with its messages.
VALIDATION_ERROR = {
    "type": "object",
    "description": (
        "Each invalid field of the body or query parameter with a list of messages; `non_field_errors` for "
        "the object as a whole. A body that is not valid JSON answers `detail` with one message."
    ),
    "properties": {
        "detail": {"type": "string"},
        "non_field_errors": {"type": "array", "items": {"type": "string"}},
    },
    "additionalProperties": {
        "anyOf": [
            {"type": "array", "items": {"anyOf": [{"type": "string"}, {"type": "object"}]}},
            {"type": "object"},
            {"type": "string"},
        ]
    },
}

# The error answers: (component name, description).
ERRORS = {
    "400": ("BadRequest", "Invalid data: the body, a query parameter or the If-Match header."),
    "401": ("Unauthorized", "No credentials, or an invalid or revoked token."),
    "403": ("Forbidden", "You may see this but not do it (or a session request without its CSRF token)."),
    "404": ("NotFound", "The object does not exist or you may not see it, or change it; or a page past the last."),
    "409": ("InUse", "The object is still in use and was not deleted."),
    "415": ("UnsupportedMediaType", "The body is not JSON: send it as application/json."),
    "412": ("PreconditionFailed", "If-Match names a version that is no longer current; nothing was saved."),
    "428": ("PreconditionRequired", "If-Match is missing: send the object's ETag."),
    "429": ("TooManyRequests", "Too many requests; try again after Retry-After seconds."),
}
HEADERS = {
    "401": ("WWW-Authenticate", "`Token`: send `Authorization: Token <key>`."),
    "429": ("Retry-After", "Seconds to wait before the next request."),
}

# The standard actions of an ``OrdenViewSet``, described once for every model.
ACTION_DESCRIPTIONS = {
    "list": "The {plural} you may see, in pages, filtered and sorted by the query parameters.",
    "create": "Add a {name}. The answer carries its ETag.",
    "retrieve": "One {name}. The ETag header is its version: send it back in If-Match to change it.",
    "update": (
        "Replace a {name}. If-Match is required and must be the current ETag: 428 without it, 412 when "
        "someone changed the {name} since (the answer lists their changes). The answer carries the new ETag."
    ),
    "partial_update": (
        "Change some fields of a {name}. If-Match is required and must be the current ETag: 428 without it, "
        "412 when someone changed the {name} since (the answer lists their changes). The answer carries the "
        "new ETag."
    ),
    "destroy": ("Delete a {name}. With If-Match, a stale version is refused (412); 409 when something still uses it."),
    "history": "The changes to the {name}, newest first, in pages.",
    "restore": "Bring the {name} back to its state after one of its changes (recorded as a change of its own).",
}


class OrdenAutoSchema(AutoSchema):
    """drf-spectacular's schema, with the errors and the optimistic lock of every operation (module docstring).

    A view declares its lock as ``OrdenViewSet`` does: ``etag_actions`` (answers that carry the ETag),
    ``if_match_required``, ``if_match_optional`` and ``stale_serializer`` (the 412 body).
    """

    def _is_list_view(self, serializer=None) -> bool:
        # Only a GET answers a page of a list; a POST answering several created objects is not filtered.
        return self.method == "GET" and super()._is_list_view(serializer)

    def _get_response_for_code(self, serializer, status_code, media_types=None, direction="response"):
        response = super()._get_response_for_code(serializer, status_code, media_types, direction)
        body = serializer.response if isinstance(serializer, OpenApiResponse) else serializer
        if not self._is_list_view() and is_list_serializer(force_instance(body)):
            for content in response.get("content", {}).values():  # a plain array, as it is not a page
                content["schema"] = build_array_type(content["schema"])
        return response

    @property
    def action(self) -> str | None:
        return getattr(self.view, "action", None)

    def lock(self, name: str) -> tuple[str, ...]:
        return getattr(self.view, name, ())

    def get_description(self) -> str:
        if not isinstance(self.view, viewsets.ModelViewSet):
            return super().get_description()
        if self.action in ACTION_DESCRIPTIONS:
            meta = self.view.queryset.model._meta
            return ACTION_DESCRIPTIONS[self.action].format(name=meta.verbose_name, plural=meta.verbose_name_plural)
        # An extra action: its own docstring, without the viewset's.
        return (getattr(getattr(self.view, self.action, None), "__doc__", None) or "").strip()

    def get_override_parameters(self):
        parameters = list(super().get_override_parameters())
        etag = {"type": "string", "pattern": ETAG_PATTERN}
        required, optional = self.lock("if_match_required"), self.lock("if_match_optional")
        if self.action in required or self.action in optional:
            parameters.append(
                OpenApiParameter(
                    "If-Match",
                    etag,
                    OpenApiParameter.HEADER,
                    required=self.action in required,
                    description='The ETag of the version you are changing, e.g. `"3"`.',
                )
            )
        if self.action in self.lock("etag_actions"):
            parameters.append(
                OpenApiParameter(
                    "ETag",
                    etag,
                    OpenApiParameter.HEADER,
                    required=True,
                    response=["200", "201"],
                    description="The object's version: send it in If-Match to change or delete the object.",
                )
            )
        return parameters

    def error_codes(self) -> list[str]:
        """The error answers this operation can give."""
        view, method, action = self.view, self.method, self.action
        locked = action in self.lock("if_match_required") or action in self.lock("if_match_optional")
        has_query = any(parameter["in"] == "query" for parameter in self._get_parameters())
        codes = []
        if method in UNSAFE_METHODS or has_query or locked:
            codes.append("400")
        if any(isinstance(permission, permissions.IsAuthenticated) for permission in view.get_permissions()):
            codes.append("401")
        if method in UNSAFE_METHODS:
            codes.append("403")
        if "{" in self.path or has_query:  # an id in the path or a parameter, a page past the last
            codes.append("404")
        if method == "DELETE":
            codes.append("409")
        if locked:
            codes.append("412")
        if method in ("POST", "PUT", "PATCH"):
            codes.append("415")
        if action in self.lock("if_match_required"):
            codes.append("428")
        if view.get_throttles():
            codes.append("429")
        return codes

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        for code in self.error_codes():
            if code == "400" and "400" in responses:
                self.also_invalid(responses["400"])
            responses.setdefault(code, self.error_response(code).ref)
        return dict(sorted(responses.items()))

    def also_invalid(self, response: dict):
        """An operation's own 400 body (a refused publication) is one answer; invalid data, a parameter or an
        If-Match header can still answer 400 with the usual body: the schema says either."""
        validation = ResolvedComponent("ValidationError", ResolvedComponent.SCHEMA, VALIDATION_ERROR, "ValidationError")
        self.registry.register_on_missing(validation)
        for content in response.get("content", {}).values():
            content["schema"] = {"anyOf": [content["schema"], validation.ref]}

    def error_response(self, code: str) -> ResolvedComponent:
        """The answer ``code``, written once in the components and referred to by every operation."""
        name, description = ERRORS[code]
        if code == "400":
            validation = ResolvedComponent(
                "ValidationError", ResolvedComponent.SCHEMA, VALIDATION_ERROR, "ValidationError"
            )
            self.registry.register_on_missing(validation)
            body = self._get_response_for_code(validation.ref, code)
        else:
            bodies = {"409": InUseErrorSerializer, "412": getattr(self.view, "stale_serializer", ErrorSerializer)}
            body = self._get_response_for_code(bodies.get(code, ErrorSerializer), code)
        body["description"] = description
        if code in HEADERS:
            header, text = HEADERS[code]
            body["headers"] = {header: {"schema": {"type": "string"}, "description": text}}
        component = ResolvedComponent(name, ResolvedComponent.RESPONSE, body, name)
        self.registry.register_on_missing(component)
        return component


def add_links(result, generator, request, public):
    """Links from every answer that carries an object (create, retrieve, update, restore) to the operations
    on it, passing its ``id`` and its ``ETag`` as ``If-Match``."""
    paths = result["paths"]
    for path, operations in paths.items():
        if not path.endswith("/{id}/"):
            continue
        targets = {
            method: operation["operationId"]
            for method, operation in operations.items()
            if method in ("get", "put", "patch", "delete")
        }
        collection = paths.get(path.removesuffix("{id}/"), {})
        sources = [(operations.get(method), "200") for method in ("get", "put", "patch")]
        sources.append((collection.get("post"), "201"))
        restore = paths.get(f"{path}history/{{record_id}}/restore/", {})
        sources.append((restore.get("post"), "200"))
        for source, code in sources:
            if source is None or code not in source["responses"]:
                continue
            links = {}
            for method, operation_id in targets.items():
                if operation_id == source["operationId"]:
                    continue
                parameters = {"path.id": "$response.body#/id"}
                if method != "get":
                    parameters["header.If-Match"] = "$response.header.ETag"
                links[operation_id] = {"operationId": operation_id, "parameters": parameters}
            source["responses"][code]["links"] = links
    return result
