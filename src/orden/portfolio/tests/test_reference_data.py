"""Checks of the committed reference data: Kommune-Los services and KOSTRA functions (no database)."""

import json
import os
import re
from collections import Counter
from pathlib import Path

import pytest

from orden.portfolio.reference import KOMMUNE_LOS_JSON, kommune_los
from orden.portfolio.reference.kostra import KOSTRA_CODES, KOSTRA_FUNCTIONS

REPO_ROOT = Path(__file__).resolve().parents[4]
# The Los RDF lives outside the repository (the steering repo's shared/ folder); ORDEN_LOS_RDF can point elsewhere.
LOS_RDF = Path(os.environ.get("ORDEN_LOS_RDF", REPO_ROOT.parent / "shared" / "standards" / "los" / "all.rdf"))

FIELDS = {
    "uri",
    "slug",
    "label_nb",
    "label_nn",
    "label_en",
    "theme_uri",
    "theme_nb",
    "sector_uri",
    "sector_nb",
    "sector_nn",
    "sector_en",
    "other_sector_uris",
    "kostra_function",
}


@pytest.fixture(scope="module")
def services():
    return kommune_los()


def test_kostra_functions_are_unique_three_digit_codes_with_three_names():
    codes = [code for code, *_ in KOSTRA_FUNCTIONS]
    assert len(codes) == len(set(codes)) == len(KOSTRA_CODES)
    assert codes == sorted(codes)
    for code, nb, nn, en in KOSTRA_FUNCTIONS:
        assert re.fullmatch(r"\d{3}", code)
        assert nb.strip() and nn.strip() and en.strip(), code


def test_kommune_los_has_229_unique_los_words(services):
    assert len(services) == 229
    uris = [s["uri"] for s in services]
    assert len(set(uris)) == 229
    assert all(uri.startswith("https://psi.norge.no/los/ord/") for uri in uris)
    assert all(s["slug"] == s["uri"].rsplit("/", 1)[-1] for s in services)


def test_every_service_has_labels_and_a_sector(services):
    for s in services:
        assert set(s) == FIELDS, s["uri"]
        for field in ("label_nb", "label_nn", "label_en", "theme_nb", "sector_nb", "sector_nn", "sector_en"):
            assert s[field] and s[field].strip() and s[field] != "*", (s["uri"], field)
        assert s["theme_uri"].startswith("https://psi.norge.no/los/tema/")
        assert s["sector_uri"].startswith("https://psi.norge.no/los/tema/")
        assert s["sector_uri"] not in s["other_sector_uris"]


def test_sectors_are_at_most_the_14_los_main_themes(services):
    sectors = Counter(s["sector_uri"] for s in services)
    assert 1 <= len(sectors) <= 14
    # One label set per sector.
    labels = {(s["sector_uri"], s["sector_nb"], s["sector_nn"], s["sector_en"]) for s in services}
    assert len(labels) == len(sectors)


def test_kostra_functions_exist_and_cover_most_services(services):
    mapped = [s for s in services if s["kostra_function"] is not None]
    for s in mapped:
        assert s["kostra_function"] in KOSTRA_CODES, s["uri"]
    assert len(mapped) / len(services) >= 0.8


def test_committed_json_matches_a_fresh_build():
    if not LOS_RDF.is_file():
        pytest.skip(f"Los RDF not found at {LOS_RDF}; set ORDEN_LOS_RDF to check kommune_los.json against it")
    pytest.importorskip("rdflib")
    from orden.portfolio.reference.build_los import build, dump

    fresh = build(LOS_RDF)
    assert fresh == json.loads(KOMMUNE_LOS_JSON.read_text(encoding="utf-8"))
    assert dump(fresh) == KOMMUNE_LOS_JSON.read_text(encoding="utf-8")
