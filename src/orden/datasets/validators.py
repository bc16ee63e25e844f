from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext as _


def validate_url_lines(value: str):
    """Each non-empty line is a web address (http or https)."""
    check = URLValidator(schemes=["http", "https"])
    for number, line in enumerate(value.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            check(line.strip())
        except ValidationError:
            raise ValidationError(
                _("Line %(line)s is not a web address: %(value)s"),
                code="invalid",
                params={"line": number, "value": line.strip()[:80]},
            ) from None
