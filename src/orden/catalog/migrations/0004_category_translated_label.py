"""Categories use the one translated-label base of core (label_nb/nn/en, as sectors and KOSTRA functions)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("catalog", "0003_reference_data")]

    operations = [
        migrations.RenameField("category", "name_nb", "label_nb"),
        migrations.RenameField("category", "name_nn", "label_nn"),
        migrations.RenameField("category", "name_en", "label_en"),
        migrations.AlterField(
            "category", "label_nb", models.CharField(max_length=200, verbose_name="name (bokmål)")
        ),
        migrations.AlterField(
            "category", "label_nn", models.CharField(max_length=200, verbose_name="name (nynorsk)")
        ),
        migrations.AlterField(
            "category", "label_en", models.CharField(max_length=200, verbose_name="name (English)")
        ),
        migrations.AlterModelOptions(
            name="category",
            options={
                "ordering": ["sort_order", "label_nb"],
                "verbose_name": "category",
                "verbose_name_plural": "categories",
            },
        ),
    ]
