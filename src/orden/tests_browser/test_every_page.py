"""Every page of Orden, in every UI language, passes axe-core's WCAG 2.1 A/AA checks.

On the demo data, a platform admin working in Vinje opens each model's list, detail, history, add, edit
and delete pages in bokmål (the lists and reports in nynorsk and English). The pages are found through
the same ModelViews declarations that build the URLs, so a new model is swept without touching this
test. The scenario tests check the flows; this one checks that no page escapes the accessibility check.
"""

import pytest
from django.core.management import call_command
from django.urls import reverse

from orden.core.views import ModelViews, is_tenant_model

from .helpers import assert_accessible, log_in, submit, visit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DEMO_PASSWORD = "orden-demo-2026"


def all_model_views():
    import orden.urls  # noqa: F401  (imports every app's views)

    found, stack = [], list(ModelViews.__subclasses__())
    while stack:
        views = stack.pop()
        stack.extend(views.__subclasses__())
        if hasattr(views, "model"):
            found.append(views)
    return sorted(found, key=lambda views: views.model._meta.label)


def pages_of(views, organization):
    model = views.model
    rows = model.objects.all()
    if is_tenant_model(model):
        rows = rows.filter(organization=organization)
    urls = [reverse(model.url_name("list")), reverse(model.url_name("add"))]
    obj = rows.order_by("pk").first()
    if obj is not None:
        urls += [
            obj.get_absolute_url(),
            reverse(model.url_name("edit"), args=[obj.pk]),
            reverse(model.url_name("history"), args=[obj.pk]),
            reverse(model.url_name("delete"), args=[obj.pk]),
        ]
        urls += [reverse(model.url_name("tab"), args=[obj.pk, tab.slug]) for tab in views.all_tabs()]
    return urls


@pytest.mark.parametrize("language", ["nb", "nn", "en"])
def test_every_page_passes_axe(page, live_server, fast_passwords, language):
    from orden.organizations.models import Organization, User

    call_command("seed", size="demo")
    User.objects.filter(username="admin").update(language=language)
    vinje = Organization.objects.get(name="Vinje")
    log_in(page, live_server.url, "admin", DEMO_PASSWORD)
    page.select_option("#organization-switcher", str(vinje.pk))
    submit(page, form="form.orden-switcher")

    urls = [
        "/",
        reverse("reports:dashboard"),
        reverse("reports:responsibilities"),
        reverse("reports:service_matrix"),
        reverse("portfolio:service_adopt"),
        reverse("profile"),
        reverse("organization_settings"),
        reverse("password_change"),
    ]
    for views in all_model_views():
        urls += pages_of(views, vinje) if language == "nb" else [reverse(views.model.url_name("list"))]
    assert len(urls) > (80 if language == "nb" else 20)
    for url in urls:
        visit(page, live_server.url + url)
        assert page.locator("html").get_attribute("lang") == language

    # A form with errors (the error summary and field messages) is checked too.
    visit(page, live_server.url + reverse("portfolio:system_add"))
    page.fill("#id_name", "")
    page.fill("#id_in_use_from", "2024-05-01")
    page.fill("#id_in_use_until", "2023-01-01")
    submit(page, status=422)
    assert page.locator("#error-summary").count() == 1
    assert_accessible(page)


def test_owners_are_searched_as_you_type(page, live_server, fast_passwords):
    from orden.organizations.models import User

    call_command("seed", size="demo")
    owner = User.objects.get(username="vinje-systemeier")
    log_in(page, live_server.url, "vinje-koordinator", DEMO_PASSWORD)
    visit(page, live_server.url + reverse("portfolio:system_add"))
    options = page.locator("#id_owner option")
    everyone = options.count()
    with page.expect_response(lambda response: "/people/options/" in response.url):
        page.fill("#id_owner_search", owner.last_name)
    page.wait_for_function("n => document.querySelectorAll('#id_owner option').length < n", arg=everyone)
    labels = [options.nth(i).inner_text() for i in range(options.count())]
    assert str(owner) in labels and all(owner.last_name in label for label in labels if label != "---------")
    page.select_option("#id_owner", str(owner.pk))
    assert_accessible(page)
