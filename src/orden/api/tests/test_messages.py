"""Every error the API answers is in the user's language: Orden's own messages, DRF's and Django's (through
Orden's catalogues, see orden.api.messages) and those the exception handler replaces.

A token user gets their profile language; a request without a valid token, whose user is unknown, gets the
language cookie (else bokmål). Each case runs in bokmål or nynorsk and again in English: the exact
Norwegian text is checked, and no English text of the same answer may appear in the Norwegian one.
"""

import io
import re

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.utils import translation
from rest_framework.test import APIClient
from rest_framework.throttling import UserRateThrottle

from orden.api.models import ApiToken, hash_token
from orden.core.roles import Role
from orden.portfolio.tests.specs import make_system, system_api_data

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def default_language_afterwards():
    yield
    translation.deactivate()  # the API activates the user's language; leave none behind for other tests


def as_user(user, language, **client_kwargs):
    user.language = language
    user.save(update_fields=["language"])
    client = APIClient(**client_kwargs)
    client.credentials(HTTP_AUTHORIZATION=f"Token {ApiToken.issue(user, 'test')[1]}")
    return client


def anonymous(language, authorization=None):
    client = APIClient()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    if authorization is not None:
        client.credentials(HTTP_AUTHORIZATION=authorization)
    return client


def detail(response):
    return [response.json()["detail"]]


def field(*names):
    return lambda response: [message for name in names for message in response.json()[name]]


class Setup:
    def __init__(self, world):
        self.world = world
        self.architect = world.users[Role.ARCHITECT]
        self.reader = world.users[Role.READER]
        self.own = make_system(world, world.own, 0)
        self.hidden = make_system(world, world.other, 1)

    def session(self, language):
        self.architect.language = language
        self.architect.save(update_fields=["language"])
        client = APIClient(enforce_csrf_checks=True)
        client.force_login(self.architect)
        return client


SYSTEMS = "/api/systems/"

# case: (request, expected status, what to compare, {language: expected texts})
CASES = {
    "no token": (
        lambda s, lang: anonymous(lang).get(SYSTEMS),
        401,
        detail,
        {"nb": ["Autentiseringsopplysninger mangler."], "nn": ["Autentiseringsopplysningar manglar."]},
    ),
    "wrong token": (
        lambda s, lang: anonymous(lang, "Token not-a-token").get(SYSTEMS),
        401,
        detail,
        {"nb": ["Ugyldig eller tilbaketrukket token."], "nn": ["Ugyldig eller tilbaketrekt token."]},
    ),
    "empty token": (
        lambda s, lang: anonymous(lang, "Token").get(SYSTEMS),
        401,
        detail,
        {
            "nb": ["Ugyldig Authorization-header: tokenet mangler."],
            "nn": ["Ugyldig Authorization-header: tokenet manglar."],
        },
    ),
    "403 may not confirm": (
        lambda s, lang: as_user(s.reader, lang).post(f"{SYSTEMS}{s.own.pk}/confirm/"),
        403,
        detail,
        {
            "nb": ["Du har ikke tilgang til å utføre denne handlingen."],
            "nn": ["Du har ikkje tilgang til å utføre denne handlinga."],
        },
    ),
    "403 may not add": (
        lambda s, lang: as_user(s.reader, lang).post(SYSTEMS, system_api_data(s.world, s.world.own, 1), format="json"),
        403,
        detail,
        {
            "nb": ["Du har ikke lov til å legge til dette her."],
            "nn": ["Du har ikkje løyve til å leggje til dette her."],
        },
    ),
    "403 csrf": (
        lambda s, lang: s.session(lang).post(SYSTEMS, {"organization": s.world.own.pk, "name": "S"}, format="json"),
        403,
        detail,
        {
            "nb": ["CSRF-kontrollen feilet. Send CSRF-tokenet i headeren X-CSRFToken."],
            "nn": ["CSRF-kontrollen feila. Send CSRF-tokenet i headeren X-CSRFToken."],
        },
    ),
    "404 hidden object": (
        lambda s, lang: as_user(s.architect, lang).get(f"{SYSTEMS}{s.hidden.pk}/"),
        404,
        detail,
        {
            "nb": ["Objektet finnes ikke, eller du har ikke tilgang til det."],
            "nn": ["Objektet finst ikkje, eller du har ikkje tilgang til det."],
        },
    ),
    "404 unknown history record": (
        lambda s, lang: as_user(s.architect, lang).post(f"{SYSTEMS}{s.own.pk}/history/999999/restore/"),
        404,
        detail,
        {
            "nb": ["Objektet finnes ikke, eller du har ikke tilgang til det."],
            "nn": ["Objektet finst ikkje, eller du har ikkje tilgang til det."],
        },
    ),
    "405": (
        lambda s, lang: as_user(s.architect, lang).delete(SYSTEMS),
        405,
        detail,
        {"nb": ["Metoden «DELETE» er ikke tillatt."], "nn": ["Metoden «DELETE» er ikkje tillaten."]},
    ),
    "400 required field": (
        lambda s, lang: as_user(s.architect, lang).post(SYSTEMS, {"organization": s.world.own.pk}, format="json"),
        400,
        field("name"),
        {"nb": ["Feltet må fylles ut."], "nn": ["Feltet må fyllast ut."]},
    ),
    "400 wrong type": (
        lambda s, lang: as_user(s.architect, lang).post(
            SYSTEMS,
            {"organization": s.world.own.pk, "name": "S", "user_count": "many", "product": "abc"},
            format="json",
        ),
        400,
        field("user_count", "product"),
        {
            "nb": ["Oppgi et gyldig heltall.", "Feil type. Forventet en ID, fikk str."],
            "nn": ["Oppgje eit gyldig heiltal.", "Feil type. Venta ein ID, fekk str."],
        },
    ),
    "400 unknown pk": (
        lambda s, lang: as_user(s.architect, lang).post(
            SYSTEMS, {"organization": s.world.own.pk, "name": "S", "vendor_contact": 999999}, format="json"
        ),
        400,
        field("vendor_contact"),
        {"nb": ["Ugyldig ID «999999»: objektet finnes ikke."], "nn": ["Ugyldig ID «999999»: objektet finst ikkje."]},
    ),
    "400 not json": (
        lambda s, lang: as_user(s.architect, lang).post(SYSTEMS, "not json", content_type="application/json"),
        400,
        detail,
        {
            "nb": ["Innholdet i forespørselen er ikke gyldig JSON (linje 1, kolonne 1)."],
            "nn": ["Innhaldet i førespurnaden er ikkje gyldig JSON (linje 1, kolonne 1)."],
        },
    ),
    "400 invalid filter": (
        lambda s, lang: as_user(s.architect, lang).get(SYSTEMS, {"lifecycle": "sometimes", "product": 999999}),
        400,
        field("lifecycle", "product"),
        {
            "nb": [
                "Velg et gyldig valg. sometimes er ikke et av de tilgjengelige valgene.",
                "Velg et gyldig valg. Valget er ikke et av de tilgjengelige valgene.",
            ],
            "nn": [
                "Vel eit gyldig val. sometimes er ikkje eitt av dei tilgjengelege vala.",
                "Vel eit gyldig val. Valet er ikkje eitt av dei tilgjengelege vala.",
            ],
        },
    ),
    "412 stale": (
        lambda s, lang: as_user(s.architect, lang).patch(
            f"{SYSTEMS}{s.own.pk}/", {"name": "New"}, format="json", HTTP_IF_MATCH=f'"{s.own.version + 1}"'
        ),
        412,
        detail,
        {
            "nb": ["Objektet er endret av noen andre etter versjonen du sendte; ingenting ble lagret."],
            "nn": ["Objektet er endra av nokon andre etter versjonen du sende; ingenting vart lagra."],
        },
    ),
    "428 without If-Match": (
        lambda s, lang: as_user(s.architect, lang).patch(f"{SYSTEMS}{s.own.pk}/", {"name": "New"}, format="json"),
        428,
        detail,
        {
            "nb": ["Send ETag-en til objektet i en If-Match-header for å endre det."],
            "nn": ["Send ETag-en til objektet i ein If-Match-header for å endre det."],
        },
    ),
}


