"""Validators for Norwegian public identifiers."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

MOD11_WEIGHTS = (3, 2, 7, 6, 5, 4, 3, 2)


def organization_number_check_digit(first_eight: str) -> int | None:
    """The MOD11 check digit of an organisasjonsnummer, or None where no valid digit exists."""
    remainder = sum(int(d) * w for d, w in zip(first_eight, MOD11_WEIGHTS, strict=True)) % 11
    digit = (11 - remainder) % 11
    return None if digit == 10 else digit


def validate_organization_number(value: str):
    if not (isinstance(value, str) and len(value) == 9 and value.isdigit()):
        raise ValidationError(_("An organisation number has exactly 9 digits."), code="format")
    if organization_number_check_digit(value[:8]) != int(value[8]):
        raise ValidationError(
            _("%(value)s is not a valid organisation number (the check digit is wrong)."),
            code="checksum",
            params={"value": value},
        )


def validate_municipality_number(value: str):
    if not (isinstance(value, str) and len(value) == 4 and value.isdigit()):
        raise ValidationError(_("A municipality number has exactly 4 digits, e.g. 4036."), code="format")
