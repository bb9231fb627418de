"""Event codes cannot be found by trying: after CODE_MISSES.count codes that do not exist,
an address is refused for a while, for every code, on every way in (F12)."""

from liveparty.events.probing import CODE_MISSES


def probe(client, address: str) -> None:
    for n in range(CODE_MISSES.count):
        assert client.get(f"/e/ZZZ{n:03}/", REMOTE_ADDR=address).status_code == 404


def test_a_prober_is_refused_even_the_real_code_and_others_are_not(client, event):
    probe(client, "198.51.100.7")
    for path in (f"/e/{event.code}/", f"/api/events/{event.code}"):
        refused = client.get(path, REMOTE_ADDR="198.51.100.7")
        assert refused.status_code == 429
        assert int(refused["Retry-After"]) > 0
    assert client.get(f"/api/events/{event.code}", REMOTE_ADDR="198.51.100.7").json()["error"]["code"] == "rate_limited"
    assert client.get(f"/e/{event.code}/", REMOTE_ADDR="203.0.113.9").status_code == 200


def test_a_guest_who_misses_inside_a_real_party_is_not_a_prober(client, event):
    for _ in range(CODE_MISSES.count + 5):
        assert client.get(f"/api/events/{event.code}/requests/999999", REMOTE_ADDR="198.51.100.7").status_code in {
            401,
            404,
            405,
        }
    assert client.get(f"/e/{event.code}/", REMOTE_ADDR="198.51.100.7").status_code == 200


def test_behind_the_front_door_the_address_is_the_one_it_saw(client, event, settings):
    settings.PROXY_HOPS = 1
    probe_from = {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "10.0.0.1, 198.51.100.7"}
    for n in range(CODE_MISSES.count):
        client.get(f"/e/ZZZ{n:03}/", **probe_from)
    assert client.get(f"/e/{event.code}/", **probe_from).status_code == 429
    neighbour = {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "198.51.100.8"}
    assert client.get(f"/e/{event.code}/", **neighbour).status_code == 200