def assert_not_english(response, english_texts):
    body = response.content.decode()
    for text in english_texts:
        assert text not in body, f"English {text!r} in {body}"
    assert "matches the given query" not in body


@pytest.mark.parametrize("language", ["nb", "nn"])
@pytest.mark.parametrize("case", list(CASES))
def test_errors_are_in_the_users_language(world, case, language):
    request, status, texts, expected = CASES[case]
    setup = Setup(world)
    response = request(setup, language)
    assert response.status_code == status, response.content
    assert texts(response) == expected[language]
    assert response["Content-Language"] == language

    english = request(setup, "en")
    assert english.status_code == status
    english_texts = texts(english)
    assert english_texts != expected[language] and all(text.isascii() for text in english_texts)
    assert_not_english(response, english_texts)


def test_english_users_get_the_english_messages(world):
    setup = Setup(world)
    client = as_user(setup.architect, "en")
    assert client.get(f"{SYSTEMS}{setup.hidden.pk}/").json() == {
        "detail": "The object does not exist, or you do not have access to it."
    }
    response = client.patch(f"{SYSTEMS}{setup.own.pk}/", {"name": "New"}, format="json")
    assert response.json() == {"detail": "Send the object's ETag in an If-Match header to change it."}


@pytest.fixture
def one_request_an_hour(monkeypatch):
    # DRF reads the rates when it defines the throttle class, so a settings override would not reach it.
    monkeypatch.setattr(UserRateThrottle, "THROTTLE_RATES", {**UserRateThrottle.THROTTLE_RATES, "user": "1/hour"})
    cache.clear()
    yield
    cache.clear()


@pytest.mark.parametrize(
    ("language", "pattern"),
    [
        ("nb", r"For mange forespørsler\. Prøv igjen om (\d+) sekunder\."),
        ("nn", r"For mange førespurnader\. Prøv igjen om (\d+) sekund\."),
    ],
)
def test_a_throttled_request_is_told_when_to_come_back_in_the_users_language(
    world, one_request_an_hour, language, pattern
):
    user = world.users[Role.READER]
    client = as_user(user, language)
    assert client.get(SYSTEMS).status_code == 200
    response = client.get(SYSTEMS)
    assert response.status_code == 429
    match = re.fullmatch(pattern, response.json()["detail"])
    assert match and 3500 < int(match[1]) <= 3600
    assert response["Retry-After"] == match[1]

    english = as_user(user, "en").get(SYSTEMS)
    assert english.status_code == 429
    assert re.fullmatch(r"Too many requests\. Try again in \d+ seconds\.", english.json()["detail"])
    assert_not_english(response, ["Request was throttled", "Too many requests", "Expected available"])


@pytest.mark.parametrize(
    ("language", "name"), [("nb", "kommandolinje"), ("nn", "kommandolinje"), ("en", "command line")]
)
def test_the_default_token_name_is_in_the_users_language(world, language, name):
    user = world.users[Role.READER]
    user.language = language
    user.save(update_fields=["language"])
    out = io.StringIO()
    call_command("create_api_token", user.username, stdout=out)
    assert user.api_tokens.get(key_hash=hash_token(out.getvalue().strip())).name == name
    assert ApiToken.issue(user)[0].name == name
    assert ApiToken.issue(user, "nightly export")[0].name == "nightly export"
