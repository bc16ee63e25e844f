"""Arrival: links into another of the user's organisations, the invitation e-mail, the login page and its
language notice, the platform administrator's front page and the "not found" page without debug pages."""

import os
import re
import subprocess
import sys

import pytest
from django.conf import settings as django_settings
from django.core import mail
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from rest_framework.test import APIClient

from orden.api.models import ApiToken
from orden.core.roles import Role
from orden.core.testing.matrix import ADMIN, OUTSIDER
from orden.organizations.middleware import SESSION_ORGANIZATION_KEY
from orden.organizations.models import Contact, Membership, Unit, User
from orden.organizations.testing import make_organization, make_user, work_in

PASSWORD = "Riktig-hest-batteri-42"


def in_language(language, msgid, **values):
    with translation.override(language):
        return gettext(msgid) % values if values else gettext(msgid)


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


@pytest.fixture
def two_hats(world):
    """A data protection officer of Vinje (own) who is also coordinator of Tokke (other), reading English."""
    user = make_user("vt-personvern", world.own, Role.PRIVACY_OFFICER, language="en")
    Membership.objects.create(organization=world.other, user=user, role=Role.COORDINATOR)
    return user


@pytest.fixture
def tokke_rows(world):
    from orden.portfolio.models import System

    return {
        "contact": Contact.objects.create(organization=world.other, name="Leverandørkontakt"),
        "unit": Unit.objects.create(organization=world.other, name="Oppvekst"),
        "system": System.objects.create(organization=world.other, name="Visma Flyt Skole"),
    }


# ---------------------------------------------------------------- links into another organisation


@pytest.mark.parametrize(
    ("row", "page"),
    [
        ("contact", "detail"),
        ("contact", "edit"),
        ("contact", "delete"),
        ("contact", "history"),
        ("unit", "detail"),  # a special detail view (UnitDetailView)
        ("unit", "delete"),  # a special delete view (UnitDeleteView)
        ("system", "detail"),
    ],
)
def test_a_link_into_another_of_my_organisations_switches_there(client, world, two_hats, tokke_rows, row, page):
    obj = tokke_rows[row]
    work_in(client, two_hats, world.own)
    response = client.get(reverse(obj.url_name(page), args=[obj.pk]))
    assert response.status_code == 200
    assert client.session[SESSION_ORGANIZATION_KEY] == world.other.pk
    assert response.context["current_organization"] == world.other
    assert response.context["current_role"] == Role.COORDINATOR
    assert messages_of(response) == ["You are now working in Tokke."]
    # Once there, no further notice.
    again = client.get(reverse(obj.url_name(page), args=[obj.pk]))
    assert again.status_code == 200 and messages_of(again) == []


def test_a_registered_tab_of_another_organisation_switches_too(client, world, two_hats, tokke_rows):
    from orden.portfolio.views import SystemViews

    system = tokke_rows["system"]
    tab = SystemViews.all_tabs()[0]
    work_in(client, two_hats, world.own)
    response = client.get(reverse("portfolio:system_tab", args=[system.pk, tab.slug]))
    assert response.status_code == 200
    assert client.session[SESSION_ORGANIZATION_KEY] == world.other.pk


def test_the_notice_is_in_the_users_language(client, world, two_hats, tokke_rows):
    two_hats.language = "nn"
    two_hats.save()
    work_in(client, two_hats, world.own)
    response = client.get(tokke_rows["contact"].get_absolute_url())
    assert messages_of(response) == [
        in_language("nn", "You are now working in %(organization)s.", organization="Tokke")
    ]


def test_an_action_my_role_there_does_not_allow_is_not_found_and_does_not_switch(client, world, tokke_rows):
    # A coordinator of Vinje who only reads in Tokke may view a Tokke contact but not edit it.
    user = make_user("vt-koordinator", world.own, Role.COORDINATOR)
    Membership.objects.create(organization=world.other, user=user, role=Role.READER)
    work_in(client, user, world.own)
    contact = tokke_rows["contact"]
    assert client.get(reverse("organizations:contact_edit", args=[contact.pk])).status_code == 404
    assert client.session[SESSION_ORGANIZATION_KEY] == world.own.pk


