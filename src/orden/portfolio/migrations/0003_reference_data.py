"""Load the KOSTRA functions, the Los sectors and the Kommune-Los common services (portfolio/reference/)."""

import json
from pathlib import Path

from django.db import migrations

REFERENCE = Path(__file__).resolve().parents[1] / "reference"


def load(apps, schema_editor):
    from orden.portfolio.reference.kostra import KOSTRA_FUNCTIONS

    KostraFunction = apps.get_model("portfolio", "KostraFunction")
    Sector = apps.get_model("portfolio", "Sector")
    ServiceTemplate = apps.get_model("portfolio", "ServiceTemplate")
    functions = {}
    for code, name_nb, name_nn, name_en in KOSTRA_FUNCTIONS:
        functions[code], _ = KostraFunction.objects.update_or_create(
            code=code, defaults={"label_nb": name_nb, "label_nn": name_nn, "label_en": name_en}
        )
    sectors = {}
    for entry in json.loads((REFERENCE / "kommune_los.json").read_text(encoding="utf-8")):
        uri = entry["sector_uri"]
        if uri not in sectors:
            sectors[uri], _ = Sector.objects.update_or_create(
                uri=uri,
                defaults={"label_nb": entry["sector_nb"], "label_nn": entry["sector_nn"], "label_en": entry["sector_en"]},
            )
        ServiceTemplate.objects.update_or_create(
            uri=entry["uri"],
            defaults={
                "label_nb": entry["label_nb"],
                "label_nn": entry["label_nn"],
                "label_en": entry["label_en"],
                "sector": sectors[uri],
                "kostra_function": functions.get(entry["kostra_function"]),
            },
        )


class Migration(migrations.Migration):
    dependencies = [("portfolio", "0002_kostrafunction_sector_system_last_reviewed_and_more")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
