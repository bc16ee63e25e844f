"""The import of a DCAT catalogue (``importing.py``) as a page and as an API operation.

Both read the upload with ``CatalogueUploadHandler``: in memory, and at most ``importing.MAX_BYTES`` of it
(a larger one is dropped as it arrives and answered with a message naming the limit), so an import writes
nothing to local disk and a large body costs no more memory than the limit.
"""

from io import BytesIO

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import InMemoryUploadedFile
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.shortcuts import get_object_or_404, render
from django.urls import NoReverseMatch, reverse
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.exceptions import ValidationError
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from orden.core.api import UserLanguageMixin
from orden.core.forms import OrdenFormMixin, parse_id
from orden.organizations.models import Contact, member_organizations

from . import importing
from .models import DataService, Dataset, Distribution

ACCEPT = ".ttl,.rdf,.xml,.jsonld,.json"


class CatalogueUploadHandler(FileUploadHandler):
    """Keeps the uploaded files of one request in memory, together at most ``importing.MAX_BYTES``; past
    that the upload stops (the rest of the body is read and dropped) and ``too_large`` is set."""

    def __init__(self, request=None):
        super().__init__(request)
        self.total = 0
        self.too_large = False

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.buffer = BytesIO()

    def receive_data_chunk(self, raw_data, start):
        self.total += len(raw_data)
        if self.total > importing.MAX_BYTES:
            self.too_large = True
            raise StopUpload(connection_reset=False)
        self.buffer.write(raw_data)

    def file_complete(self, file_size):
        self.buffer.seek(0)
        return InMemoryUploadedFile(
            self.buffer, self.field_name, self.file_name, self.content_type, file_size, self.charset
        )


