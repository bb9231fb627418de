"""The production shape on one machine (`make cluster`): PostgreSQL and Redis from the
environment, a daphne process for the host page, one for the DJ console and
GUEST_SERVERS for the guest page, a `runworker` process for each engine, and nginx in
front of them all on HOST:PORT, routing each page's paths to its servers
(deploy/frontdoor/routes.conf). Ctrl-C stops everything it started.

    make cluster                                   # local PostgreSQL and Redis, 2 guest servers
    GUEST_SERVERS=4 PORT=8080 make cluster
    DATABASE_URL=postgres://... REDIS_URL=redis://... make cluster

Each server and worker runs in a session of its own, so that Ctrl-C reaches only this
launcher, which then stops them in order: the front door first (no new requests), the
servers, the workers. If a server or the front door dies, the launcher stops the others
and exits 1; an engine worker that dies is reported, and the page servers answer in its
place (as they do when no worker answers in time).
"""

import getpass
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from liveparty.processes import ROOT, ProcessFailed, endpoint, free_port, wait_for_port

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/liveparty"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/0"
FRONT_DOOR = ROOT / "deploy" / "frontdoor"
# The same keep-alive as `make run`: idle sockets pinged every 15 s, dropped after 20 s.
DAPHNE_OPTIONS = ("--ping-interval", "15", "--ping-timeout", "20")
READY_TIMEOUT_S = 60
STOP_TIMEOUT_S = 10


@dataclass
class Process:
    name: str
    popen: subprocess.Popen
    log: Path
    url: str | None = None
    serves: str | None = None  # the page of a server (LIVEPARTY_SERVES)
    # An engine worker may stop: the page servers answer in its place (liveparty/engines).
    optional: bool = False


