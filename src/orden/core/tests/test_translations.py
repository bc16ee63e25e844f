"""The bokmål and nynorsk catalogues are complete and up to date, and the compiled catalogues are loaded.

After adding UI strings: `make messages`, translate the new entries in src/orden/locale/{nb,nn}, then
`make install` compiles them (docs/translations.md).
"""

import ast
import functools
import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.conf import settings
from django.utils import translation
from django.utils.translation.template import templatize

LOCALE_DIR = Path(settings.LOCALE_PATHS[0])
SOURCE_DIR = Path(__file__).resolve().parents[2]  # src/orden
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


LINE_NUMBER = re.compile(r"^#: .*:\d+(\s|$)")
KEYWORD = re.compile(r'(msgctxt|msgid|msgid_plural|msgstr(\[\d+\])?) "')


@pytest.mark.parametrize("language", ["nb", "nn", "en"])
def test_catalogues_have_the_stable_format(language):
    """The format `make messages` writes (docs/translations.md), which keeps its diffs small: `pybabel update`
    or Django's own makemessages would bring back wrapping and line numbers. Obsolete entries count too."""
    text = (LOCALE_DIR / language / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8")
    wrong = []
    segments = []  # the quoted parts of the string being read
    for number, line in enumerate(text.splitlines() + [""], start=1):
        line = line.removeprefix("#~ ")
        if LINE_NUMBER.match(line):
            wrong.append(f"{number}: a line number in the location")
        if line.startswith("#,") and "fuzzy" in line:
            wrong.append(f"{number}: a fuzzy flag")
        if re.match(r"#~?\s*\|", line):
            wrong.append(f"{number}: a previous msgid")
        if line.startswith('"'):
            segments.append(line)
            continue
        # Without wrapping a string spans lines only after a \n: `msgid ""`, then one line per \n.
        if len(segments) > 1 and (segments[0] != '""' or not all(s.endswith('\\n"') for s in segments[1:-1])):
            wrong.append(f"{number - len(segments)}: a wrapped string")
        segments = [line.split(" ", 1)[1]] if KEYWORD.match(line) else []
    assert not wrong, f"{language}/django.po is not in the format of `make messages`, run it: {wrong[:20]}"


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


# The check below that the catalogues are not stale does without GNU gettext (CI lacks it). It finds the
# messages the way `makemessages` does: templates go through Django's own `templatize` (the step that
# turns {% translate %} and {% blocktranslate %} into gettext calls for xgettext), and Python files are
# parsed with `ast`. Only calls whose arguments are plain string literals count (and none inside f-strings,
# which xgettext skips), so it cannot report a message that makemessages would not extract.
SINGULAR = {"_", "gettext", "gettext_lazy", "gettext_noop"}
PLURAL = {"ngettext", "ngettext_lazy"}
CONTEXT = {"pgettext", "pgettext_lazy"}
CONTEXT_PLURAL = {"npgettext", "npgettext_lazy"}
STRING = r"""[urUR]?(?:'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")"""
TEMPLATE_CALL = re.compile(
    rf"(?<![\w.])(_|gettext|ngettext|pgettext|npgettext)\(\s*({STRING}(?:\s*,\s*{STRING})*)\s*(?:,\s*count\s*)?\)"
)


def message_key(name, args):
    """(context, msgid, msgid_plural) for a call of a gettext function with these literal arguments."""
    if name in SINGULAR and len(args) >= 1:
        return None, args[0], None
    if name in PLURAL and len(args) >= 2:
        return None, args[0], args[1]
    if name in CONTEXT and len(args) >= 2:
        return args[0], args[1], None
    if name in CONTEXT_PLURAL and len(args) >= 3:
        return args[0], args[1], args[2]
    return None


def python_messages(path):
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    # xgettext does not look into f-strings, so neither does this: `f"{_('x')}"` is never translated.
    in_f_strings = {id(inner) for node in ast.walk(tree) if isinstance(node, ast.JoinedStr) for inner in ast.walk(node)}
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or id(node) in in_f_strings:
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else None
        args = []
        for arg in node.args:
            if not (isinstance(arg, ast.Constant) and isinstance(arg.value, str)):
                break
            args.append(arg.value)
        key = message_key(name, args) if name else None
        if key and key[1]:
            yield key, node.lineno


def template_messages(path):
    source = templatize(path.read_text(encoding="utf-8"), origin=str(path))
    for match in TEMPLATE_CALL.finditer(source):
        args = [ast.literal_eval(literal) for literal in re.findall(STRING, match[2])]
        key = message_key(match[1], args)
        if key and key[1]:
            yield key, source.count("\n", 0, match.start()) + 1


@functools.cache
def used_messages():
    """{(context, msgid, msgid_plural): first place it is used} for the messages in src/orden."""
    found = {}
    for path in sorted(SOURCE_DIR.rglob("*")):
        if LOCALE_DIR in path.parents or not path.is_file():
            continue
        if path.suffix == ".py":
            extract = python_messages
        elif path.suffix in (".html", ".txt"):
            extract = template_messages
        else:
            continue
        for key, line in extract(path):
            found.setdefault(key, f"{path.relative_to(SOURCE_DIR.parents[1])}:{line}")
    return found


def test_the_scan_finds_messages():
    found = used_messages()
    assert (None, "Save", None) in found
    assert (None, "Edit %(counter)s selected row", "Edit %(counter)s selected rows") in found  # blocktranslate
    assert len(found) > 300


@pytest.mark.parametrize("language", ["nb", "nn"])
def test_every_message_in_the_code_is_in_the_catalogue(language):
    cat = catalogue(language)
    stale = []
    for (context, msgid, plural), where in used_messages().items():
        message = cat.get(msgid, context=context)
        expected = (msgid, plural) if plural is not None else msgid
        if message is None or message.id != expected:
            stale.append(f"{where}: {expected!r}")
    assert not stale, (
        f"{len(stale)} message(s) are missing from {language}/django.po or have another plural there: run "
        f"`make messages` and translate them. " + "; ".join(stale)
    )
