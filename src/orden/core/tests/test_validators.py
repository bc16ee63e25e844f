import pytest
from django.core.exceptions import ValidationError

from orden.core.validators import validate_municipality_number, validate_organization_number


@pytest.mark.parametrize("number", ["964964076", "964963630", "974760673"])
def test_valid_organization_numbers(number):
    validate_organization_number(number)


@pytest.mark.parametrize(
    ("number", "code"),
    [("964964077", "checksum"), ("96496407", "format"), ("9649640761", "format"), ("96496407a", "format")],
)
def test_invalid_organization_numbers(number, code):
    with pytest.raises(ValidationError) as error:
        validate_organization_number(number)
    assert error.value.code == code


@pytest.mark.parametrize("number", ["403", "40366", "4O36"])
def test_invalid_municipality_numbers(number):
    with pytest.raises(ValidationError):
        validate_municipality_number(number)