@dataclass
class Cluster:
    """`start()` (or `prepare()`, then `serve()`), and `stop()` whatever happened."""

    host: str = "127.0.0.1"
    port: int = 8000
    guest_servers: int = 2
    database_url: str = DEFAULT_DATABASE_URL
    redis_url: str = DEFAULT_REDIS_URL
    var_dir: Path = ROOT / "var"
    extra_env: dict[str, str] = field(default_factory=dict)
    processes: list[Process] = field(default_factory=list)
    demo_code: str | None = None  # the demo party (as `make run` loads one)

    @property
    def folder(self) -> Path:
        return self.var_dir / "cluster"

    @property
    def url(self) -> str:
        shown = "127.0.0.1" if self.host in {"0.0.0.0", "::", "[::]"} else self.host
        return f"http://{shown}:{self.port}"

    def env(self, **extra: str) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
        env.update(
            {
                "DATABASE_URL": self.database_url,
                "REDIS_URL": self.redis_url,
                "LIVEPARTY_ENGINES": "worker",
                "LIVEPARTY_PROXY_HOPS": "1",  # nginx: rate limits count the address it saw
                "LIVEPARTY_VAR_DIR": str(self.var_dir),
                "STATIC_ROOT": str(self.folder / "static"),
                "LISTEN_HOST": self.host,
                **self.extra_env,
                **extra,
            }
        )
        return env

    def start(self) -> None:
        self.prepare()
        self.serve()

    def prepare(self) -> None:
        """The database (created when missing, migrated), the catalog, the recommender's
        model, the static files and the demo party: what the servers read as they start."""
        self.folder.mkdir(parents=True, exist_ok=True)
        create_database(self.database_url)
        for command in (
            ["migrate", "--no-input"],
            ["load_catalog"],
            ["build_recommender"],
            ["collectstatic", "--no-input", "--verbosity", "0"],
        ):
            self.manage(*command)
        demo = self.manage("load_demo")
        self.demo_code = next(
            (
                line.removeprefix("Demo party code: ")
                for line in demo.splitlines()
                if line.startswith("Demo party code: ")
            ),
            None,
        )

    def serve(self) -> None:
        """The servers, the workers and the front door, each ready before this returns."""
        for name, serves in [("host", "host"), ("dj", "dj")] + [
            (f"guest-{i}", "guest") for i in range(1, self.guest_servers + 1)
        ]:
            self._server(name, serves)
        for engine in ("recommend", "mood"):
            self._worker(engine)
        for process in self.processes:
            if process.url:
                wait_until_ready(process.url, process.popen, process.log)
        self._front_door()
        wait_until_ready(self.url, self.processes[-1].popen, self.processes[-1].log)

    def stop(self) -> None:
        """The front door first, then the servers, then the workers (started in that
        order reversed): each asked to stop, then killed if it has not."""
        for process in reversed(self.processes):
            if process.popen.poll() is None:
                process.popen.terminate()
            try:
                process.popen.wait(STOP_TIMEOUT_S)
            except subprocess.TimeoutExpired:
                process.popen.kill()
                process.popen.wait()
        self.processes.clear()

    def dead(self) -> list[Process]:
        return [process for process in self.processes if process.popen.poll() is not None]

    def manage(self, *args: str) -> str:
        done = subprocess.run(
            [sys.executable, "manage.py", *args], cwd=ROOT, env=self.env(), capture_output=True, text=True, check=False
        )
        if done.returncode != 0:
            raise ProcessFailed(f"manage.py {' '.join(args)} failed:\n{done.stdout}{done.stderr}")
        return done.stdout

    def _spawn(
        self,
        name: str,
        command: list[str],
        env: dict[str, str],
        url: str | None = None,
        *,
        serves: str | None = None,
        optional: bool = False,
    ) -> Process:
        log = self.folder / f"{name}.log"
        with log.open("w") as out:
            popen = subprocess.Popen(
                command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
            )
        process = Process(name, popen, log, url, serves, optional)
        self.processes.append(process)
        return process

    def _server(self, name: str, serves: str) -> None:
        port = free_port()
        command = [sys.executable, "-m", "daphne", *DAPHNE_OPTIONS, "-e", endpoint(port), "liveparty.asgi:application"]
        env = self.env(LIVEPARTY_SERVES=serves)
        process = self._spawn(name, command, env, f"http://127.0.0.1:{port}", serves=serves)
        wait_for_port(port, process.popen, process.log)

    def _worker(self, engine: str) -> None:
        command = [sys.executable, "manage.py", "runworker", engine]
        self._spawn(f"{engine}-worker", command, self.env(), optional=True)

    def _front_door(self) -> None:
        nginx = shutil.which("nginx") or "/usr/sbin/nginx"
        if not Path(nginx).exists():
            raise ProcessFailed("nginx is not installed: `make cluster` installs it (apt-get install nginx)")
        config = self.folder / "nginx.conf"
        config.write_text(self.nginx_config())
        test = subprocess.run([nginx, "-t", "-p", str(self.folder), "-c", str(config)], capture_output=True, text=True)
        if test.returncode != 0:
            raise ProcessFailed(f"nginx refused its configuration:\n{test.stderr}")
        process = self._spawn("front-door", [nginx, "-p", str(self.folder), "-c", str(config)], self.env())
        wait_for_port(self.port, process.popen, process.log, host=self.host)

    def nginx_config(self) -> str:
        """nginx.conf for this machine: the front door's routes and its servers' ports."""
        folder = self.folder
        servers = {"host": [], "dj": [], "guest": []}
        for process in self.processes:
            if process.serves:
                servers[process.serves].append(process.url.removeprefix("http://"))

        def upstream(page: str, extra: str = "") -> str:
            lines = "".join(f"        server {address};\n" for address in servers[page])
            return f"    upstream liveparty_{page} {{\n{extra}{lines}        keepalive 16;\n    }}\n"

        # As root, nginx's workers would switch to `nobody`, who cannot write its folder.
        user = f"user {getpass.getuser()};\n" if os.geteuid() == 0 else ""
        upstreams = upstream("host") + upstream("dj") + upstream("guest", "        least_conn;\n")
        listen = f"[{self.host.strip('[]')}]:{self.port}" if ":" in self.host else f"{self.host}:{self.port}"
        return f"""# Written by `make cluster` (liveparty/serving/cluster.py) for this run.
{user}daemon off;
pid {folder}/nginx.pid;
error_log {folder}/front-door-error.log warn;
worker_processes auto;
events {{ worker_connections 16384; }}

http {{
    include /etc/nginx/mime.types;
    access_log {folder}/front-door-access.log;
    client_body_temp_path {folder}/nginx-body;
    proxy_temp_path {folder}/nginx-proxy;
    fastcgi_temp_path {folder}/nginx-fastcgi;
    uwsgi_temp_path {folder}/nginx-uwsgi;
    scgi_temp_path {folder}/nginx-scgi;
    include {FRONT_DOOR}/upgrade.conf;

{upstreams}
    server {{
        listen {listen} backlog=1024;
        location /static/ {{
            alias {folder}/static/;
            expires 1h;
        }}
        include {FRONT_DOOR}/routes.conf;
    }}
}}
"""