def too_large_message() -> str:
    return _("The file is too large. The limit is %(limit)s MB.") % {"limit": importing.MAX_BYTES // (1024 * 1024)}


class ImportForm(OrdenFormMixin, forms.Form):
    """A catalogue file, or (when the operator allows it) the address of one; and whether only to check it."""

    file = forms.FileField(
        label=gettext_lazy("Catalogue file"),
        required=False,
        help_text=gettext_lazy(
            "DCAT or DCAT-AP-NO as Turtle (.ttl), RDF/XML (.rdf, .xml) or JSON-LD (.jsonld, .json)."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
    )
    url = forms.URLField(
        label=gettext_lazy("Or the address of a catalogue"),
        required=False,
        assume_scheme="https",
        max_length=400,
        help_text=gettext_lazy("E.g. the organisation's catalogue on its website. Orden fetches it once."),
    )
    check_only = forms.BooleanField(
        label=gettext_lazy("Only check the file: save nothing"),
        required=False,
        help_text=gettext_lazy("Shows what the import would create and change, and what it cannot bring in."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not settings.ORDEN_DCAT_IMPORT_FROM_URL:
            del self.fields["url"]
        self.style_fields()

    def clean(self):
        data = super().clean()
        if not data.get("file") and not data.get("url"):
            raise forms.ValidationError(
                _("Choose a file or enter an address.") if "url" in self.fields else _("Choose a file.")
            )
        if data.get("file") and data.get("url"):
            raise forms.ValidationError(_("Choose a file or enter an address, not both."))
        return data


def _run(upload, url, organization, user, mode) -> importing.ImportReport:
    """Import the uploaded file or the catalogue at ``url``; ``ImportRefused`` when refused as a whole."""
    if url:
        data, hint = importing.fetch(url)
    else:
        data, hint = upload.read(importing.MAX_BYTES + 1), upload.name
    return importing.import_catalogue(data, hint, organization, user, mode)


@csrf_exempt  # the upload handler must be set before anything reads the body; csrf_protect checks after
@login_required
def import_datasets(request):
    """Import a DCAT catalogue into the current organisation: the form, then the report."""
    handler = CatalogueUploadHandler(request)
    request.upload_handlers = [handler]
    return _import_page(request, handler)


@csrf_protect
def _import_page(request, handler):
    organization = request.organization
    if not importing.may_import(request.user, organization):
        raise PermissionDenied
    form = ImportForm(request.POST, request.FILES) if request.method == "POST" else ImportForm()
    report, refused, status_code = None, None, 200
    if request.method == "POST":
        if handler.too_large:
            refused, status_code = too_large_message(), 413
        elif not form.is_valid():
            status_code = 422
        else:
            mode = importing.CHECK if form.cleaned_data["check_only"] else importing.APPLY
            try:
                report = _run(form.cleaned_data["file"], form.cleaned_data.get("url"), organization, request.user, mode)
            except importing.ImportRefused as error:
                refused, status_code = error.message, 422
            else:
                status_code = 422 if report.errors else 200
    groups = []
    if report is not None and not report.errors:
        groups = [
            (_("New"), _display(report.created), "created"),
            (_("Updated"), _display(report.updated), "updated"),
            (_("Unchanged"), _display(report.unchanged), "unchanged"),
        ]
    return render(
        request,
        "datasets/import.html",
        {"form": form, "report": report, "report_groups": groups, "refused": refused},
        status=status_code,
    )


KINDS = {
    "dataset": (Dataset, "datasets:dataset_detail"),
    "distribution": (Distribution, "datasets:distribution_detail"),
    "data_service": (DataService, "datasets:dataservice_detail"),
    "contact": (Contact, "organizations:contact_detail"),
}


def _display(entries) -> list[dict]:
    """The report's rows for the page: the kind's name and, for saved rows, a link to the row."""
    rows = []
    for entry in entries:
        model, url_name = KINDS[entry.kind]
        try:
            url = reverse(url_name, args=[entry.pk]) if entry.pk else ""
        except NoReverseMatch:
            url = ""
        rows.append(
            {"kind": capfirst(model._meta.verbose_name), "title": entry.title, "subject": entry.subject, "url": url}
        )
    return rows


# The API ------------------------------------------------------------------------------------------------


class EntrySerializer(serializers.Serializer):
    kind = serializers.ChoiceField(["dataset", "distribution", "data_service", "contact"])
    subject = serializers.CharField(help_text="The IRI it is known by; empty for a subject without one.")
    title = serializers.CharField()
    id = serializers.IntegerField(allow_null=True, help_text="The row's id; null when nothing was saved.")


class ProblemSerializer(serializers.Serializer):
    subject = serializers.CharField(help_text="The IRI of the subject, or its title for one without an IRI.")
    reason = serializers.CharField(help_text="What could not be mapped or is invalid, in the user's language.")


class ImportReportSerializer(serializers.Serializer):
    saved = serializers.BooleanField(help_text="Whether anything was written: false with errors or `check=true`.")
    created = EntrySerializer(many=True)
    updated = EntrySerializer(many=True)
    unchanged = EntrySerializer(many=True)
    skipped = ProblemSerializer(many=True, help_text="What could not be mapped and was left out.")
    errors = ProblemSerializer(many=True, help_text="Invalid values; with any of them nothing was written.")
    notes = serializers.ListField(child=serializers.CharField())


class ImportUploadSerializer(serializers.Serializer):
    file = serializers.FileField(
        required=False, help_text="The catalogue: Turtle, RDF/XML or JSON-LD (by its suffix or content)."
    )
    url = serializers.URLField(
        required=False, help_text="Instead of a file, the catalogue's address (only where the operator allows it)."
    )


class DatasetImportView(UserLanguageMixin, APIView):
    """Import a DCAT(-AP-NO) catalogue into an organisation: create or update its datasets, distributions and
    data services (matched by IRI), all or nothing. Imported rows are not published."""

    parser_classes = [MultiPartParser]

    def initial(self, request, *args, **kwargs):
        # Before authentication, which may read the body (the CSRF check of a session).
        self.upload = CatalogueUploadHandler(request._request)
        request._request.upload_handlers = [self.upload]
        super().initial(request, *args, **kwargs)

    @extend_schema(
        operation_id="datasets_import",
        tags=["datasets"],
        parameters=[
            OpenApiParameter("organization", int, required=True, description="The organisation to import into."),
            OpenApiParameter("check", bool, description="`true`: validate and report only, save nothing."),
        ],
        request={"multipart/form-data": ImportUploadSerializer},
        responses={
            200: ImportReportSerializer,
            400: OpenApiResponse(
                inline_serializer(
                    "ImportRefused",
                    {
                        "detail": serializers.CharField(required=False),
                        "report": ImportReportSerializer(required=False),
                    },
                ),
                description=(
                    "The file is refused (not RDF, with the parser's line and column; unsafe; no DCAT in it), "
                    "a parameter is invalid, or the catalogue has invalid values (`report.errors`; nothing "
                    "was written)."
                ),
            ),
            413: OpenApiResponse(
                inline_serializer("ImportTooLarge", {"detail": serializers.CharField()}),
                description="The file is larger than the limit (10 MB).",
            ),
            415: OpenApiResponse(
                inline_serializer("ImportNotMultipart", {"detail": serializers.CharField()}),
                description="The body is not multipart/form-data.",
            ),
        },
    )
    def post(self, request):
        organization = _organization(request)
        if not importing.may_import(request.user, organization):
            raise PermissionDenied
        check = request.query_params.get("check", "false")
        if check not in ("true", "false"):
            raise ValidationError({"check": _("Must be true or false.")})
        files = request.FILES  # parses the body (through the handler above)
        if self.upload.too_large:
            return Response({"detail": too_large_message()}, status=status.HTTP_413_REQUEST_ENTITY_TOO_LARGE)
        body = ImportUploadSerializer(
            data={key: value for key, value in request.data.items() if key in ("file", "url")}
        )
        body.is_valid(raise_exception=True)
        upload, url = files.get("file"), body.validated_data.get("url")
        if bool(upload) == bool(url):
            raise ValidationError({"file": _("Send a file or an address (url), one of them.")})
        mode = importing.CHECK if check == "true" else importing.APPLY
        try:
            report = _run(upload, url, organization, request.user, mode)
        except importing.ImportRefused as error:
            return Response({"detail": error.message}, status=status.HTTP_400_BAD_REQUEST)
        data = report.as_dict()
        if report.errors:
            return Response(
                {"detail": _("The catalogue has invalid values; nothing was saved."), "report": data},
                status=status.HTTP_400_BAD_REQUEST,
            )
        return Response(data)


def _organization(request):
    """The organisation of ``?organization=``, among those whose private rows the user may see; else 404."""
    value = request.query_params.get("organization", "")
    if not value:
        raise ValidationError({"organization": serializers.Field.default_error_messages["required"]})
    if parse_id(value) is None:
        raise ValidationError({"organization": _("Must be a numeric ID.")})
    return get_object_or_404(member_organizations(request.user), pk=int(value))
