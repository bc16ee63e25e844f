from django.utils.translation import gettext_lazy
from rest_framework import pagination, serializers


class PageNumberPagination(pagination.PageNumberPagination):
    """``?page=`` and ``?per_page=`` (1 to 100, default 50). A malformed or out-of-range value is refused with
    400 naming the parameter, as a malformed filter is, rather than silently replaced by the default; a page
    beyond the last is 404."""

    page_size = 50
    page_size_query_param = "per_page"
    max_page_size = 100
    last_page_strings = ()  # a page is a number, as the schema says
    # DRF's "Invalid page." does not say which parameter; still a 404 (the schema's), naming it.
    invalid_page_message = gettext_lazy("Invalid page: there is no page {page_number} (the page parameter).")

    def get_page_number(self, request, paginator):
        return number_param(request, self.page_query_param, maximum=None) or 1

    def get_page_size(self, request):
        return number_param(request, self.page_size_query_param, maximum=self.max_page_size) or self.page_size

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        bounds = {
            self.page_query_param: {"minimum": 1},
            self.page_size_query_param: {"minimum": 1, "maximum": self.max_page_size},
        }
        for parameter in parameters:
            parameter["schema"].update(bounds.get(parameter["name"], {}))
        return parameters


def number_param(request, name, *, maximum) -> int | None:
    """The whole number of query parameter ``name`` (1 to ``maximum``), None when absent; else a
    400 naming the parameter, with DRF's (translated) messages."""
    value = request.query_params.get(name)
    if value is None:
        return None
    # An empty value ("?page=") is malformed too, as the schema says a page is a number: the field refuses it.
    field = serializers.IntegerField(min_value=1, max_value=maximum)
    try:
        if not value.isascii():  # ASCII digits only, as core.forms.parse_id: ``int`` reads "١" as 1
            field.fail("invalid")
        return field.run_validation(value)
    except serializers.ValidationError as error:
        raise serializers.ValidationError({name: error.detail}) from error
