"""Load the maintained lists of system categories and standards (src/orden/catalog/reference_data.py)."""

from django.db import migrations


def load(apps, schema_editor):
    from orden.catalog.reference_data import CATEGORIES, STANDARDS

    Category = apps.get_model("catalog", "Category")
    Standard = apps.get_model("catalog", "Standard")
    for order, (slug, name_nb, name_nn, name_en) in enumerate(CATEGORIES, start=1):
        Category.objects.update_or_create(
            slug=slug, defaults={"name_nb": name_nb, "name_nn": name_nn, "name_en": name_en, "sort_order": order * 10}
        )
    for name, description, url in STANDARDS:
        Standard.objects.update_or_create(name=name, defaults={"description": description, "url": url})


class Migration(migrations.Migration):
    dependencies = [("catalog", "0002_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
