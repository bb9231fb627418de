from django.contrib import admin

from liveparty.admin_edits import EditsNoticed
from liveparty.recommend.blend import forget_registry
from liveparty.recommend.models import Algorithm, ScalingFactors, TrackCoefficient


class RegistryAdmin(EditsNoticed):
    """The registry is cached per process (blend.Registry): an edit here is used at once."""

    edited = staticmethod(forget_registry)


@admin.register(Algorithm)
class AlgorithmAdmin(RegistryAdmin):
    list_display = ["name", "algorithm_type", "scope", "enabled", "callable"]
    list_filter = ["algorithm_type", "enabled"]


@admin.register(ScalingFactors)
class ScalingFactorsAdmin(RegistryAdmin):
    list_display = ["algorithm_type", "weight", "like", "dislike", "pivot"]


@admin.register(TrackCoefficient)
class TrackCoefficientAdmin(admin.ModelAdmin):
    list_display = ["song", "algorithm", "scope", "account", "guest", "event", "coefficient", "updated_at"]
    list_filter = ["algorithm", "scope"]
    raw_id_fields = ["song", "account", "guest", "event"]
