"""LiveParty settings: one module, every deployment knob read from the environment.

Unset variables give the embedded default (`make run`): a SQLite file and the
in-memory channel layer, all under the git-ignored `var/` folder, DEBUG off. Production
(docker-compose.yml) sets SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL and REDIS_URL, and
HTTPS=1 behind a TLS front door. DEBUG=1 is for a developer's machine.
"""

import os
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from liveparty.local_key import local_secret_key
from liveparty.network import ALL_INTERFACES, lan_address

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("LIVEPARTY_VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)


def env_bool(name: str, default: bool) -> bool:
    """Read a yes/no variable; anything but a known spelling is a configuration error."""
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be 1/0, true/false, yes/no or on/off, not {raw!r}")


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


# Off unless asked for (DEBUG=1, a developer's machine): the embedded default is served to
# a party's Wi-Fi (HOST=0.0.0.0 make run), where tracebacks, settings and URL lists must
# not be shown to anyone who types a wrong address.
DEBUG = env_bool("DEBUG", False)

# Processes that share LIVEPARTY_VAR_DIR (one machine, `make cluster`) share the key
# generated there; containers that share no folder must be given SECRET_KEY
# (docker-compose.yml refuses to start without it).
SECRET_KEY = os.environ.get("SECRET_KEY") or local_secret_key(VAR_DIR / "secret_key")

# The address guests' phones open (the join link and its QR code), e.g.
# http://192.168.1.20:8000 or https://party.example.org; liveparty/public_url.py says
# what is used when it is unset.
PUBLIC_URL = os.environ.get("PUBLIC_URL", "").strip()
# Where the server listens (`make run` passes its HOST): on every interface, phones on the
# Wi-Fi reach it at this machine's local address, which the join link then uses.
LISTEN_HOST = os.environ.get("LISTEN_HOST", "127.0.0.1").strip()


def reachable_hosts() -> list[str]:
    """The default ALLOWED_HOSTS: this machine, and the names phones are given for it."""
    hosts = ["localhost", "127.0.0.1", "[::1]"]
    if PUBLIC_URL:
        hosts.append(urlsplit(PUBLIC_URL).hostname or "")
    if LISTEN_HOST in ALL_INTERFACES and lan_address():
        hosts.append(lan_address())
    return [host for host in hosts if host]


ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", reachable_hosts())
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

# How many front doors of ours a request passes (`make cluster` and docker-compose.yml have
# one: nginx). Rate limits count by the client's address, which is then the one the
# outermost front door saw (liveparty/network.py); 0 trusts no X-Forwarded-For at all.
PROXY_HOPS = int(os.environ.get("LIVEPARTY_PROXY_HOPS", "0"))

# HTTPS=1: the site is served over HTTPS, TLS ending at the front door, which says so in
# X-Forwarded-Proto (deploy/frontdoor/routes.conf sets it, whatever the client sent).
# Django then trusts that header, sends plain HTTP over to HTTPS, marks its cookies
# secure and asks browsers to keep to HTTPS (HSTS): `manage.py check --deploy` passes.
HTTPS = env_bool("HTTPS", False)
if HTTPS:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
    # Probes from inside the cluster (compose, an orchestrator) speak plain HTTP.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("HSTS_SECONDS", 365 * 24 * 3600))
    # Opt-in: they bind every subdomain of the party's domain, or browsers' built-in lists.
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("HSTS_INCLUDE_SUBDOMAINS", False)
    SECURE_HSTS_PRELOAD = env_bool("HSTS_PRELOAD", False)

INSTALLED_APPS = [
    "daphne",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "channels",
    "ninja",  # /api/docs from its own static files (Swagger UI), not a CDN
    "liveparty.accounts",
    "liveparty.catalog",
    "liveparty.events",
    "liveparty.updates",
    "liveparty.song_requests",
    "liveparty.presence",
    "liveparty.mood",
    "liveparty.recommend",
    "liveparty.state",
    "liveparty.recap",
    "consumers",
    "event_host",
    "dj_console",
    "guest_app",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "liveparty.serving.content_security.content_security_policy",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "liveparty.serving.pages.ServedPagesMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "api.middleware.json_errors",
    "liveparty.serving.code_probing.code_probing",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

# The pages this process serves (liveparty/serving/pages.py): all of them by default; in
# the cluster (`make cluster`, docker-compose.yml) one per process behind the front door.
PAGES = {"host", "dj", "guest"}
SERVES = set(env_list("LIVEPARTY_SERVES", sorted(PAGES)))
if not SERVES or SERVES - PAGES:
    raise ImproperlyConfigured(f"LIVEPARTY_SERVES must name pages among host, dj and guest, not {sorted(SERVES)}")

ROOT_URLCONF = "liveparty.urls"
ASGI_APPLICATION = "liveparty.asgi.application"
WSGI_APPLICATION = None

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "liveparty" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# SQLite is tuned so that one process can take a house party's burst of writes:
# WAL lets readers run beside the writer, IMMEDIATE takes the write lock at BEGIN
# (no deadlock-prone lock upgrades), and the timeout makes writers queue instead of
# failing with "database is locked".
SQLITE_OPTIONS = {
    "transaction_mode": "IMMEDIATE",
    "timeout": 30,
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
}

# A process's threads that use the database (its HTTP_LANES, the sockets' one, the health
# checks' and the engines' own) each take a connection while they work: a pool per process
# hands them out and makes the rest wait instead of hitting PostgreSQL's max_connections.
# Size it so that processes x DB_POOL_MAX_SIZE stays under the server's limit.
POSTGRES_POOL = {
    "min_size": 2,
    "max_size": int(os.environ.get("DB_POOL_MAX_SIZE", "20")),
    # While PostgreSQL is away an action waits this long for a connection, then answers
    # an error: a page must not hang on a party whose database restarts.
    "timeout": 5,
}
# HTTP requests of one process in their middleware and view at once (serving/http_handler.py):
# more only queue in PostgreSQL on the same party's rows, and cost the CPU they wait on.
HTTP_LANES = int(os.environ.get("LIVEPARTY_HTTP_LANES", "4"))
# A server that does not answer a connection (its host gone) is given up on this soon.
POSTGRES_CONNECT_TIMEOUT_S = 3

DATABASES = {
    "default": dj_database_url.parse(os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'liveparty.sqlite3'}")
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = SQLITE_OPTIONS
    # Tests that use threads need a file: an in-memory database is private to one connection.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / f"test-{os.getpid()}.sqlite3")}
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"]["OPTIONS"] = {"pool": POSTGRES_POOL, "connect_timeout": POSTGRES_CONNECT_TIMEOUT_S}

REDIS_URL = os.environ.get("REDIS_URL", "")

# Each server process has one channel that carries every update for its connections
# (consumers/fanout.py): a burst must not overflow it (Channels' default is 100).
CHANNEL_CAPACITY = 2000

# A receive waits on Redis with a blocking pop of 5 s (channels_redis' brpop_timeout);
# redis-py 8 reads with a 5 s socket timeout by default, so an idle channel's empty
# answer could come a moment too late and end its reader with TimeoutError (an engine
# worker idle for 5 s exited). The socket waits longer than the pop.
REDIS_SOCKET_TIMEOUT_S = 15

# How long Redis keeps a channel in a group it was not renewed in (channels_redis'
# default is a day). A process killed with -9 never leaves its groups: each update then
# goes on being queued for its dead channel until this expiry. Live processes renew
# theirs four times as often (consumers/fanout.py).
CHANNEL_GROUP_EXPIRY_S = 3600

# Two channel layers (settings aliases). "default" carries the engines' questions and jobs
# (liveparty/engines): channels_redis' RedisChannelLayer, whose lists keep a job until a
# worker takes it. "news" carries updates, notices, presence and suggestions to the
# server processes' fan-outs (consumers/fanout.py), on the layer LIVEPARTY_CHANNEL_LAYER
# names: "pubsub" (Redis PUBLISH: no queue, nothing kept for a reader that is away; the
# update log repairs a loss) or "redis" (lists and sorted sets, up to a capacity).
# benchmarks/cluster.py measures both; pubsub delivered sooner at every crowd size and
# took a burst of requests faster (benchmarks/README.md), so it is the default.
CHANNEL_LAYER_BACKENDS = {
    "redis": "channels_redis.core.RedisChannelLayer",
    "pubsub": "channels_redis.pubsub.RedisPubSubChannelLayer",
}
CHANNEL_LAYER = os.environ.get("LIVEPARTY_CHANNEL_LAYER", "pubsub")
if CHANNEL_LAYER not in CHANNEL_LAYER_BACKENDS:
    raise ImproperlyConfigured(f"LIVEPARTY_CHANNEL_LAYER must be redis or pubsub, not {CHANNEL_LAYER!r}")

# Groups and cached replies are named by the database's ids (event.2, a reply to action
# "a1" of user 4 at event 2): two databases sharing one Redis (two deployments, a
# benchmark's scratch database) must each have a namespace of their own, or one's
# updates and replies reach the other's parties.
REDIS_NAMESPACE = os.environ.get("LIVEPARTY_REDIS_NAMESPACE", "")

if REDIS_URL:
    layer_config = {
        "hosts": [{"address": REDIS_URL, "socket_timeout": REDIS_SOCKET_TIMEOUT_S}],
        "prefix": f"asgi.{REDIS_NAMESPACE}" if REDIS_NAMESPACE else "asgi",
        "capacity": CHANNEL_CAPACITY,
        "group_expiry": CHANNEL_GROUP_EXPIRY_S,
    }
    CHANNEL_LAYERS = {
        "default": {"BACKEND": CHANNEL_LAYER_BACKENDS["redis"], "CONFIG": layer_config},
        "news": {"BACKEND": CHANNEL_LAYER_BACKENDS[CHANNEL_LAYER], "CONFIG": layer_config},
    }
    CACHES = {
        "default": {
            "BACKEND": "liveparty.redis_pool.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": REDIS_NAMESPACE,
            # One pool per process (liveparty/redis_pool.py): a caller waits up to `timeout`
            # seconds for one of its `max_connections`.
            "OPTIONS": {"pool_class": "liveparty.redis_pool.SharedConnectionPool", "max_connections": 50, "timeout": 5},
        }
    }
else:
    CHANNEL_LAYERS = {
        alias: {"BACKEND": "channels.layers.InMemoryChannelLayer", "CONFIG": {"capacity": CHANNEL_CAPACITY}}
        for alias in ("default", "news")
    }
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Where the engines run: "in-process" (threads of each server) or "worker" (`manage.py
# runworker recommend` processes over the channel layer; needs REDIS_URL). The default
# follows the channel layer: workers are only reachable through Redis.
ENGINES = os.environ.get("LIVEPARTY_ENGINES", "worker" if REDIS_URL else "in-process")
if ENGINES not in {"in-process", "worker"}:
    raise ImproperlyConfigured(f"LIVEPARTY_ENGINES must be in-process or worker, not {ENGINES!r}")
if ENGINES == "worker" and not REDIS_URL:
    raise ImproperlyConfigured("LIVEPARTY_ENGINES=worker needs REDIS_URL: workers are reached through Redis")
# The recommender's similarity model, written by `manage.py build_recommender`.
# WebSocket frames written straight to daphne's sockets (consumers/transport.py); "0"
# sends them through the ASGI `send` instead (slower, and independent of daphne's internals).
WEBSOCKET_FAST_PATH = os.environ.get("LIVEPARTY_WEBSOCKET_FAST_PATH", "1") != "0"
RECOMMENDER_MODEL = Path(os.environ.get("RECOMMENDER_MODEL", VAR_DIR / "recommender" / "model.npz"))

# Selfies are request bodies (api/moods.py): room for a phone's full-size photo, which
# the mood engine then checks itself (liveparty/mood/faces.py).
DATA_UPLOAD_MAX_MEMORY_SIZE = 8 * 1024 * 1024

# The mood engine's network: "auto" (a MoodCNN trained with `manage.py train_mood` when
# one is saved at MOOD_TRAINED_MODEL, else the pretrained FER2013 network of the
# facial-emotion-recognition package), "pretrained", or the path of a saved MoodCNN.
MOOD_MODEL = os.environ.get("MOOD_MODEL", "auto")
MOOD_TRAINED_MODEL = Path(os.environ.get("MOOD_TRAINED_MODEL", VAR_DIR / "mood" / "moodcnn.pt"))

# The bundled catalog, fetched by `make catalog` (liveparty/catalog/chinook.py).
CHINOOK_FIXTURE = Path(os.environ.get("CHINOOK_FIXTURE", BASE_DIR / "var" / "catalog" / "chinook.json"))

# Optional: `manage.py import_spotify` and the DJs' playlist exports need them; never committed, never logged.
SPOTIFY_CLIENT_ID = os.environ.get("SPOTIFY_CLIENT_ID", "")
SPOTIFY_CLIENT_SECRET = os.environ.get("SPOTIFY_CLIENT_SECRET", "")
SPOTIFY_API_URL = os.environ.get("SPOTIFY_API_URL", "https://api.spotify.com/v1/")
SPOTIFY_TOKEN_URL = os.environ.get("SPOTIFY_TOKEN_URL", "https://accounts.spotify.com/api/token")
# Where a DJ's browser goes to connect their Spotify account (playlist exports).
SPOTIFY_AUTHORIZE_URL = os.environ.get("SPOTIFY_AUTHORIZE_URL", "https://accounts.spotify.com/authorize")

AUTH_USER_MODEL = "accounts.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

# Static files are served by the app itself (WhiteNoise): a party may have no internet and
# no other web server. Production collects them (hashed, compressed) with collectstatic.
STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "liveparty" / "static"]
WHITENOISE_USE_FINDERS = DEBUG
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "liveparty.storage.StaticStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
LOGIN_URL = "event_host:login"
LOGIN_REDIRECT_URL = "event_host:home"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}
