"""Norwegian sorting: the Python key (SQLite's collation) and the database's collation agree."""

import pytest
from django.db import connection

from orden.core.collation import COLLATION, compare, sort_key

NAMES = ["Webcruiter", "ePhorte", "itslearning", "Ørsta", "Åseral", "Ærfugl", "Zebra", "acos", "Acos", "Bø"]
EXPECTED = ["acos", "Acos", "Bø", "ePhorte", "itslearning", "Webcruiter", "Zebra", "Ærfugl", "Ørsta", "Åseral"]


def test_the_key_ignores_case_and_puts_the_norwegian_letters_after_z():
    assert sorted(NAMES, key=sort_key)[2:] == EXPECTED[2:]
    assert sort_key("ePhorte") < sort_key("Webcruiter")
    assert sort_key("Zebra") < sort_key("æ") < sort_key("Ø") < sort_key("å")
    assert sort_key("Bo") < sort_key("Bø") < sort_key("Bå")
    # Nothing else is ignored: spaces and punctuation count.
    assert sort_key("A B") != sort_key("AB")


def test_the_comparison_is_a_total_order_with_lower_case_first():
    assert compare("acos", "Acos") == -1 and compare("Acos", "acos") == 1 and compare("x", "x") == 0
    from functools import cmp_to_key

    assert sorted(NAMES, key=cmp_to_key(compare)) == EXPECTED


@pytest.mark.django_db
def test_the_database_sorts_in_the_same_order():
    """On SQLite the registered collation, on PostgreSQL ICU's: the same order for the same names."""
    values = ", ".join(["(%s)"] * len(NAMES))
    with connection.cursor() as cursor:
        cursor.execute(
            f'SELECT column1 FROM (VALUES {values}) AS names ORDER BY column1 COLLATE "{COLLATION}"',  # noqa: S608
            NAMES,
        )
        assert [row[0] for row in cursor.fetchall()] == EXPECTED
