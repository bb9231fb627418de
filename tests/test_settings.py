"""Settings come from the environment; each case runs in a fresh interpreter."""

import json
import secrets
import subprocess
import sys

from liveparty.processes import ROOT, embedded_env

PRINT_SETTINGS = """
import json, django
from django.conf import settings
django.setup()
print(json.dumps({
    "engine": settings.DATABASES["default"]["ENGINE"],
    "name": str(settings.DATABASES["default"]["NAME"]),
    "layer": settings.CHANNEL_LAYERS["default"]["BACKEND"],
    "news_layer": settings.CHANNEL_LAYERS["news"]["BACKEND"],
    "pool_class": settings.CACHES["default"].get("OPTIONS", {}).get("pool_class"),
    "cache": settings.CACHES["default"]["BACKEND"],
    "debug": settings.DEBUG,
    "hosts": settings.ALLOWED_HOSTS,
    "secret": settings.SECRET_KEY,
    "pool": settings.DATABASES["default"].get("OPTIONS", {}).get("pool"),
    "engines": settings.ENGINES,
    "model": str(settings.RECOMMENDER_MODEL),
    "layer_config": {k: v for k, v in settings.CHANNEL_LAYERS["default"].get("CONFIG", {}).items() if k != "hosts"},
    "cache_prefix": settings.CACHES["default"].get("KEY_PREFIX"),
    "serves": sorted(settings.SERVES),
}))
"""


def read_settings(env: dict[str, str]) -> subprocess.CompletedProcess:
    env = {**env, "DJANGO_SETTINGS_MODULE": "liveparty.settings"}
    return subprocess.run(
        [sys.executable, "-c", PRINT_SETTINGS], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )


def settings_for(env: dict[str, str]) -> dict:
    done = read_settings(env)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_the_embedded_default_is_sqlite_in_var_and_the_in_memory_layer(tmp_path):
    values = settings_for(embedded_env(tmp_path))
    assert values["engine"] == "django.db.backends.sqlite3"
    assert values["name"] == str(tmp_path / "liveparty.sqlite3")
    assert values["layer"] == values["news_layer"] == "channels.layers.InMemoryChannelLayer"
    assert values["cache"] == "django.core.cache.backends.locmem.LocMemCache"
    assert values["engines"] == "in-process"
    assert values["model"] == str(tmp_path / "recommender" / "model.npz")


def test_database_url_and_redis_url_select_the_production_services(tmp_path):
    env = embedded_env(
        tmp_path,
        DATABASE_URL="postgres://party@db:5432/liveparty",
        REDIS_URL="redis://cache:6379/0",
        DB_POOL_MAX_SIZE="7",
        SECRET_KEY="k" * 60,
    )
    values = settings_for(env)
    assert values["engine"] == "django.db.backends.postgresql"
    assert values["name"] == "liveparty"
    assert values["pool"]["max_size"] == 7
    assert values["layer"] == "channels_redis.core.RedisChannelLayer"  # engines' jobs wait in a queue
    assert values["news_layer"] == "channels_redis.pubsub.RedisPubSubChannelLayer"
    assert values["cache"] == "liveparty.redis_pool.RedisCache"
    assert values["pool_class"] == "liveparty.redis_pool.SharedConnectionPool"
    assert values["engines"] == "worker"


def test_the_engines_can_stay_in_process_with_redis_but_workers_need_it(tmp_path):
    redis = {"REDIS_URL": "redis://cache:6379/0"}
    assert settings_for(embedded_env(tmp_path, LIVEPARTY_ENGINES="in-process", **redis))["engines"] == "in-process"
    done = read_settings(embedded_env(tmp_path, LIVEPARTY_ENGINES="worker"))
    assert done.returncode != 0
    assert "LIVEPARTY_ENGINES=worker needs REDIS_URL" in done.stderr
    done = read_settings(embedded_env(tmp_path, LIVEPARTY_ENGINES="elsewhere"))
    assert done.returncode != 0
    assert "LIVEPARTY_ENGINES must be" in done.stderr


def test_a_local_secret_key_is_generated_once_and_kept(tmp_path):
    first = settings_for(embedded_env(tmp_path))["secret"]
    assert len(first) >= 50
    assert settings_for(embedded_env(tmp_path))["secret"] == first
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


