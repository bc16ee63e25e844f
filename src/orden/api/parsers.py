"""The API's JSON parser: DRF's, but a body nested too deep for Python's parser is a 400, not a 500."""

from django.utils.translation import gettext as _
from rest_framework import exceptions, parsers


class JSONParser(parsers.JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        try:
            return super().parse(stream, media_type, parser_context)
        except RecursionError:
            # json.loads recurses once per level of nesting: '[' * 3000 exhausts the stack.
            raise exceptions.ParseError(_("The request body is nested too deeply.")) from None
