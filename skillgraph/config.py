"""Settings, read once from the environment (and an optional ``.env`` file).

Every setting the service knows is listed here and in the README. A bad value is a
:class:`ConfigError` that names the variable and what is wrong with it, raised when
the settings are loaded (at start-up), never later in a request.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from starlette.config import Config
from starlette.datastructures import Secret

from analysis.backend import check_backend
from skillgraph.limits import Limits

_SCHEMES = {"bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc"}


class ConfigError(ValueError):
    """A setting in the environment is missing or malformed."""


@dataclass(frozen=True)
class Settings:
    """The service's settings.

    ``neo4j_uri`` is ``None`` for the embedded database; then ``data_dir`` holds it.
    """

    neo4j_uri: str | None = None
    neo4j_user: str = "neo4j"
    neo4j_password: Secret = field(default_factory=lambda: Secret(""))
    neo4j_database: str = "neo4j"
    data_dir: Path = Path(".skillgraph")
    bolt_port: int = 0
    server_memory: str = "1g"
    start_timeout: float = 90.0
    query_timeout: float = 30.0
    jwt_algorithm: str = "HS256"
    jwt_secret: Secret = field(default_factory=lambda: Secret(""))
    jwt_public_key: str | None = None
    jwt_private_key: str | None = None
    jwt_issuer: str = "skillgraph"
    jwt_audience: str = "skillgraph"
    limits: Limits = field(default_factory=Limits)
    nx_backend: str = "networkx"
    keep_person_results: int = 12

    @property
    def embedded(self) -> bool:
        """Whether the service runs its own embedded database."""
        return self.neo4j_uri is None


def _port(config: Config, key: str) -> int:
    raw = config(key, default="0")
    try:
        value = int(raw)
    except ValueError:
        raise ConfigError(f"{key}={raw!r} is not a port number") from None
    if not 0 <= value <= 65535:
        raise ConfigError(f"{key}={value} is out of range (0-65535; 0 picks a free port)")
    return value


def _positive(config: Config, key: str, default: float) -> float:
    raw = config(key, default=str(default))
    try:
        value = float(raw)
    except ValueError:
        raise ConfigError(f"{key}={raw!r} is not a number of seconds") from None
    if value <= 0:
        raise ConfigError(f"{key}={raw!r} must be greater than zero")
    return value


def _count(config: Config, key: str, default: int, *, low: int = 1, high: int | None = None) -> int:
    raw = config(key, default=str(default))
    try:
        value = int(raw)
    except ValueError:
        raise ConfigError(f"{key}={raw!r} is not a whole number") from None
    if value < low or (high is not None and value > high):
        bound = f"between {low} and {high}" if high is not None else f"at least {low}"
        raise ConfigError(f"{key}={value} must be {bound}")
    return value


def _flag(config: Config, key: str, default: bool) -> bool:
    raw = config(key, default="true" if default else "false").strip().lower()
    if raw in {"1", "true", "yes", "on"}:
        return True
    if raw in {"0", "false", "no", "off"}:
        return False
    raise ConfigError(f"{key}={raw!r} must be true or false")


def _limits(config: Config) -> Limits:
    return Limits(
        max_depth=_count(config, "SKILLGRAPH_MAX_DEPTH", Limits.max_depth),
        max_aliases=_count(config, "SKILLGRAPH_MAX_ALIASES", Limits.max_aliases, low=0),
        max_root_fields=_count(config, "SKILLGRAPH_MAX_ROOT_FIELDS", Limits.max_root_fields),
        max_cost=_count(config, "SKILLGRAPH_MAX_COST", Limits.max_cost),
        max_page_size=_count(
            config, "SKILLGRAPH_MAX_PAGE_SIZE", Limits.max_page_size, high=Limits.max_page_size
        ),
        max_body_bytes=_count(config, "SKILLGRAPH_MAX_BODY_BYTES", Limits.max_body_bytes, low=256),
        request_timeout=_positive(config, "SKILLGRAPH_REQUEST_TIMEOUT", Limits.request_timeout),
        min_group_size=_count(config, "SKILLGRAPH_MIN_GROUP_SIZE", Limits.min_group_size),
        introspection=_flag(config, "SKILLGRAPH_INTROSPECTION", Limits.introspection),
        graphiql=_flag(config, "SKILLGRAPH_GRAPHIQL", Limits.graphiql),
    )


def _algorithm(config: Config) -> str:
    raw = config("SKILLGRAPH_JWT_ALGORITHM", default="HS256").strip().upper()
    if raw not in {"HS256", "RS256", "ES256"}:
        raise ConfigError(f"SKILLGRAPH_JWT_ALGORITHM={raw!r} must be HS256, RS256 or ES256")
    return raw


def _uri(raw: str) -> str:
    parts = urlsplit(raw)
    if parts.scheme not in _SCHEMES:
        raise ConfigError(
            f"NEO4J_URI={raw!r} has scheme {parts.scheme!r}; "
            f"expected one of {', '.join(sorted(_SCHEMES))}"
        )
    if not parts.hostname:
        raise ConfigError(f"NEO4J_URI={raw!r} names no host")
    try:
        parts.port  # noqa: B018 - urlsplit validates the port lazily
    except ValueError:
        raise ConfigError(f"NEO4J_URI={raw!r} has an invalid port") from None
    return raw


def _memory(raw: str) -> str:
    if not raw[:-1].isdigit() or raw[-1].lower() not in "mg":
        raise ConfigError(f"SKILLGRAPH_DB_MEMORY={raw!r} must look like 512m or 2g")
    return raw


def _backend(raw: str) -> str:
    try:
        return check_backend(raw)
    except ValueError as e:
        raise ConfigError(f"SKILLGRAPH_NX_BACKEND={raw!r}: {e}") from None


def load_settings(
    environ: Mapping[str, str] | None = None, env_file: str | None = ".env"
) -> Settings:
    """Read and validate the settings.

    Parameters
    ----------
    environ
        The environment to read; ``os.environ`` by default.
    env_file
        A ``.env`` file consulted for keys missing from ``environ`` (if it exists).

    Raises
    ------
    ConfigError
        When a value is malformed, naming the variable.
    """
    env = os.environ if environ is None else environ
    file = env_file if env_file and Path(env_file).is_file() else None
    config = Config(file, environ=env)
    uri = config("NEO4J_URI", default="").strip() or None
    data_dir = Path(config("SKILLGRAPH_DATA_DIR", default=".skillgraph")).expanduser()
    if uri is not None:
        uri = _uri(uri)
        password = Secret(config("NEO4J_PASSWORD", default=""))
        if not str(password):
            raise ConfigError("NEO4J_URI is set but NEO4J_PASSWORD is empty")
    else:
        password = Secret("")
    database = config("NEO4J_DATABASE", default="neo4j" if uri else "graph").strip()
    if not database or not database.replace("-", "").replace(".", "").isalnum():
        raise ConfigError(f"NEO4J_DATABASE={database!r} is not a valid database name")
    algorithm = _algorithm(config)
    jwt_secret = Secret(config("SKILLGRAPH_JWT_SECRET", default=""))
    if algorithm == "HS256" and str(jwt_secret) and len(str(jwt_secret).encode()) < 32:
        raise ConfigError("SKILLGRAPH_JWT_SECRET is too short: use at least 32 bytes")
    if algorithm != "HS256" and not config("SKILLGRAPH_JWT_PUBLIC_KEY", default="").strip():
        raise ConfigError(f"SKILLGRAPH_JWT_ALGORITHM={algorithm} needs SKILLGRAPH_JWT_PUBLIC_KEY")
    return Settings(
        neo4j_uri=uri,
        neo4j_user=config("NEO4J_USER", default="neo4j" if uri else "root"),
        neo4j_password=password,
        neo4j_database=database,
        data_dir=data_dir.absolute(),
        bolt_port=_port(config, "SKILLGRAPH_BOLT_PORT"),
        server_memory=_memory(config("SKILLGRAPH_DB_MEMORY", default="1g")),
        start_timeout=_positive(config, "SKILLGRAPH_DB_START_TIMEOUT", 90.0),
        query_timeout=_positive(config, "SKILLGRAPH_QUERY_TIMEOUT", 30.0),
        jwt_algorithm=algorithm,
        jwt_secret=jwt_secret,
        jwt_public_key=config("SKILLGRAPH_JWT_PUBLIC_KEY", default="").strip() or None,
        jwt_private_key=config("SKILLGRAPH_JWT_PRIVATE_KEY", default="").strip() or None,
        jwt_issuer=config("SKILLGRAPH_JWT_ISSUER", default="skillgraph").strip() or "skillgraph",
        jwt_audience=config("SKILLGRAPH_JWT_AUDIENCE", default="skillgraph").strip()
        or "skillgraph",
        limits=_limits(config),
        nx_backend=_backend(config("SKILLGRAPH_NX_BACKEND", default="networkx")),
        keep_person_results=_count(config, "SKILLGRAPH_KEEP_PERSON_RESULTS", 12, low=0),
    )
