"""Django REST framework's and Django's messages that Orden's API can answer, listed so that Orden's own
catalogues translate them.

DRF ships a bokmål catalogue (with a few errors and gaps) and none for nynorsk, and Django's nynorsk
catalogue uses bokmål words in some of them ("Velg eit gyldig valg"). Orden's catalogues come first
(``LOCALE_PATHS`` is searched before the installed apps), so an entry with the same msgid in
``src/orden/locale/{nb,nn}`` translates DRF's or Django's message for every user. `make messages` keeps an
entry only while its msgid appears in Orden's source: this module is that place. The strings are marked
with ``gettext_noop`` and never used; keep each msgid byte-for-byte the same as DRF's or Django's (its
``{name}`` placeholders are filled in by DRF after translation).

The messages that DRF or Django write in English only (a 404 naming the model, a throttled request, a body
that is not valid JSON, a failed CSRF check) are replaced in ``orden.api.exceptions``. Orden's token
authentication has its own message for an unknown token.

When DRF is upgraded, compare its messages (``rest_framework/exceptions.py``, ``fields.py``,
``relations.py``, ``serializers.py``, ``authentication.py``) with this list.
"""

from django.utils.translation import gettext_noop

DRF_MESSAGES = [
    # rest_framework/exceptions.py
    gettext_noop("A server error occurred."),
    gettext_noop("Invalid input."),
    gettext_noop("Malformed request."),
    gettext_noop("Incorrect authentication credentials."),
    gettext_noop("Authentication credentials were not provided."),
    gettext_noop("You do not have permission to perform this action."),
    gettext_noop("Not found."),
    gettext_noop('Method "{method}" not allowed.'),
    gettext_noop("Could not satisfy the request Accept header."),
    gettext_noop('Unsupported media type "{media_type}" in request.'),
    # rest_framework/authentication.py (TokenAuthentication.authenticate)
    gettext_noop("Invalid token header. No credentials provided."),
    gettext_noop("Invalid token header. Token string should not contain spaces."),
    gettext_noop("Invalid token header. Token string should not contain invalid characters."),
    # rest_framework/fields.py
    gettext_noop("This field is required."),
    gettext_noop("This field may not be null."),
    gettext_noop("This field may not be blank."),
    gettext_noop("Ensure this field has no more than {max_length} characters."),
    gettext_noop("Ensure this field has at least {min_length} characters."),
    gettext_noop("Null characters are not allowed."),
    gettext_noop("Not a valid string."),
    gettext_noop("Must be a valid boolean."),
    gettext_noop("Enter a valid email address."),
    gettext_noop("Enter a valid URL."),
    gettext_noop('Enter a valid "slug" consisting of letters, numbers, underscores or hyphens.'),
    gettext_noop("A valid integer is required."),
    gettext_noop("Ensure this value is less than or equal to {max_value}."),
    gettext_noop("Ensure this value is greater than or equal to {min_value}."),
    gettext_noop("String value too large."),
    gettext_noop("A valid number is required."),
    gettext_noop("Ensure that there are no more than {max_digits} digits in total."),
    gettext_noop("Ensure that there are no more than {max_decimal_places} decimal places."),
    gettext_noop("Ensure that there are no more than {max_whole_digits} digits before the decimal point."),
    gettext_noop("Date has wrong format. Use one of these formats instead: {format}."),
    gettext_noop("Expected a date but got a datetime."),
    gettext_noop('"{input}" is not a valid choice.'),
    gettext_noop('Expected a list of items but got type "{input_type}".'),
    gettext_noop("This list may not be empty."),
    # rest_framework/relations.py (PrimaryKeyRelatedField)
    gettext_noop('Invalid pk "{pk_value}" - object does not exist.'),
    gettext_noop("Incorrect type. Expected pk value, received {data_type}."),
    # rest_framework/serializers.py
    gettext_noop("Invalid data. Expected a dictionary, but got {datatype}."),
    # rest_framework/pagination.py
    gettext_noop("Invalid page."),
]

DJANGO_MESSAGES = [
    # django/forms/fields.py and models.py, through the filters (?unit=…, ?status=…): Django's nynorsk
    # catalogue has "Velg eit gyldig valg", its bokmål one "Valget er ikke av de tilgjengelige valgene".
    gettext_noop("Select a valid choice. %(value)s is not one of the available choices."),
    gettext_noop("Select a valid choice. That choice is not one of the available choices."),
]
