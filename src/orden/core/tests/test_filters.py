"""The filterset base refuses every malformed value instead of passing it to the database (a server
error) or ignoring it (the unfiltered rows): ids, whole numbers, booleans, dates, choices and related
rows. Tested on a core model (the history's records), so that it holds for every app's filterset."""

import django_filters
import pytest
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.http import QueryDict
from django.utils import translation

from orden.core.filters import OrdenFilterSet
from orden.core.forms import INT64_MAX as ID_MAX
from orden.core.forms import ModelMultipleChoiceField, parse_id
from orden.core.models import ChangeAction, ChangeRecord

pytestmark = pytest.mark.django_db

BIG = "9" * 30


class RecordFilterSet(OrdenFilterSet):
    since = django_filters.DateFilter(field_name="time", lookup_expr="date__gte")
    restorable = django_filters.BooleanFilter(field_name="postchange_data", lookup_expr="isnull", exclude=True)
    users = django_filters.ModelMultipleChoiceFilter(field_name="user", queryset=get_user_model().objects.all())
    search_fields = ("message",)
    ordering_fields = (("time", "time"),)

    class Meta:
        model = ChangeRecord
        fields = ["object_id", "object_version", "action", "content_type"]


@pytest.fixture
def records():
    content_type = ContentType.objects.get_for_model(ContentType)
    return [
        ChangeRecord.objects.create(
            action=ChangeAction.UPDATE, content_type=content_type, object_id=n, object_version=n, postchange_data={}
        )
        for n in (1, 2)
    ]


def filtered(**params):
    data = QueryDict(mutable=True)
    for name, value in params.items():
        data[name] = value
    filterset = RecordFilterSet(data, queryset=ChangeRecord.objects.order_by("pk"))
    valid = filterset.is_valid()
    return filterset, (list(filterset.qs) if valid else None)


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("id", "1,a,3"),
        ("id", "1.5"),
        ("id", "false"),
        ("id", BIG),
        ("id", str(ID_MAX + 1)),
        ("object_id", "1.5"),
        ("object_id", "abc"),
        ("object_id", BIG),
        ("object_version", "1e3"),
        ("restorable", "maybe"),
        ("restorable", "yes"),
        ("since", "2020-99-99"),
        ("action", "nonsense"),
        ("content_type", BIG),
        ("users", BIG),
        ("users", "abc"),
        ("ordering", "unknown"),
        ("q", "a\x00b"),
    ],
)
def test_malformed_values_are_errors_of_their_parameter(records, name, value):
    filterset, rows = filtered(**{name: value})
    assert rows is None
    assert list(filterset.errors) == [name]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"id": "1,2"}, [0, 1]),
        ({"id": f"{ID_MAX}"}, []),
        ({"object_id": "2"}, [1]),
        ({"object_version": "1"}, [0]),
        ({"restorable": "true"}, [0, 1]),
        ({"restorable": "false"}, []),
        ({"restorable": ""}, [0, 1]),
        ({"since": "2020-01-01"}, [0, 1]),
        ({"action": "update"}, [0, 1]),
    ],
)
def test_well_formed_values_filter(records, params, expected):
    if "id" in params and params["id"] == "1,2":
        params = {"id": f"{records[0].pk},{records[1].pk}"}
    _filterset, rows = filtered(**params)
    assert rows == [records[i] for i in expected]


def test_the_messages_are_in_the_users_language(records):
    with translation.override("nb"):
        filterset, _rows = filtered(id="1,a", restorable="maybe", object_id=BIG)
        assert filterset.errors["id"] == ["Oppgi et heltall."]
        assert filterset.errors["restorable"] == ["Velg et gyldig valg. maybe er ikke et av de tilgjengelige valgene."]
        assert filterset.errors["object_id"] == [f"Verdien må være mindre enn eller lik {ID_MAX}."]


def test_a_yes_no_filter_keeps_its_select():
    form = RecordFilterSet(QueryDict()).form
    assert [value for value, _label in form.fields["restorable"].widget.choices] == ["", "true", "false"]


@pytest.mark.parametrize(
    ("value", "expected"),
    [("12", 12), (12, 12), (str(ID_MAX), ID_MAX), (str(ID_MAX + 1), None), (BIG, None), ("0", None)]
    + [("-1", None), ("1.5", None), ("²", None), ("١", None), (" 1", None), ("", None), (None, None)],
)
def test_parse_id(value, expected):
    assert parse_id(value) == expected


def test_many_choices_beyond_the_integer_range_are_invalid_not_a_database_error():
    field = ModelMultipleChoiceField(queryset=get_user_model().objects.all())
    with pytest.raises(Exception) as error:
        field.clean([BIG])
    assert error.type.__name__ == "ValidationError"
    assert error.value.code == "invalid_choice"


class ChoicesFilterSet(OrdenFilterSet):
    actions = django_filters.MultipleChoiceFilter(field_name="action", choices=ChangeAction.choices)
    users = django_filters.ModelMultipleChoiceFilter(field_name="user", queryset=get_user_model().objects.all())

    class Meta:
        model = ChangeRecord
        fields = []


def test_a_multiple_choice_of_an_own_column_needs_no_distinct(records):
    # A row has one action, so it matches once; a choice of related rows (here a foreign key, also
    # reverse and many-to-many relations) keeps django-filter's DISTINCT.
    data = QueryDict(mutable=True)
    data.setlist("actions", [ChangeAction.UPDATE, ChangeAction.CREATE])
    qs = ChoicesFilterSet(data, queryset=ChangeRecord.objects.all()).qs
    assert not qs.query.distinct and len(qs) == len(records)
    user = get_user_model().objects.create(username="someone")
    related = ChoicesFilterSet(QueryDict(f"users={user.pk}"), queryset=ChangeRecord.objects.all()).qs
    assert related.query.distinct


def test_two_filtersets_share_no_form_field():
    # _OwnFields skips the form's deep copy: safe only while each filterset makes its own fields.
    first, second = RecordFilterSet(QueryDict()).form, RecordFilterSet(QueryDict()).form
    assert first.fields.keys() == second.fields.keys()
    shared = [name for name in first.fields if first.fields[name] is second.fields[name]]
    assert shared == []
    assert all(first.fields[name].widget is not second.fields[name].widget for name in first.fields)
