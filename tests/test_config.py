"""Settings: read once, and a bad value is a clear error naming the variable."""

from __future__ import annotations

from pathlib import Path

import pytest

from skillgraph.config import ConfigError, load_settings


def test_defaults_are_the_embedded_database() -> None:
    settings = load_settings({}, env_file=None)
    assert settings.embedded
    assert settings.neo4j_database == "graph"
    assert settings.data_dir == Path(".skillgraph").absolute()
    assert settings.keep_person_results == 12
    assert (
        load_settings({"SKILLGRAPH_KEEP_PERSON_RESULTS": "0"}, env_file=None).keep_person_results
        == 0
    )


def test_neo4j_settings() -> None:
    settings = load_settings(
        {
            "NEO4J_URI": "neo4j+s://abc.databases.neo4j.io",
            "NEO4J_USER": "neo4j",
            "NEO4J_PASSWORD": "s3cret",
            "NEO4J_DATABASE": "people",
        },
        env_file=None,
    )
    assert not settings.embedded
    assert settings.neo4j_uri == "neo4j+s://abc.databases.neo4j.io"
    assert str(settings.neo4j_password) == "s3cret"
    assert "s3cret" not in repr(settings)
    assert settings.neo4j_database == "people"


@pytest.mark.parametrize(
    ("environ", "message"),
    [
        ({"NEO4J_URI": "http://localhost:7474", "NEO4J_PASSWORD": "x"}, "NEO4J_URI=.*scheme"),
        ({"NEO4J_URI": "bolt://", "NEO4J_PASSWORD": "x"}, "names no host"),
        ({"NEO4J_URI": "bolt://db:99999", "NEO4J_PASSWORD": "x"}, "invalid port"),
        ({"NEO4J_URI": "bolt://db:7687"}, "NEO4J_PASSWORD is empty"),
        ({"NEO4J_DATABASE": "no spaces"}, "NEO4J_DATABASE"),
        ({"SKILLGRAPH_BOLT_PORT": "http"}, "SKILLGRAPH_BOLT_PORT='http' is not a port"),
        ({"SKILLGRAPH_BOLT_PORT": "70000"}, "out of range"),
        ({"SKILLGRAPH_DB_MEMORY": "lots"}, "SKILLGRAPH_DB_MEMORY"),
        ({"SKILLGRAPH_DB_START_TIMEOUT": "-1"}, "greater than zero"),
    ],
)
def test_bad_values_name_the_variable(environ: dict[str, str], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        load_settings(environ, env_file=None)


def test_env_file_fills_missing_keys(tmp_path: Path) -> None:
    env = tmp_path / ".env"
    env.write_text("SKILLGRAPH_DATA_DIR=/srv/skillgraph\nSKILLGRAPH_BOLT_PORT=7777\n")
    settings = load_settings({"SKILLGRAPH_BOLT_PORT": "7000"}, env_file=str(env))
    assert settings.data_dir == Path("/srv/skillgraph")
    assert settings.bolt_port == 7000


def test_limits_and_token_settings() -> None:
    settings = load_settings(
        {
            "SKILLGRAPH_MAX_DEPTH": "12",
            "SKILLGRAPH_MAX_ALIASES": "0",
            "SKILLGRAPH_MAX_PAGE_SIZE": "50",
            "SKILLGRAPH_MIN_GROUP_SIZE": "3",
            "SKILLGRAPH_REQUEST_TIMEOUT": "2.5",
            "SKILLGRAPH_INTROSPECTION": "off",
            "SKILLGRAPH_GRAPHIQL": "false",
            "SKILLGRAPH_JWT_AUDIENCE": "people-api",
        },
        env_file=None,
    )
    limits = settings.limits
    assert (limits.max_depth, limits.max_aliases, limits.max_page_size) == (12, 0, 50)
    assert (limits.min_group_size, limits.request_timeout) == (3, 2.5)
    assert (limits.introspection, limits.graphiql) == (False, False)
    assert (limits.max_root_fields, limits.max_cost, limits.max_body_bytes) == (
        20,
        100_000,
        131_072,
    )
    assert settings.jwt_audience == "people-api"
    assert settings.jwt_algorithm == "HS256"


@pytest.mark.parametrize(
    ("environ", "message"),
    [
        ({"SKILLGRAPH_MAX_DEPTH": "0"}, "SKILLGRAPH_MAX_DEPTH=0 must be at least 1"),
        ({"SKILLGRAPH_MAX_PAGE_SIZE": "500"}, "SKILLGRAPH_MAX_PAGE_SIZE=500 must be between 1"),
        ({"SKILLGRAPH_MAX_COST": "lots"}, "SKILLGRAPH_MAX_COST='lots' is not a whole number"),
        (
            {"SKILLGRAPH_KEEP_PERSON_RESULTS": "-1"},
            "SKILLGRAPH_KEEP_PERSON_RESULTS=-1 must be at least 0",
        ),
        ({"SKILLGRAPH_GRAPHIQL": "maybe"}, "SKILLGRAPH_GRAPHIQL='maybe' must be true or false"),
        ({"SKILLGRAPH_JWT_ALGORITHM": "none"}, "must be HS256, RS256 or ES256"),
        ({"SKILLGRAPH_JWT_ALGORITHM": "RS256"}, "needs SKILLGRAPH_JWT_PUBLIC_KEY"),
        ({"SKILLGRAPH_JWT_SECRET": "short"}, "SKILLGRAPH_JWT_SECRET is too short"),
    ],
)
def test_bad_limits_and_keys_name_the_variable(environ: dict[str, str], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        load_settings(environ, env_file=None)
