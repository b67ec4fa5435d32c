import os
import subprocess
import sys
from pathlib import Path

TWINNING = [sys.executable, "-m", "twinning"]


def _run(*args, **env):
    # The browser tests' async-safety switch must not leak into a deployment check.
    inherited = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    return subprocess.run(
        [*TWINNING, *args],
        capture_output=True,
        text=True,
        env={**inherited, **env},
        timeout=120,
        check=False,
    )


PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "x" * 64 + "a-production-secret-with-enough-variety-1234567890",
    "ALLOWED_HOSTS": "twinning.example.org",
}


def _deploy_check(tmp_path, **env):
    return _run(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        **PRODUCTION,
        TWINNING_DATA_DIR=str(tmp_path),
        **env,
    )


def test_deploy_check_passes_in_production_mode(tmp_path):
    result = _deploy_check(tmp_path, SITE_URL="https://twinning.example.org")

    assert (result.returncode, result.stderr) == (0, "")


def test_deploy_check_fails_without_the_sites_public_address(tmp_path):
    result = _deploy_check(tmp_path, SITE_URL="")

    assert result.returncode == 1
    assert "(twinning.E001) SITE_URL is not set" in result.stderr
    assert "HINT: Set SITE_URL to the site's public https address" in result.stderr


def test_deploy_check_fails_with_a_loopback_site_address(tmp_path):
    result = _deploy_check(tmp_path, SITE_URL="https://127.0.0.1:8000")

    assert result.returncode == 1
    assert (
        "(twinning.E001) SITE_URL is https://127.0.0.1:8000, an address of this machine only"
        in result.stderr
    )


def test_secret_key_is_generated_once_in_the_data_folder(tmp_path):
    env = {"TWINNING_DATA_DIR": str(tmp_path), "SECRET_KEY": ""}

    _run("check", **env)
    first = (tmp_path / ".secret_key").read_text()
    _run("check", **env)

    assert (tmp_path / ".secret_key").read_text() == first
    assert len(first.strip()) == 100


def test_load_mission_cities_refuses_a_missing_file_with_one_line(tmp_path):
    result = _run(
        "load_mission_cities", str(tmp_path / "missing.csv"), TWINNING_DATA_DIR=str(tmp_path)
    )

    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        f"CommandError: cannot read {tmp_path / 'missing.csv'}: No such file or directory"
    ]


def test_load_mission_cities_refuses_a_file_without_the_columns(tmp_path):
    bad = Path(tmp_path / "bad.csv")
    bad.write_text("city,nation\nTorino,IT\n", encoding="utf-8")

    result = _run("load_mission_cities", str(bad), TWINNING_DATA_DIR=str(tmp_path))

    assert result.returncode == 2
    assert result.stderr.strip() == (
        f"CommandError: {bad} lacks the columns: country, name, name_en"
    )
