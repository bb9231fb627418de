"""Admin pages whose edits a process caches: each save or delete calls the page's
`edited` once, explicitly, where a model signal would hide the effect."""

from collections.abc import Callable

from django.contrib import admin
from django.db.models import Model, QuerySet
from django.http import HttpRequest


class EditsNoticed(admin.ModelAdmin):
    edited: Callable[[], None]  # set by each page, e.g. `staticmethod(catalog_changed)`

    def save_model(self, request: HttpRequest, obj: Model, form: object, change: bool) -> None:
        super().save_model(request, obj, form, change)
        self.edited()

    def delete_model(self, request: HttpRequest, obj: Model) -> None:
        super().delete_model(request, obj)
        self.edited()

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet) -> None:
        super().delete_queryset(request, queryset)
        self.edited()
