"""The README stays true: its commands, options and error codes exist, and vice versa."""

from __future__ import annotations

import re
from pathlib import Path

from extractor.errors import ErrorCode
from service.cli import build_parser

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def _subcommands() -> dict:
    parser = build_parser()
    action = next(a for a in parser._actions if a.dest == "command")
    return action.choices  # type: ignore[return-value]


def test_readme_gives_the_two_commands() -> None:
    assert "make run" in README and "make test" in README


def test_every_command_and_option_is_documented() -> None:
    for name, sub in _subcommands().items():
        assert f"### `patti {name}" in README, f"patti {name} is not documented"
        for action in sub._actions:
            for flag in action.option_strings:
                if flag not in ("-h", "--help"):
                    assert f"`{flag}" in README, f"patti {name} {flag} is not documented"
    for action in build_parser()._actions:
        for flag in action.option_strings:
            if flag not in ("-h", "--help"):
                assert f"`{flag}" in README or f"{flag}`" in README, f"patti {flag} is not documented"


def test_documented_commands_exist() -> None:
    documented = set(re.findall(r"### `patti (\w+)", README))
    assert documented == set(_subcommands())


def test_every_error_code_is_documented_and_no_other() -> None:
    section = README.split("Error codes", 1)[1].split("\n## ", 1)[0]
    documented = set(re.findall(r"^\| `([a-z_]+)` \| ", section, re.M))
    assert documented == {code.value for code in ErrorCode}


def test_every_data_file_is_documented() -> None:
    data = Path(__file__).resolve().parents[1] / "extractor" / "data"
    for path in data.iterdir():
        if path.suffix in (".toml", ".txt", ".tsv"):
            assert f"`{path.name}`" in README, f"{path.name} is not documented in the README"


def test_every_route_is_documented_and_no_other() -> None:
    from service.main import create_app

    paths = create_app(start_workers=False).openapi()["paths"]
    routes = {
        f"{method.upper()} {path}".replace("{document_id}", "{id}").replace("{job_id}", "{id}")
        for path, operations in paths.items()
        for method in operations
    }
    section = README.split("## HTTP API", 1)[1].split("\n## ", 1)[0]
    documented = set(re.findall(r"`((?:GET|POST|PUT|PATCH|DELETE) /[^`]*)`", section))
    assert documented == routes


def test_every_setting_is_documented() -> None:
    from service.settings import Settings

    section = README.split("### Settings", 1)[1].split("\n## ", 1)[0]
    documented = set(re.findall(r"^\| `(PATTI_[A-Z_]+)` \|", section, re.M))
    assert documented == {f"PATTI_{name.upper()}" for name in Settings.model_fields}


def test_every_web_page_is_documented() -> None:
    from service.web.pages import public_router, router

    pages = {
        route.path for r in (router, public_router) for route in r.routes if "GET" in getattr(route, "methods", ())
    }
    section = README.split("## Web page", 1)[1].split("\n## ", 1)[0]
    documented = set(re.findall(r"^\| `(/[^`]*)` \|", section, re.M))
    assert documented == {path.replace("{document_id}", "{id}") for path in pages}