def test_debug_is_off_unless_asked_for(tmp_path):
    """`HOST=0.0.0.0 make run` serves a party's Wi-Fi: no tracebacks or settings for anyone."""
    assert settings_for(embedded_env(tmp_path, DEBUG=""))["debug"] is False
    assert settings_for(embedded_env(tmp_path, DEBUG="1"))["debug"] is True


def check_deploy(env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_deploy_check_passes_with_the_production_environment(tmp_path):
    production = {"SECRET_KEY": secrets.token_urlsafe(50), "ALLOWED_HOSTS": "party.example", "DEBUG": ""}
    plain = check_deploy(embedded_env(tmp_path, **production))
    assert plain.returncode != 0
    for warning in ("W004", "W008", "W012", "W016"):
        assert warning in plain.stderr
    https = {"HTTPS": "1", "HSTS_INCLUDE_SUBDOMAINS": "1", "HSTS_PRELOAD": "1"}
    done = check_deploy(embedded_env(tmp_path, **production, **https))
    assert done.returncode == 0, done.stderr


def test_production_takes_its_secret_key_and_hosts_from_the_environment(tmp_path):
    values = settings_for(embedded_env(tmp_path, DEBUG="", SECRET_KEY="s" * 60, ALLOWED_HOSTS="party.example, x.test"))
    assert (values["debug"], values["secret"], values["hosts"]) == (False, "s" * 60, ["party.example", "x.test"])


def test_a_misspelt_debug_is_an_error_not_a_guess(tmp_path):
    done = read_settings(embedded_env(tmp_path, DEBUG="maybe"))
    assert done.returncode != 0
    assert "DEBUG must be" in done.stderr


def test_production_static_files_are_hashed_and_the_module_imports_follow(tmp_path):
    env = embedded_env(tmp_path, DEBUG="0", SECRET_KEY="s" * 60, STATIC_ROOT=str(tmp_path / "static"))
    done = subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--no-input"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    manifest = json.loads((tmp_path / "static" / "staticfiles.json").read_text())["paths"]
    guest_js = (tmp_path / "static" / manifest["guest_app/guest.js"]).read_text()
    client = manifest["liveparty/party-client.js"].removeprefix("liveparty/")
    assert f"../liveparty/{client}" in guest_js
    assert (tmp_path / "static" / (manifest["guest_app/guest.js"] + ".gz")).exists()


def test_a_redis_namespace_keeps_one_databases_groups_and_replies_apart(tmp_path):
    shared = {"REDIS_URL": "redis://cache:6379/0"}
    plain = settings_for(embedded_env(tmp_path, **shared))
    assert (plain["layer_config"]["prefix"], plain["cache_prefix"]) == ("asgi", "")
    apart = settings_for(embedded_env(tmp_path, **shared, LIVEPARTY_REDIS_NAMESPACE="tent"))
    assert (apart["layer_config"]["prefix"], apart["cache_prefix"]) == ("asgi.tent", "tent")


def test_the_channel_layer_and_the_pages_served_are_chosen_by_name(tmp_path):
    pubsub = settings_for(embedded_env(tmp_path, REDIS_URL="redis://cache:6379/0", LIVEPARTY_CHANNEL_LAYER="pubsub"))
    assert pubsub["news_layer"] == "channels_redis.pubsub.RedisPubSubChannelLayer"
    lists = settings_for(embedded_env(tmp_path, REDIS_URL="redis://cache:6379/0", LIVEPARTY_CHANNEL_LAYER="redis"))
    assert lists["news_layer"] == lists["layer"] == "channels_redis.core.RedisChannelLayer"
    assert settings_for(embedded_env(tmp_path, LIVEPARTY_SERVES="guest, dj"))["serves"] == ["dj", "guest"]
    for wrong in ({"LIVEPARTY_CHANNEL_LAYER": "kafka"}, {"LIVEPARTY_SERVES": "guest,bar"}):
        done = read_settings(embedded_env(tmp_path, **wrong))
        assert done.returncode != 0
        assert "ImproperlyConfigured" in done.stderr


def test_a_killed_process_stays_in_its_groups_an_hour_at_most(tmp_path):
    config = settings_for(embedded_env(tmp_path, REDIS_URL="redis://cache:6379/0"))["layer_config"]
    assert config["group_expiry"] == 3600
