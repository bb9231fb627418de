from django.contrib import admin
from django.db.models import Model, QuerySet
from django.http import HttpRequest

from liveparty.recommend.blend import forget_registry
from liveparty.recommend.models import Algorithm, ScalingFactors, TrackCoefficient


class RegistryAdmin(admin.ModelAdmin):
    """The registry is cached per process (blend.Registry): an edit here is used at once."""

    def save_model(self, request: HttpRequest, obj: Model, form: object, change: bool) -> None:
        super().save_model(request, obj, form, change)
        forget_registry()

    def delete_model(self, request: HttpRequest, obj: Model) -> None:
        super().delete_model(request, obj)
        forget_registry()

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet) -> None:
        super().delete_queryset(request, queryset)
        forget_registry()


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
