"""The product page's usage table (every organisation that uses the product) is cached: the same for every
member, per language, and rendered again as soon as a system, an organisation or a version behind it
changes."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from orden.catalog.models import ProductVersion
from orden.catalog.tests.specs import product
from orden.core import history
from orden.core.roles import Role
from orden.core.testing.matrix import ADMIN
from orden.organizations.models import User
from orden.portfolio.models import System


@pytest.fixture(autouse=True)
def fresh_cache(settings):
    """A memory cache of these tests' own (never a flush of a Redis that ORDEN_REDIS_URL may name)."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "usage"}}
    cache.clear()


@pytest.fixture
def used(world):
    User.objects.update(language="en")  # the tests read the English labels
    websak = product()
    version = ProductVersion.objects.create(product=websak, name="5.1")
    System.objects.create(organization=world.own, name="Sak", product=websak, product_version=version)
    System.objects.create(organization=world.other, name="Arkiv", product=websak, lifecycle="phasing_out")
    return websak


def usage_table(client, product):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(product.get_absolute_url())
    assert response.status_code == 200
    content = response.content.decode()
    table = content[content.index('id="usage"') : content.index("</table>", content.index('id="usage"'))]
    # The rows' query and the stamp's (an aggregate) are the only ones that read the product's systems.
    usage_queries = [q for q in queries.captured_queries if 'FROM "portfolio_system"' in q["sql"]]
    return table, len(usage_queries)


def test_the_second_view_reads_the_table_from_the_cache(client, world, used):
    client.force_login(world.users[Role.READER])
    first, first_queries = usage_table(client, used)
    assert "Vinje" in first and "Tokke" in first and "5.1" in first
    second, second_queries = usage_table(client, used)
    assert second == first
    # The first view read the rows (and the stamp); the second only the stamp.
    assert first_queries == 2 and second_queries == 1


def test_another_organisations_member_sees_the_same_table(client, world, used):
    client.force_login(world.users[Role.READER])
    own, _ = usage_table(client, used)
    client.force_login(world.other_users[Role.SYSTEM_OWNER])
    other, queries = usage_table(client, used)
    assert other == own and queries == 1


def test_each_language_has_its_own_table(client, world, used):
    reader = world.users[Role.READER]
    client.force_login(reader)
    User.objects.filter(pk=reader.pk).update(language="en")
    english, _ = usage_table(client, used)
    User.objects.filter(pk=reader.pk).update(language="nn")
    nynorsk, _ = usage_table(client, used)
    assert "Being phased out" in english and "Being phased out" not in nynorsk


@pytest.mark.parametrize("change", ["system", "new system", "removed system", "organisation", "version", "save"])
def test_a_change_behind_the_table_shows_at_once(client, world, used, change):
    client.force_login(world.users[Role.READER])
    before, _ = usage_table(client, used)
    admin = world.users[ADMIN]
    arkiv = System.objects.get(name="Arkiv")
    if change == "system":
        arkiv.lifecycle = "retired"
        history.save(arkiv, admin)
        expected = "Retired"
    elif change == "new system":
        System.objects.create(organization=world.other, name="Ny", product=used, lifecycle="planned")
        expected = "Planned"
    elif change == "removed system":
        history.delete(arkiv, admin)
        expected = None
    elif change == "organisation":
        world.other.name = "Tokke kommune"
        history.save(world.other, admin)
        expected = "Tokke kommune"
    elif change == "version":
        version = ProductVersion.objects.get(name="5.1")
        version.name = "5.2"
        history.save(version, admin)
        expected = "5.2"
    else:  # a plain save, without history, still moves the updated time
        arkiv.lifecycle = "in_use"
        arkiv.save()
        expected = None
    after, queries = usage_table(client, used)
    assert after != before and queries == 2
    if expected:
        assert expected in after
    if change == "removed system":
        assert "Tokke" not in after


def test_changes_whose_sums_cancel_out_still_show(client, world, used):
    """Renaming one version raises its version number by one; deleting another (its system's version is set
    to NULL in SQL, without a save) takes its number out of any sum: together a sum would not move."""
    client.force_login(world.users[Role.READER])
    admin = world.users[ADMIN]
    other = ProductVersion.objects.create(product=used, name="4.0")
    System.objects.filter(name="Arkiv").update(product_version=other)
    before, _ = usage_table(client, used)
    assert "4.0" in before
    renamed = ProductVersion.objects.get(name="5.1")
    renamed.name = "5.2"
    history.save(renamed, admin)
    history.delete(other, admin)
    after, queries = usage_table(client, used)
    assert queries == 2 and "5.2" in after and "4.0" not in after


def test_a_new_release_renders_the_table_again(client, world, used, settings):
    """Templates and translations change with a deploy: the fragments the previous release cached are unused."""
    client.force_login(world.users[Role.READER])
    usage_table(client, used)
    settings.ORDEN_RELEASE = "next"
    _, queries = usage_table(client, used)
    assert queries == 2
