"""The bokmål and nynorsk catalogues are complete, and the compiled catalogues are loaded.

After adding UI strings: `make messages`, translate the new entries in src/orden/locale/{nb,nn}, then
`make install` compiles them.
"""

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.conf import settings
from django.utils import translation

LOCALE_DIR = Path(settings.LOCALE_PATHS[0])
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")
# Aliases, so that makemessages does not extract the strings this test looks up.
lookup = translation.gettext
lookup_plural = translation.ngettext


def catalogue(language):
    with open(LOCALE_DIR / language / "LC_MESSAGES" / "django.po", "rb") as file:
        return read_po(file, locale=language)


def messages(language):
    return [message for message in catalogue(language) if message.id]


def as_tuple(value):
    return value if isinstance(value, tuple) else (value,)


@pytest.mark.parametrize("language", ["nb", "nn"])
def test_every_message_is_translated(language):
    untranslated = [message.id for message in messages(language) if not all(as_tuple(message.string))]
    assert not untranslated, f"{len(untranslated)} untranslated message(s) in {language}: {untranslated}"


@pytest.mark.parametrize("language", ["nb", "nn"])
def test_no_fuzzy_translations(language):
    cat = catalogue(language)
    assert not cat.fuzzy, f"the header of {language}/django.po is marked fuzzy, so the catalogue is not compiled"
    fuzzy = [message.id for message in cat if message.id and message.fuzzy]
    assert not fuzzy, f"{len(fuzzy)} fuzzy message(s) in {language}: {fuzzy}"


@pytest.mark.parametrize("language", ["nb", "nn"])
def test_translations_keep_the_placeholders(language):
    wrong = []
    for message in messages(language):
        ids, strings = as_tuple(message.id), as_tuple(message.string)
        expected = set(PLACEHOLDER.findall(ids[-1]))
        # The singular form may leave out a placeholder of the plural (e.g. the count), never add one.
        allowed = set().union(*(PLACEHOLDER.findall(msgid) for msgid in ids))
        for index, string in enumerate(strings):
            found = set(PLACEHOLDER.findall(string))
            is_plural_form = index > 0 or len(strings) == 1
            if not found <= allowed or (is_plural_form and found != expected):
                wrong.append((message.id, string))
    assert not wrong, f"placeholders differ in {language}: {wrong}"


def test_compiled_catalogues_are_loaded():
    with translation.override("nb"):
        assert lookup("Save") == "Lagre", "the compiled catalogues are missing: run `make install`"
        assert lookup("System owner") == "Systemeier"
        assert lookup_plural("%(counter)s row", "%(counter)s rows", 2) == "%(counter)s rader"
    with translation.override("nn"):
        assert lookup("System owner") == "Systemeigar"
    with translation.override("en"):
        assert lookup("Save") == "Save"