@pytest.mark.parametrize("actor", [Role.COORDINATOR, Role.READER, OUTSIDER])
def test_an_organisation_i_do_not_belong_to_is_not_found_like_a_missing_id(client, world, tokke_rows, actor):
    work_in(client, world.users[actor], world.own)
    before = client.session.get(SESSION_ORGANIZATION_KEY)
    for obj in tokke_rows.values():
        hidden = client.get(obj.get_absolute_url())
        missing = client.get(reverse(obj.url_name("detail"), args=[obj.pk + 1000]))
        assert hidden.status_code == missing.status_code == 404
        assert [t.name for t in hidden.templates][:1] == [t.name for t in missing.templates][:1] == ["404.html"]
        assert obj.name not in hidden.content.decode()
    assert client.session.get(SESSION_ORGANIZATION_KEY) == before


def test_a_platform_admin_follows_a_link_into_any_organisation(client, world, tokke_rows):
    work_in(client, world.users[ADMIN], world.own)
    response = client.get(tokke_rows["system"].get_absolute_url())
    assert response.status_code == 200
    assert client.session[SESSION_ORGANIZATION_KEY] == world.other.pk
    assert len(messages_of(response)) == 1


def test_an_inactive_organisation_is_not_entered(client, world, tokke_rows):
    world.other.is_active = False
    world.other.save()
    work_in(client, world.users[ADMIN], world.own)
    assert client.get(tokke_rows["contact"].get_absolute_url()).status_code == 404
    assert client.session[SESSION_ORGANIZATION_KEY] == world.own.pk


# ---------------------------------------------------------------- the invitation e-mail


def add_member(client, email, role):
    return client.post(reverse("organizations:membership_add"), {"email": email, "role": role})


def test_a_new_member_gets_an_invitation_to_choose_a_password_in_the_coordinators_language(
    client, world, settings, django_capture_on_commit_callbacks
):
    settings.ORDEN_BASE_URL = "https://orden.example.no/"
    coordinator = world.users[Role.COORDINATOR]
    coordinator.language = "nn"
    coordinator.save()
    work_in(client, coordinator, world.own)
    with django_capture_on_commit_callbacks(execute=True):
        assert add_member(client, "Ny.Person@Example.org", Role.READER).status_code == 302
    person = User.objects.get(email="ny.person@example.org")
    assert person.language == "nn" and not person.has_usable_password()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["ny.person@example.org"]
    assert message.subject == in_language("nn", "Orden: you were added to %(organization)s", organization="Vinje")
    with translation.override("nn"):
        role = str(Role.READER.label).lower()
    assert role != "reader"  # nynorsk "Lesar": the e-mail is written in the recipient's language
    assert role in message.body
    link = re.search(r"https://orden\.example\.no/password/reset/[^/\s]+/[^/\s]+/", message.body)
    assert link, message.body
    # The link lets the person choose a password.
    response = client.get(link.group(0).removeprefix("https://orden.example.no"), follow=True)
    assert response.status_code == 200 and response.context["validlink"]


def test_an_existing_user_is_told_they_were_added_with_a_login_link(
    client, world, settings, django_capture_on_commit_callbacks
):
    settings.ORDEN_BASE_URL = "https://orden.example.no"
    person = make_user("kari", language="en")
    person.set_password(PASSWORD)
    person.save()
    work_in(client, world.users[Role.COORDINATOR], world.own)
    with django_capture_on_commit_callbacks(execute=True):
        assert add_member(client, person.email, Role.ARCHITECT).status_code == 302
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    assert mail.outbox[0].subject == "Orden: you were added to Vinje"
    assert "as architect" in body
    assert "https://orden.example.no/login/" in body
    assert "/password/reset/" not in body
    assert "Choose your password" not in body


