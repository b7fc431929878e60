"""Tokens: issued and verified with a secret or a key pair; everything else is refused."""

from __future__ import annotations

import datetime as dt
import os
import stat
from pathlib import Path

import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa

from graph.embedded import _MARKER as DATA_DIR_MARKER
from skillgraph.auth import (
    KeyConfigError,
    Role,
    TokenError,
    TokenKeys,
    Viewer,
    token_keys,
)
from skillgraph.config import load_settings

SECRET = "a-secret-of-at-least-thirty-two-bytes-0123456789"


def test_a_token_round_trips() -> None:
    keys = TokenKeys.hs256(SECRET)
    viewer = keys.verify(keys.issue("p-0001", ["manager", Role.EMPLOYEE]))
    assert viewer == Viewer("p-0001", frozenset({Role.MANAGER, Role.EMPLOYEE}))
    assert viewer.has(Role.MANAGER)
    assert not viewer.org_wide
    assert viewer.describe() == "p-0001 (employee, manager)"


def test_claims_are_what_the_docs_say() -> None:
    keys = TokenKeys.hs256(SECRET)
    now = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    token = keys.issue("p1", ["hr"], ttl=dt.timedelta(minutes=5), now=now)
    claims = jwt.decode(token, options={"verify_signature": False})
    assert {k: v for k, v in claims.items() if k != "jti"} == {
        "sub": "p1",
        "roles": ["hr"],
        "iss": "skillgraph",
        "aud": "skillgraph",
        "iat": 1767225600,
        "nbf": 1767225600,
        "exp": 1767225900,
    }


def _forge(claims: dict[str, object], secret: str = SECRET) -> str:
    base = {
        "sub": "p1",
        "roles": ["admin"],
        "iss": "skillgraph",
        "aud": "skillgraph",
        "iat": dt.datetime.now(dt.UTC),
        "exp": dt.datetime.now(dt.UTC) + dt.timedelta(hours=1),
    }
    base.update(claims)
    return jwt.encode({k: v for k, v in base.items() if v is not None}, secret, "HS256")


@pytest.mark.parametrize(
    ("token", "message"),
    [
        (_forge({}, secret=SECRET + "x"), "the token's signature is invalid"),
        (_forge({"exp": dt.datetime(2020, 1, 1, tzinfo=dt.UTC)}), "the token has expired"),
        (_forge({"exp": None}), "the token lacks the 'exp' claim"),
        (_forge({"aud": "someone-else"}), "the token is not meant for audience 'skillgraph'"),
        (_forge({"iss": "mallory"}), "the token was not issued by 'skillgraph'"),
        (_forge({"roles": ["root"]}), "the token names an unknown role"),
        (_forge({"roles": []}), "the token's 'roles' claim is not a list of roles"),
        (_forge({"roles": "admin"}), "the token's 'roles' claim is not a list of roles"),
        (
            _forge({"nbf": dt.datetime.now(dt.UTC) + dt.timedelta(hours=1)}),
            "the token is not valid yet",
        ),
        (jwt.encode({"sub": "p1"}, "", "none"), "the token is not signed with HS256"),
        ("abc.def", "the token is malformed"),
    ],
)
def test_bad_tokens_are_refused(token: str, message: str) -> None:
    with pytest.raises(TokenError, match=message):
        TokenKeys.hs256(SECRET).verify(token)


def test_a_short_secret_is_refused() -> None:
    with pytest.raises(KeyConfigError, match="at least 32 bytes"):
        TokenKeys.hs256("short")


def test_a_token_needs_a_person_and_a_role() -> None:
    keys = TokenKeys.hs256(SECRET)
    with pytest.raises(TokenError, match="person id"):
        keys.issue("", ["admin"])
    with pytest.raises(TokenError, match="at least one role"):
        keys.issue("p1", [])


