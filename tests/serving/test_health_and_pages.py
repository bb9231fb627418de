"""/healthz, /readyz and the pages a process serves, in this process (the cluster's own
processes are tests/cluster/)."""

import pytest

from liveparty.processes import free_port

pytestmark = pytest.mark.django_db(transaction=True)


async def test_healthz_says_the_process_is_up_and_what_it_serves(async_client):
    response = await async_client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "serves": ["dj", "guest", "host"]}
    assert "no-cache" in response["Cache-Control"]


async def test_readyz_checks_the_database_and_the_channel_layer(async_client):
    response = await async_client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "ready", "checks": {"database": "ok", "channel_layer": "ok"}}


async def test_readyz_fails_while_the_channel_layer_is_unreachable(async_client, settings):
    settings.CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {"hosts": [f"redis://127.0.0.1:{free_port()}/0"]},
        }
    }
    response = await async_client.get("/readyz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "not_ready"
    assert body["checks"]["database"] == "ok"
    assert "Connection" in body["checks"]["channel_layer"]


@pytest.mark.parametrize(
    ("serves", "path", "status"),
    [
        (["guest"], "/host/", 404),
        (["guest"], "/stats/", 404),
        (["guest"], "/dj/", 404),
        (["host"], "/host/login/", 200),
        (["dj", "host"], "/dj/", 302),  # to the login page: served
        (["guest"], "/api/openapi.json", 200),  # the API is every server's
        (["guest"], "/healthz", 200),
    ],
)
def test_a_server_refuses_the_pages_it_does_not_serve(client, settings, serves, path, status):
    settings.SERVES = set(serves)
    response = client.get(path)
    assert response.status_code == status
    if status == 404:
        assert "open it through the front door" in response.content.decode()
