"""``skillgraph token create``: tokens the service accepts, and clear errors."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import jwt
import pytest

from skillgraph.auth import Role, TokenKeys, Viewer
from skillgraph.cli import main
from skillgraph.commands.token import parse_ttl

SECRET = "the-secret-of-the-token-command-tests-0123456789"


@pytest.fixture
def env(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for key in ("NEO4J_URI", "NEO4J_PASSWORD", "SKILLGRAPH_JWT_SECRET"):
        monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("SKILLGRAPH_DATA_DIR", str(data_dir))
    return data_dir


def test_create_prints_a_token_the_service_accepts(
    env: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("SKILLGRAPH_JWT_SECRET", SECRET)
    code = main(["token", "create", "--person", "p-0042", "--role", "manager", "--role", "hr"])
    assert code == 0
    token = capsys.readouterr().out.strip()
    assert TokenKeys.hs256(SECRET).verify(token) == Viewer.of("p-0042", [Role.MANAGER, Role.HR])
    claims = jwt.decode(token, options={"verify_signature": False})
    assert claims["exp"] - claims["iat"] == 12 * 3600


def test_ttl(
    env: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("SKILLGRAPH_JWT_SECRET", SECRET)
    assert main(["token", "create", "--person", "p1", "--role", "admin", "--ttl", "30m"]) == 0
    claims = jwt.decode(capsys.readouterr().out.strip(), options={"verify_signature": False})
    assert claims["exp"] - claims["iat"] == 1800


@pytest.mark.parametrize(
    ("raw", "seconds"), [("90", 90), ("45s", 45), ("30m", 1800), ("12h", 43200), ("7d", 604800)]
)
def test_parse_ttl(raw: str, seconds: int) -> None:
    assert parse_ttl(raw) == dt.timedelta(seconds=seconds)


@pytest.mark.parametrize(
    ("raw", "message"), [("soon", "use seconds"), ("0", "between"), ("400d", "between")]
)
def test_bad_ttl(raw: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_ttl(raw)


def test_bad_ttl_on_the_command_line(env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SKILLGRAPH_JWT_SECRET", SECRET)
    with pytest.raises(SystemExit, match="--ttl 'tomorrow'"):
        main(["token", "create", "--person", "p1", "--role", "admin", "--ttl", "tomorrow"])


def test_unknown_role_is_refused(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["token", "create", "--person", "p1", "--role", "root"])
    assert "invalid choice: 'root'" in capsys.readouterr().err


def test_no_data_folder_yet_is_one_sentence(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["token", "create", "--person", "p1", "--role", "admin"]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"skillgraph: no embedded data folder at {env} yet")
    assert not env.exists()
