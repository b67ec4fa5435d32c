"""The container image and compose file name commands, files and settings that exist."""

import json
import re
import shlex
from pathlib import Path

import yaml
from django.core.management import get_commands, load_command_class

REPOSITORY = Path(__file__).resolve().parents[2]
COMPOSE = yaml.safe_load((REPOSITORY / "compose.yaml").read_text())
CONTAINERFILE = (REPOSITORY / "Containerfile").read_text()


def _instructions() -> list[tuple[str, str]]:
    """(instruction, arguments) of the Containerfile, continuation lines joined."""
    joined = re.sub(r"\\\n", " ", CONTAINERFILE)
    lines = [line.strip() for line in joined.splitlines()]
    return [tuple(line.split(None, 1)) for line in lines if line and not line.startswith("#")]


def _twinning_calls() -> list[list[str]]:
    """Every `twinning …` the image and the compose services run, as argument lists."""
    calls = []
    for instruction, arguments in _instructions():
        if instruction == "CMD":
            calls.append(json.loads(arguments))
        elif instruction == "RUN":
            for command in re.split(r"&&|;", arguments):
                words = shlex.split(command)
                while words and "=" in words[0]:  # VARIABLE=value before the command
                    words.pop(0)
                if words[:1] == ["twinning"]:
                    calls.append(words)
    for service in COMPOSE["services"].values():
        if service.get("command"):
            calls.append(service["command"])
    return [call for call in calls if call[0] == "twinning"]


def test_every_twinning_command_of_the_image_and_compose_exists_with_its_options():
    commands = get_commands()
    calls = _twinning_calls()

    named = sorted({call[1] for call in calls})
    assert named == ["collectstatic", "migrate", "serve", "worker"]
    for call in calls:
        command = load_command_class(commands[call[1]], call[1])
        # Unknown options or arguments would make the parser exit.
        command.create_parser("twinning", call[1]).parse_args(call[2:])


def test_compose_runs_the_database_a_migration_the_server_and_two_workers():
    services = COMPOSE["services"]

    assert sorted(services) == ["db", "migrate", "web", "worker"]
    assert services["web"]["command"][:2] == ["twinning", "serve"]
    assert services["worker"]["command"] == ["twinning", "worker"]
    assert services["worker"]["deploy"]["replicas"] == 2
    for name in ("web", "worker"):
        assert services[name]["depends_on"]["migrate"] == {
            "condition": "service_completed_successfully"
        }
    assert services["migrate"]["restart"] == "no"


def test_compose_keeps_uploads_in_the_images_data_folder_on_a_volume():
    data_dir = re.search(r"TWINNING_DATA_DIR=(\S+)", CONTAINERFILE).group(1)

    for name in ("migrate", "web", "worker"):
        assert COMPOSE["services"][name]["volumes"] == [f"uploads:{data_dir}"]
    assert set(COMPOSE["volumes"]) == {"pgdata", "uploads"}


def test_the_image_runs_as_a_user_other_than_root_from_the_deploy_lock():
    users = [arguments for instruction, arguments in _instructions() if instruction == "USER"]
    runs = " ".join(arguments for instruction, arguments in _instructions() if instruction == "RUN")

    assert users == ["twinning"]
    assert "--require-hashes --no-deps -r /tmp/requirements-deploy.lock" in runs


def _pins(lock: str) -> dict[str, str]:
    text = (REPOSITORY / lock).read_text()
    return dict(re.findall(r"^([A-Za-z0-9_.\-]+)==([^\s;\\]+)", text, re.M))


def test_the_deploy_lock_pins_the_versions_of_the_full_lock():
    full, deploy = _pins("requirements.lock"), _pins("requirements-deploy.lock")

    assert {name: full.get(name) for name in deploy} == deploy
    assert {"django", "gunicorn", "psycopg", "weasyprint", "whitenoise"} <= set(deploy)
    assert "pytest" not in deploy


def test_every_setting_of_the_example_env_file_is_in_the_readme():
    example = (REPOSITORY / "compose.env.example").read_text()
    readme = (REPOSITORY / "README.md").read_text()

    variables = set(re.findall(r"^#? ?([A-Z][A-Z0-9_]+)=", example, re.M))

    assert variables
    assert sorted(v for v in variables if f"`{v}`" not in readme) == []
