"""`makemessages` with stable output, so that `make messages` changes only the messages that changed.

Django's defaults wrap long lines, write `file:line` locations, let msgmerge add fuzzy guesses and stamp a
new POT-Creation-Date on every run, so each run rewrote the catalogues wholesale. This subclass fixes the
format, and a run that changes no message leaves the .po files byte-identical.
"""

import re
from pathlib import Path

from django.core.management.base import CommandError
from django.core.management.commands import makemessages

# --sort-output orders entries by msgid, so an entry's place never depends on where the code uses it:
# moving or renaming code changes at most its `#:` line. (--sort-by-file would move whole entries.)
STABLE = ["--no-wrap", "--add-location=file", "--sort-output"]
CREATION_DATE = re.compile(rb'^"POT-Creation-Date: [^"]*"\n', re.MULTILINE)


def without_creation_date(content):
    return CREATION_DATE.sub(b"", content, count=1)


class Command(makemessages.Command):
    xgettext_options = makemessages.Command.xgettext_options + STABLE
    msguniq_options = makemessages.Command.msguniq_options + STABLE
    # New or changed msgids arrive with an empty msgstr, never as a fuzzy guess.
    msgmerge_options = makemessages.Command.msgmerge_options + STABLE + ["--no-fuzzy-matching"]
    msgattrib_options = makemessages.Command.msgattrib_options + STABLE

    def handle(self, *args, **options):
        makemessages.check_programs("xgettext", "msguniq", "msgmerge", "msgattrib")
        if self.gettext_version < (0, 19):  # --add-location=file
            raise CommandError("GNU gettext 0.19 or newer is required.")
        return super().handle(*args, **options)

    def write_po_file(self, potfile, locale):
        pofile = Path(potfile).parent / locale / "LC_MESSAGES" / f"{self.domain}.po"
        old = pofile.read_bytes() if pofile.exists() else None
        super().write_po_file(potfile, locale)
        # Django 5.2 always takes the new POT-Creation-Date; keep the old file when nothing else changed.
        if old is not None:
            new = pofile.read_bytes()
            if new != old and without_creation_date(new) == without_creation_date(old):
                pofile.write_bytes(old)
