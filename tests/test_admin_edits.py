"""Edits in the admin reach what processes cache: the catalog's index, the recommender's registry."""

from django.contrib import admin
from django.test import RequestFactory, TestCase

from liveparty.catalog.models import Song
from liveparty.catalog.search import catalog_version
from liveparty.recommend import blend
from liveparty.recommend.blend import Registry
from liveparty.recommend.models import Algorithm


def test_a_song_edited_in_the_admin_moves_the_catalog_version_on_commit(db, admin_user):
    request = RequestFactory().post("/admin/")
    request.user = admin_user
    before = catalog_version()
    with TestCase.captureOnCommitCallbacks(execute=True):
        admin.site._registry[Song].save_model(request, Song(title="Waterloo", artist="ABBA"), None, False)
        assert catalog_version() == before
    assert catalog_version() != before


def test_an_algorithm_edited_in_the_admin_is_read_again_at_once(db, admin_user):
    Registry.load()
    assert blend._registry is not None
    request = RequestFactory().post("/admin/")
    request.user = admin_user
    algorithm = Algorithm.objects.first()
    algorithm.enabled = False
    admin.site._registry[Algorithm].save_model(request, algorithm, None, True)
    assert blend._registry is None
    assert algorithm.name not in {entry[0].name for entry in Registry.load().entries}
