"""The production stack as docs/deploy.md runs it: gunicorn, production settings, WhiteNoise."""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.core.test_settings_and_cli import production_env, run_commonweal


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str, **headers: str) -> tuple[int, dict, bytes]:
    request = urllib.request.Request(url, headers={"Host": "commonweal.example.org", **headers})
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@pytest.fixture
def production_server(tmp_path: Path):
    env = production_env(
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        COMMONWEAL_STATIC_ROOT=str(tmp_path / "static"),
    )
    for command in (("migrate", "-v0"), ("collectstatic", "--noinput", "-v0")):
        done = run_commonweal(*command, env=env, cwd=tmp_path)
        assert done.returncode == 0, done.stderr
    port = free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "commonweal.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
        ],
        cwd=tmp_path,
        env={"PATH": os.environ["PATH"], "HOME": str(tmp_path), **env},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            time.sleep(0.2)
    yield base
    server.terminate()
    server.wait(timeout=10)


def test_gunicorn_serves_pages_over_https_only_with_security_headers(production_server):
    status, headers, _ = fetch(f"{production_server}/")
    assert status == 301 and headers["Location"].startswith("https://")
    status, headers, body = fetch(f"{production_server}/", **{"X-Forwarded-Proto": "https"})
    assert status == 200 and b"Commonweal" in body
    assert headers["Strict-Transport-Security"].startswith("max-age=31536000")
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["X-Content-Type-Options"] == "nosniff"


def test_whitenoise_serves_hashed_static_files_with_long_caching(production_server):
    status, _, body = fetch(f"{production_server}/", **{"X-Forwarded-Proto": "https"})
    stylesheet = body.decode().split('rel="stylesheet" href="')[1].split('"')[0]
    assert ".css" in stylesheet and stylesheet != "/static/commonweal/site.css"  # hashed name
    status, headers, _ = fetch(f"{production_server}{stylesheet}", **{"X-Forwarded-Proto": "https"})
    assert status == 200
    assert "max-age=315360000" in headers["Cache-Control"]


def test_an_unknown_host_is_refused(production_server):
    status, _, _ = fetch(
        f"{production_server}/", Host="attacker.example", **{"X-Forwarded-Proto": "https"}
    )
    assert status == 400
