"""In a real browser, on the demo data: an architect opens Vinje's draft dataset that fails validation (it has
no contact point), follows the plain-language finding to the form, sets a contact point, sees the validation
pass and publishes it; then a visitor who is not logged in finds it on the organisation's public page and
follows its link to the machine-readable description, which answers Turtle. The public pages pass axe-core
(WCAG 2.1 A/AA) in bokmål and English.

Elements are found by structure (ids, URLs, data attributes); texts are compared in the page's language, as
Django translates them in the test process.
"""

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from .helpers import assert_accessible, log_in, path_of, submit, visit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DEMO_PASSWORD = "orden-demo-2026"
# The violations on the page, of DCAT-AP-NO 2.2 (which decides publication) and 3.0 (the next version).
VIOLATIONS = "#validation [data-version] li[data-severity='violation']"


@pytest.fixture
def demo(live_server, fast_passwords, settings):
    """The demo data, with the IRIs on the test server (so they dereference); Vinje, its draft without a
    contact point, and the contact point its published datasets name."""
    from orden.datasets.models import Dataset
    from orden.demo import register_data
    from orden.organizations.models import Organization

    settings.ORDEN_BASE_URL = live_server.url
    cache.clear()  # documents and validation results of an earlier test's demo data
    call_command("seed", size="demo")
    vinje = Organization.objects.get(name="Vinje")
    number, key = register_data.INVALID_DRAFT
    assert vinje.municipality_number == number
    draft = Dataset.objects.get(organization=vinje, title_nb=register_data.DATASETS[key]["title"][0])
    assert not draft.published and draft.contact_point_id is None
    published = Dataset.objects.filter(organization=vinje, published=True, contact_point__isnull=False)
    contact = published.order_by("pk").first().contact_point
    return {"organization": vinje, "draft": draft, "contact": contact, "published": published.order_by("pk").first()}


def translated(language: str, message: str, **params) -> str:
    with translation.override(language):
        text = translation.gettext(message)
        return text % {name: translation.gettext(value) for name, value in params.items()} if params else text