def test_no_invitation_when_the_membership_is_not_saved(client, world, django_capture_on_commit_callbacks):
    work_in(client, world.users[Role.COORDINATOR], world.own)
    existing = world.users[Role.READER]
    with django_capture_on_commit_callbacks(execute=True):
        assert add_member(client, existing.email, Role.ARCHITECT).status_code == 422  # already a member
    assert mail.outbox == []


def test_a_member_added_through_the_api_gets_the_invitation(world, django_capture_on_commit_callbacks):
    person = make_user("ola", language="nb")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {ApiToken.issue(world.users[Role.COORDINATOR], 't')[1]}")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/api/memberships/",
            {"organization": world.own.pk, "email": person.email.upper(), "role": Role.SYSTEM_OWNER},
            format="json",
        )
    assert response.status_code == 201, response.content
    assert [message.to for message in mail.outbox] == [[person.email]]
    with translation.override("nb"):
        role = str(Role.SYSTEM_OWNER.label).lower()
    assert role in mail.outbox[0].body
    assert "/password/reset/" in mail.outbox[0].body  # ola has no password yet
    assert response.data["user"] == person.pk


def test_the_api_adds_people_by_email_never_by_user_id(world, django_capture_on_commit_callbacks):
    """A user id in the payload is ignored (no way to probe who has an account); a new address makes an
    invited account, and an address that is already a member is refused."""
    stranger = make_user("stranger-elsewhere")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {ApiToken.issue(world.users[Role.COORDINATOR], 't')[1]}")
    by_id = client.post(
        "/api/memberships/", {"organization": world.own.pk, "user": stranger.pk, "role": "reader"}, format="json"
    )
    assert by_id.status_code == 400 and "email" in by_id.data
    assert not Membership.objects.filter(user=stranger).exists()

    with django_capture_on_commit_callbacks(execute=True):
        new = client.post(
            "/api/memberships/",
            {"organization": world.own.pk, "email": "ny.person@vinje.kommune.no", "role": "reader"},
            format="json",
        )
    assert new.status_code == 201, new.content
    person = User.objects.get(email="ny.person@vinje.kommune.no")
    assert not person.has_usable_password()
    assert [message.to for message in mail.outbox] == [[person.email]]

    again = client.post(
        "/api/memberships/", {"organization": world.own.pk, "email": person.email, "role": "architect"}, format="json"
    )
    assert again.status_code == 400
    assert Membership.objects.filter(user=person).count() == 1


# ---------------------------------------------------------------- the login page and the language notice


@pytest.fixture
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def with_password(user, language):
    user.language = language
    user.set_password(PASSWORD)
    user.save()
    return user


def test_the_login_fields_are_designsystemet_fields(client, db):
    html = client.get(reverse("login")).content.decode()
    for name in ("username", "password"):
        field = re.search(rf'<div class="ds-field">\s*<label class="ds-label" for="id_{name}">.*?</div>', html, re.S)
        assert field, f"{name} is not in a ds-field with a ds-label"
        assert re.search(rf'<input[^>]*class="ds-input"[^>]*id="id_{name}"', field.group(0)), field.group(0)


def test_after_login_a_notice_says_the_language_changed(client, world, fast_passwords):
    user = with_password(world.users[Role.READER], "nn")
    response = client.post(reverse("login"), {"username": user.username, "password": PASSWORD}, follow=True)
    assert response.status_code == 200 and response.context["LANGUAGE_CODE"] == "nn"
    notice = in_language("nn", "Orden is shown in Norwegian Nynorsk, as you chose in your profile.")
    [message] = messages_of(response)
    assert message.startswith(notice)
    assert f'href="{reverse("profile")}#id_language"' in message
    assert in_language("nn", "Change it in your profile") in message
    assert client.cookies[django_settings.LANGUAGE_COOKIE_NAME].value == "nn"  # the login page after logout too


def test_no_language_notice_when_the_language_stays(client, world, fast_passwords):
    user = with_password(world.users[Role.READER], "en")
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.post(reverse("login"), {"username": user.username, "password": PASSWORD}, follow=True)
    assert response.status_code == 200 and messages_of(response) == []