def create_database(url: str) -> None:
    """PostgreSQL's database, created when missing (`make cluster` on a fresh machine)."""
    if not url.startswith(("postgres://", "postgresql://")):
        return
    import psycopg

    base, name = url.rsplit("/", 1)
    name = name.split("?", 1)[0]
    with psycopg.connect(f"{base}/postgres", autocommit=True) as admin:
        if admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone() is None:
            admin.execute(f'CREATE DATABASE "{name}"')


def wait_until_ready(url: str, popen: subprocess.Popen, log: Path) -> None:
    """Until `url`/readyz answers 200: the server reaches the database and Redis."""
    deadline = time.monotonic() + READY_TIMEOUT_S
    last = "no answer"
    while time.monotonic() < deadline:
        if popen.poll() is not None:
            raise ProcessFailed(f"it exited before it was ready: {log.read_text()}")
        try:
            with urllib.request.urlopen(f"{url}/readyz", timeout=5) as response:
                if response.status == 200:
                    return
        except urllib.error.HTTPError as error:
            last = error.read().decode(errors="replace")
        except OSError as error:
            last = repr(error)
        time.sleep(0.2)
    raise ProcessFailed(f"{url} was not ready within {READY_TIMEOUT_S} s: {last}")


def main() -> int:
    cluster = Cluster(
        host=os.environ.get("HOST", "127.0.0.1"),
        port=int(os.environ.get("PORT", "8000")),
        guest_servers=int(os.environ.get("GUEST_SERVERS", "2")),
        database_url=os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL,
        redis_url=os.environ.get("REDIS_URL") or DEFAULT_REDIS_URL,
        var_dir=Path(os.environ.get("LIVEPARTY_VAR_DIR", ROOT / "var")),
    )
    stopping = False

    def stop(signum: int, frame: object) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    print(f"Starting the cluster: {cluster.guest_servers} guest servers, logs in {cluster.folder}", flush=True)
    try:
        cluster.start()
        for process in cluster.processes:
            where = f" on {process.url}" if process.url else ""
            print(f"started {process.name} (pid {process.popen.pid}){where}", flush=True)
        print(
            f"\nFront door: {cluster.url}\n"
            f"Host page:  {cluster.url}/host/\n"
            f"DJ pages:   {cluster.url}/dj/   (the demo party: /dj/{cluster.demo_code}/)\n"
            f"Guest page: {cluster.url}/e/{cluster.demo_code}/\n"
            f"Health:     {cluster.url}/healthz, {cluster.url}/readyz\n"
            "Ctrl-C stops everything.",
            flush=True,
        )
        told: set[str] = set()
        while not stopping:
            for dead in cluster.dead():
                if not dead.optional:
                    print(f"{dead.name} exited ({dead.popen.returncode}); see {dead.log}. Stopping.", flush=True)
                    return 1
                if dead.name not in told:
                    told.add(dead.name)
                    print(
                        f"{dead.name} exited ({dead.popen.returncode}); see {dead.log}. "
                        "The page servers answer in its place.",
                        flush=True,
                    )
            time.sleep(0.5)
        return 0
    except ProcessFailed as error:
        print(f"The cluster did not start: {error}", file=sys.stderr, flush=True)
        return 1
    finally:
        cluster.stop()
        print("Stopped: nothing of the cluster is left running.", flush=True)


if __name__ == "__main__":
    sys.exit(main())