def _pem_pair(tmp_path: Path, algorithm: str) -> tuple[Path, Path]:
    private = (
        rsa.generate_private_key(public_exponent=65537, key_size=2048)
        if algorithm == "RS256"
        else ec.generate_private_key(ec.SECP256R1())
    )
    private_path = tmp_path / "private.pem"
    public_path = tmp_path / "public.pem"
    private_path.write_bytes(
        private.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    public_path.write_bytes(
        private.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )
    )
    return private_path, public_path


@pytest.mark.parametrize("algorithm", ["RS256", "ES256"])
def test_key_pairs_from_configuration(tmp_path: Path, algorithm: str) -> None:
    private, public = _pem_pair(tmp_path, algorithm)
    issuer = token_keys(
        load_settings(
            {
                "SKILLGRAPH_JWT_ALGORITHM": algorithm,
                "SKILLGRAPH_JWT_PUBLIC_KEY": str(public),
                "SKILLGRAPH_JWT_PRIVATE_KEY": str(private),
            },
            env_file=None,
        )
    )
    # the service itself is given the public key only (here as PEM text)
    service = token_keys(
        load_settings(
            {
                "SKILLGRAPH_JWT_ALGORITHM": algorithm,
                "SKILLGRAPH_JWT_PUBLIC_KEY": public.read_text(),
            },
            env_file=None,
        )
    )
    assert service.verify(issuer.issue("p9", ["learning"])) == Viewer.of("p9", ["learning"])
    with pytest.raises(KeyConfigError, match="SKILLGRAPH_JWT_PRIVATE_KEY"):
        service.issue("p9", ["learning"])
    # a token with another algorithm is refused, whatever it is signed with
    confused = jwt.encode({"sub": "p9", "roles": ["admin"]}, "x" * 32, algorithm="HS256")
    with pytest.raises(TokenError, match=f"not signed with {algorithm}"):
        service.verify(confused)


def test_a_wrong_public_key_fails_at_start(tmp_path: Path) -> None:
    bad = tmp_path / "public.pem"
    bad.write_text("-----BEGIN PUBLIC KEY-----\nnonsense\n-----END PUBLIC KEY-----\n")
    settings = load_settings(
        {"SKILLGRAPH_JWT_ALGORITHM": "RS256", "SKILLGRAPH_JWT_PUBLIC_KEY": str(bad)},
        env_file=None,
    )
    with pytest.raises(KeyConfigError, match="is not a RS256 public key"):
        token_keys(settings)
    missing = load_settings(
        {"SKILLGRAPH_JWT_ALGORITHM": "ES256", "SKILLGRAPH_JWT_PUBLIC_KEY": str(tmp_path / "no")},
        env_file=None,
    )
    with pytest.raises(KeyConfigError, match="cannot read the key file"):
        token_keys(missing)


def test_embedded_service_keeps_a_generated_secret(data_dir: Path) -> None:
    settings = load_settings({"SKILLGRAPH_DATA_DIR": str(data_dir)}, env_file=None)
    with pytest.raises(KeyConfigError, match=f"no embedded data folder at {data_dir} yet"):
        token_keys(settings)
    assert not data_dir.exists()
    data_dir.mkdir()
    (data_dir / DATA_DIR_MARKER).write_text("{}")
    first = token_keys(settings)
    secret = data_dir / "jwt-secret"
    assert stat.S_IMODE(os.stat(secret).st_mode) == 0o600
    again = token_keys(settings)
    assert again.verify(first.issue("p1", ["employee"])).person_id == "p1"


def test_a_configured_secret_wins(data_dir: Path) -> None:
    settings = load_settings(
        {"SKILLGRAPH_DATA_DIR": str(data_dir), "SKILLGRAPH_JWT_SECRET": SECRET}, env_file=None
    )
    keys = token_keys(settings)
    assert keys.verify_key == SECRET
    assert not data_dir.exists()


def test_neo4j_service_needs_a_configured_key() -> None:
    settings = load_settings({"NEO4J_URI": "bolt://db:7687", "NEO4J_PASSWORD": "x"}, env_file=None)
    with pytest.raises(KeyConfigError, match="no token key: set SKILLGRAPH_JWT_SECRET"):
        token_keys(settings)