# ---------------------------------------------------------------- the front page without an organisation


def test_a_platform_admin_chooses_an_organisation_on_the_front_page(client, world):
    make_organization("Seljord", "4022", "964963398", is_active=False)
    client.force_login(world.users[ADMIN])
    response = client.get(reverse("home"))
    assert response.status_code == 200
    html = response.content.decode()
    assert [o.name for o in response.context["organizations"]] == ["Tokke", "Vinje"]  # active ones
    assert 'id="organization-search"' in html
    assert html.count(f'action="{reverse("switch_organization")}"') >= 3  # the header and one per organisation
    assert reverse("organizations:organization_list") in html and reverse("organizations:region_list") in html
    found = client.get(reverse("home"), {"q": "4034"})
    assert [o.name for o in found.context["organizations"]] == ["Tokke"]
    # Choosing one leads to its front page.
    chosen = client.post(reverse("switch_organization"), {"organization": world.other.pk, "next": "/"}, follow=True)
    assert chosen.context["current_organization"] == world.other
    assert "organizations" not in chosen.context


def test_someone_without_a_membership_is_told_to_ask_their_coordinator(client, world):
    client.force_login(world.users[OUTSIDER])
    response = client.get(reverse("home"))
    assert response.status_code == 200
    assert "organizations" not in response.context
    assert reverse("organizations:organization_list") in response.content.decode()


# ---------------------------------------------------------------- no debug pages by default


def test_not_found_is_ordens_own_page(client, world):
    work_in(client, world.users[Role.READER], world.own)
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "404.html" in [t.name for t in response.templates]


SHOW_404 = """
import django
from django.conf import settings
django.setup()
from django.test import Client
client = Client(HTTP_HOST="localhost")
response = client.get("/no-such-page/")
static = client.get("/static/orden/orden.css")  # development still serves static files
print(settings.DEBUG, response.status_code, "URLconf" in response.content.decode(), static.status_code)
"""


@pytest.mark.parametrize(("pages", "expected"), [(None, "False 404 False 200"), ("true", "True 404 True 200")])
def test_the_default_settings_show_the_real_not_found_page(tmp_path, pages, expected):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ORDEN_", "DJANGO_", "DATABASE_URL"))}
    env.update(DJANGO_SETTINGS_MODULE="orden.conf.settings", ORDEN_VAR_DIR=str(tmp_path))
    if pages:
        env["ORDEN_DEBUG_PAGES"] = pages
    result = subprocess.run(
        [sys.executable, "-c", SHOW_404],
        env=env,
        cwd=django_settings.SRC_DIR,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == expected


def test_an_add_form_opened_in_one_organisation_does_not_save_into_another(client, world):
    """Following a link into another organisation switches the current one; a form still open from before
    must not then add its row there."""
    from orden.portfolio.models import System

    coordinator = make_user("two-coordinators", world.own, Role.COORDINATOR)
    Membership.objects.create(organization=world.other, user=coordinator, role=Role.COORDINATOR)
    work_in(client, coordinator, world.own)
    form = client.get(reverse("portfolio:system_add"))
    assert f'name="base_organization" value="{world.own.pk}"' in form.content.decode()

    work_in(client, coordinator, world.other)  # e.g. a link into Tokke, opened in another tab
    data = {"name": "Skrive i feil kommune", "lifecycle": "in_use", "base_organization": world.own.pk}
    response = client.post(reverse("portfolio:system_add"), data)
    assert response.status_code == 409
    assert not System.objects.filter(name="Skrive i feil kommune").exists()
    # The form comes back marked with the organisation of now; saving it again is a deliberate choice.
    assert f'name="base_organization" value="{world.other.pk}"' in response.content.decode()
    again = client.post(reverse("portfolio:system_add"), {**data, "base_organization": world.other.pk})
    assert again.status_code == 302
    assert System.objects.get(name="Skrive i feil kommune").organization == world.other
