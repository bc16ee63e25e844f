"""Reference data Orden ships with: the KOSTRA function list and the Kommune-Los services.

Nothing here reads files outside this package at runtime. ``kommune_los.json`` is produced from the Los RDF
by ``build_los.py`` and committed; see README.md in this folder.
"""

import json
from pathlib import Path

KOMMUNE_LOS_JSON = Path(__file__).with_name("kommune_los.json")


def kommune_los() -> list[dict]:
    """The committed Kommune-Los services (one dict per Los word), sorted by Norwegian Bokmål label.

    Reads the file on each call, so callers (such as data migrations) get their own list to change.
    """
    with KOMMUNE_LOS_JSON.open(encoding="utf-8") as fh:
        return json.load(fh)
