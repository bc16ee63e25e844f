"""The bench's public-catalogue cases: which organisations make the 5,000-dataset catalogue, and how the results
are reported (the measuring itself runs in ``manage.py bench``; a smoke run is ``--size demo``)."""

import pytest

from orden.bench import dcat
from orden.datasets.models import DataService, Dataset
from orden.organizations.testing import make_organization

RESULT = {
    "serialisation": {
        "organizations": 3,
        "datasets": 12,
        "distributions": 10,
        "triples": 600,
        "graph_queries": 7,
        "graph_queries_for_few": 7,
        "few_organizations": 2,
        "repeat": 2,
        "formats": {
            "ttl": {
                "format": "Turtle",
                "bytes": 9000,
                "median_ms": 12.0,
                "build_median_ms": 5.0,
                "baseline": {"median_ms": 10.0, "bytes": 9500},
                "ratio": 1.2,
                "meets_ratio": True,
            },
            "rdf": {
                "format": "RDF/XML",
                "bytes": 12000,
                "median_ms": 20.0,
                "build_median_ms": 5.0,
                "baseline": {"median_ms": 10.0, "bytes": 12500},
                "ratio": 2.0,
                "meets_ratio": False,
            },
        },
        "validation": {
            "2.2": {"ms": 1500, "cpu_ms": 1400, "findings": 3, "violations": 0, "ratio_to_turtle_baseline": 150},
            "3.0": {"ms": 2500, "cpu_ms": 2400, "findings": 1, "violations": 1, "ratio_to_turtle_baseline": 250},
        },
    },
    "harvest": {
        "organization": {"name": "Vinje", "organization_number": "994036002", "datasets": 5},
        "url": "/dcat/994036002",
        "bytes": 4000,
        "cache": "LocMemCache",
        "floor": {"median_ms": 1.0, "queries": 0},
        "plain": {"median_ms": 1.5, "queries": 1, "ratio": 1.5, "meets_ratio": True},
        "conditional": {"median_ms": 2.5, "queries": 1, "ratio": 2.5, "meets_ratio": False},
        "session_floor_ms": 3.0,
    },
    "national": {
        "url": "/dcat/",
        "bytes": 20000,
        "organizations": 3,
        "datasets": 12,
        "distributions": 10,
        "fresh": {"median_ms": 40.0, "queries": 8},
        "cached": {"median_ms": 2.0, "queries": 1},
        "one_catalogue_queries": 8,
        "one_catalogue": "994036002",
    },
}


def dataset(org, title, published=True):
    return Dataset.objects.create(organization=org, title_nb=title, description_nb="Data.", published=published)


@pytest.mark.django_db
def test_the_catalogue_is_made_of_the_first_organisations_that_reach_the_target():
    first, second, third = (make_organization(f"Org {n}", f"400{n}", f"99000000{n}") for n in (1, 2, 3))
    for n in range(3):
        dataset(first, f"A{n}")
        dataset(second, f"B{n}")
    dataset(second, "Draft", published=False)
    dataset(third, "C")
    organizations, total = dcat.serialisation_organizations(target=4)
    assert list(organizations) == [first, second] and total == 6
    organizations, total = dcat.serialisation_organizations(target=100)
    assert list(organizations) == [first, second, third] and total == 7
    assert dcat.largest_catalogue() == (first, 3)  # the first of the largest, by organisation number

    DataService.objects.create(
        organization=third,
        title_nb="API",
        description_nb="Ett API.",
        endpoint_url="https://x.example.no/api",
        published=True,
    )
    assert list(dcat.few_organizations(organizations)) == [third]


def test_the_results_say_what_missed_its_aim():
    misses = list(dcat.misses("sqlite", RESULT))
    assert misses == [
        "sqlite: serialising RDF/XML: 2.0x rdflib's own serialisation (aim < 1.5x)",
        "sqlite: the catalogue has 1 violations of DCAT-AP-NO 3.0",
        "sqlite: harvest (conditional): 2.5x the empty view (aim < 2x)",
    ]
    assert list(dcat.misses("sqlite", None)) == []
    table = "\n".join(dcat.table_lines(RESULT))
    assert "Turtle" in table and "1.20x yes" in table and "2.00x NO" in table and "/dcat/" in table
    markdown = "\n".join(dcat.markdown_lines(RESULT))
    assert "| RDF/XML | 20 ms | 5 ms | 10 ms | 2.00× | 0.0 MB | **no** |" in markdown
    assert "once per version, not repeated" in markdown and "0.50×" in markdown  # against the signed-in view
    without = {**RESULT, "serialisation": {**RESULT["serialisation"], "validation": {}}}
    assert "Not validated in this database's run" in "\n".join(dcat.markdown_lines(without))
