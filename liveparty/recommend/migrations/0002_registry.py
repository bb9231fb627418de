"""The algorithms of the original design and their types' scaling factors."""

from django.db import migrations

from liveparty.recommend.defaults import ALGORITHMS, FACTORS, install


def register(apps, schema_editor) -> None:
    install(apps.get_model("recommend", "Algorithm"), apps.get_model("recommend", "ScalingFactors"))


def unregister(apps, schema_editor) -> None:
    apps.get_model("recommend", "Algorithm").objects.filter(name__in=[a[0] for a in ALGORITHMS]).delete()
    apps.get_model("recommend", "ScalingFactors").objects.filter(algorithm_type__in=[f[0] for f in FACTORS]).delete()


class Migration(migrations.Migration):
    dependencies = [("recommend", "0001_initial")]

    operations = [migrations.RunPython(register, unregister)]
