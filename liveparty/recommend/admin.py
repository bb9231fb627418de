from django.contrib import admin

from liveparty.recommend.models import Algorithm, ScalingFactors, TrackCoefficient


@admin.register(Algorithm)
class AlgorithmAdmin(admin.ModelAdmin):
    list_display = ["name", "algorithm_type", "scope", "enabled", "callable"]
    list_filter = ["algorithm_type", "enabled"]


@admin.register(ScalingFactors)
class ScalingFactorsAdmin(admin.ModelAdmin):
    list_display = ["algorithm_type", "weight", "like", "dislike", "pivot"]


@admin.register(TrackCoefficient)
class TrackCoefficientAdmin(admin.ModelAdmin):
    list_display = ["song", "algorithm", "scope", "account", "guest", "event", "coefficient", "updated_at"]
    list_filter = ["algorithm", "scope"]
    raw_id_fields = ["song", "account", "guest", "event"]