def test_an_architect_fixes_the_validation_error_and_publishes(page, new_context, live_server, demo):
    from rdflib import DCAT, RDF, Graph, URIRef

    from orden.datasets.models import Dataset

    draft, contact, organization = demo["draft"], demo["contact"], demo["organization"]
    log_in(page, live_server.url, "vinje-arkitekt", DEMO_PASSWORD)

    # From the list to the draft's page, which says in plain words what stops publication.
    visit(page, live_server.url + reverse("datasets:dataset_list"))
    with page.expect_navigation():
        page.locator(f"a[href='{draft.get_absolute_url()}']").first.click()
    assert_accessible(page)
    assert path_of(page) == draft.get_absolute_url()
    # The architect reads Orden in their own language (Vinje's people write nynorsk).
    language = page.locator("html").get_attribute("lang")
    missing = translated(language, "Missing: %(property)s", property="contact point")
    findings = page.locator(VIOLATIONS, has_text=missing)
    assert findings.count() >= 1, page.locator("#validation").inner_text()
    finding = findings.first

    # The finding leads to the form, at the field that fixes it.
    with page.expect_navigation():
        finding.locator("a").click()
    edit_url = reverse("datasets:dataset_edit", args=[draft.pk])
    assert path_of(page) == edit_url and page.url.endswith("#id_contact_point")
    assert_accessible(page)
    with page.expect_response(lambda response: "/contacts/options/" in response.url):
        page.fill("#id_contact_point_search", contact.name)
    page.locator(f"#id_contact_point option[value='{contact.pk}']").wait_for(state="attached")
    page.select_option("#id_contact_point", str(contact.pk))
    submit(page)
    assert path_of(page) == draft.get_absolute_url()
    draft.refresh_from_db()
    assert draft.contact_point_id == contact.pk and not draft.published

    # The validation passes now; publish.
    assert page.locator("#validation .ds-alert[data-color='success']").count() == 1
    assert page.locator(VIOLATIONS).count() == 0, page.locator("#validation").inner_text()
    submit(page, form=f"form[action='{reverse('datasets:dataset_publish', args=[draft.pk])}']")
    assert path_of(page) == draft.get_absolute_url()
    draft.refresh_from_db()
    assert draft.published and draft.published_at is not None
    assert page.locator("#publication .ds-tag[data-color='success']").count() == 1
    assert page.locator(f"form[action='{reverse('datasets:dataset_unpublish', args=[draft.pk])}']").count() == 1

    # A visitor who is not logged in finds it on the organisation's public page ...
    number = organization.organization_number
    visitor = new_context().new_page()
    public_page = reverse("datasets:public_dataset", args=[number, draft.pk])
    visit(visitor, f"{live_server.url}/data/{number}/")
    assert visitor.locator("header form[action$='/logout/']").count() == 0  # not logged in
    link = visitor.locator(f"a[href='{public_page}']")
    assert link.count() == 1 and link.inner_text().strip() == draft.title_nb
    with visitor.expect_navigation():
        link.click()
    assert_accessible(visitor)
    assert visitor.locator("h1").inner_text().strip() == draft.title_nb
    assert contact.name in visitor.locator("section[aria-labelledby='contact-heading']").inner_text()

    # ... and its link to the machine-readable description, which answers Turtle: the dataset, at its IRI, with
    # the contact point just set.
    turtle = visitor.locator("section[aria-labelledby='formats-heading'] a[type='text/turtle']")
    href = turtle.get_attribute("href")
    assert href == reverse("datasets:dcat_dataset_as", args=[number, draft.pk, "ttl"])
    response = visitor.request.get(live_server.url + href)
    assert response.status == 200 and response.headers["content-type"].startswith("text/turtle")
    graph = Graph().parse(data=response.body(), format="turtle")
    iri = URIRef(f"{live_server.url}/dcat/{number}/datasets/{draft.pk}")
    assert (iri, RDF.type, DCAT.Dataset) in graph
    assert graph.value(iri, DCAT.contactPoint) is not None
    assert iri in set(graph.subjects(RDF.type, DCAT.Dataset)) and len(set(graph.subjects(RDF.type, DCAT.Dataset))) == 1

    # The IRI itself dereferences: Turtle for a harvester, the page for a browser.
    as_turtle = visitor.request.get(str(iri), headers={"Accept": "text/turtle"})
    assert as_turtle.status == 200 and as_turtle.body() == response.body()
    visit(visitor, str(iri))
    assert path_of(visitor) == public_page

    # Nothing else was published by the way.
    assert Dataset.objects.filter(organization=organization, published=False).exists()


def public_urls(demo):
    number = demo["organization"].organization_number
    return [
        reverse("datasets:public_search"),
        reverse("datasets:public_search") + "?q=" + demo["published"].title_nb.split()[0],
        reverse("datasets:public_organization", args=[number]),
        reverse("datasets:public_dataset", args=[number, demo["published"].pk]),
    ]


def test_the_public_pages_pass_axe_in_bokmal_nynorsk_and_english(page, live_server, demo):
    """Without logging in: the search, the organisation's page and a published dataset's page, in bokmål (the
    default) and, after choosing them on the page, in nynorsk and English."""
    urls = public_urls(demo)
    for url in urls:
        visit(page, live_server.url + url)
        assert page.locator("html").get_attribute("lang") == "nb"
    assert page.locator("h1").inner_text().strip() == demo["published"].title_nb

    page.select_option("#language", "nn")
    submit(page, form="form.orden-language")
    for url in urls:
        visit(page, live_server.url + url)
        assert page.locator("html").get_attribute("lang") == "nn"

    # The visitor chooses English with the page's language form and stays on the page.
    page.select_option("#language", "en")
    submit(page, form="form.orden-language")
    assert path_of(page) == urls[-1]
    assert page.locator("html").get_attribute("lang") == "en"
    for url in urls:
        visit(page, live_server.url + url)
        assert page.locator("html").get_attribute("lang") == "en"
    # A title without English is marked as bokmål on the English page (WCAG 3.1.2).
    if not demo["published"].title_en:
        assert page.locator("h1").get_attribute("lang") == "nb"
