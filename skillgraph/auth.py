"""Who is asking: bearer tokens (signed JWTs) and the viewer they stand for.

A token carries the person's id (``sub``) and their roles (``roles``), is signed with a
shared secret (HS256) or a private key whose public half the service is configured with
(RS256, ES256), names the service as issuer and audience, and always expires. The service
only verifies; ``skillgraph token create`` issues tokens for local use and scripts.

With the embedded database and no key configured, a secret is generated once in the data
folder (``jwt-secret``, mode 0600), so ``skillgraph token create`` and the service agree.
"""

from __future__ import annotations

import datetime as dt
import enum
import os
import secrets
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jwt

from graph.embedded import _MARKER as DATA_DIR_MARKER
from graph.errors import ServiceError

if TYPE_CHECKING:
    from skillgraph.config import Settings

ALGORITHMS = ("HS256", "RS256", "ES256")
MIN_SECRET_BYTES = 32
SECRET_FILE = "jwt-secret"


class Role(enum.StrEnum):
    """What a person may do besides reading their own data and public profiles."""

    EMPLOYEE = "employee"
    MANAGER = "manager"
    CURATOR = "curator"
    HR = "hr"
    LEARNING = "learning"
    ADMIN = "admin"


ORG_ROLES = frozenset({Role.HR, Role.LEARNING, Role.ADMIN})


class TokenError(ServiceError):
    """A token is missing, malformed, forged, expired or not meant for this service."""


class KeyConfigError(ServiceError):
    """The configured signing or verification key cannot be used."""


@dataclass(frozen=True)
class Viewer:
    """The person a request acts for, and their roles.

    ``person_id`` is ``None`` only for the system viewer (code that builds a context
    itself: commands, jobs, tests); HTTP requests always carry a verified token.
    """

    person_id: str | None
    roles: frozenset[Role]
    system: bool = False

    @classmethod
    def of(cls, person_id: str, roles: Iterable[Role | str]) -> Viewer:
        """A viewer for a person with these roles."""
        return cls(person_id, frozenset(Role(r) for r in roles))

    @classmethod
    def system_viewer(cls) -> Viewer:
        """The viewer of code running inside the service: every right, no person."""
        return cls(None, frozenset({Role.ADMIN}), system=True)

    @classmethod
    def anonymous(cls) -> Viewer:
        """Nobody: no person and no role, so no field may be read."""
        return cls(None, frozenset())

    def has(self, *roles: Role) -> bool:
        """Whether the viewer holds any of ``roles``."""
        return any(r in self.roles for r in roles)

    @property
    def org_wide(self) -> bool:
        """Whether the viewer sees named organisation-wide results (hr, learning, admin)."""
        return bool(self.roles & ORG_ROLES)

    def is_self(self, person_id: str | None) -> bool:
        """Whether ``person_id`` is the viewer."""
        return person_id is not None and person_id == self.person_id

    def describe(self) -> str:
        """``p-0001 (manager, employee)``: for logs and the audit trail."""
        who = "system" if self.system else str(self.person_id)
        return f"{who} ({', '.join(sorted(self.roles))})"


@dataclass(frozen=True)
class TokenKeys:
    """How tokens are verified (and, where the private half is known, issued)."""

    algorithm: str
    verify_key: Any
    signing_key: Any | None
    issuer: str = "skillgraph"
    audience: str = "skillgraph"
    leeway: float = 30.0

    @classmethod
    def hs256(
        cls, secret: str, *, issuer: str = "skillgraph", audience: str = "skillgraph"
    ) -> TokenKeys:
        """Keys from a shared secret (at least 32 bytes)."""
        if len(secret.encode()) < MIN_SECRET_BYTES:
            raise KeyConfigError(
                f"SKILLGRAPH_JWT_SECRET is too short: use at least {MIN_SECRET_BYTES} bytes"
            )
        return cls("HS256", secret, secret, issuer, audience)

    @classmethod
    def generated(cls) -> TokenKeys:
        """Keys from a fresh random secret (an app built in code with no keys given)."""
        return cls.hs256(secrets.token_urlsafe(MIN_SECRET_BYTES))

    def issue(
        self,
        person_id: str,
        roles: Iterable[Role | str],
        *,
        ttl: dt.timedelta = dt.timedelta(hours=12),
        now: dt.datetime | None = None,
    ) -> str:
        """A signed token for ``person_id`` with ``roles``, valid for ``ttl``."""
        if self.signing_key is None:
            raise KeyConfigError(
                f"cannot issue {self.algorithm} tokens: set SKILLGRAPH_JWT_PRIVATE_KEY "
                "to the private key (the service itself only needs the public key)"
            )
        if not person_id:
            raise TokenError("a token needs a person id")
        chosen = sorted({Role(r).value for r in roles})
        if not chosen:
            raise TokenError("a token needs at least one role")
        issued = now or dt.datetime.now(dt.UTC)
        claims = {
            "sub": person_id,
            "roles": chosen,
            "iss": self.issuer,
            "aud": self.audience,
            "iat": issued,
            "nbf": issued,
            "exp": issued + ttl,
            "jti": uuid.uuid4().hex,
        }
        return jwt.encode(claims, self.signing_key, algorithm=self.algorithm)

    def verify(self, token: str) -> Viewer:
        """The viewer a token stands for.

        Raises
        ------
        TokenError
            With a sentence saying what is wrong (expired, bad signature, wrong audience …).
        """
        try:
            claims = jwt.decode(
                token,
                self.verify_key,
                algorithms=[self.algorithm],
                issuer=self.issuer,
                audience=self.audience,
                leeway=self.leeway,
                options={"require": ["exp", "iat", "sub", "iss", "aud"]},
            )
        except jwt.ExpiredSignatureError:
            raise TokenError("the token has expired: get a new one") from None
        except jwt.InvalidSignatureError:
            raise TokenError("the token's signature is invalid") from None
        except jwt.InvalidAlgorithmError:
            raise TokenError(f"the token is not signed with {self.algorithm}") from None
        except jwt.InvalidAudienceError:
            raise TokenError(f"the token is not meant for audience {self.audience!r}") from None
        except jwt.InvalidIssuerError:
            raise TokenError(f"the token was not issued by {self.issuer!r}") from None
        except jwt.ImmatureSignatureError:
            raise TokenError("the token is not valid yet") from None
        except jwt.MissingRequiredClaimError as e:
            raise TokenError(f"the token lacks the {e.claim!r} claim") from None
        except jwt.InvalidTokenError as e:
            raise TokenError(f"the token is malformed: {e}") from None
        subject = claims.get("sub")
        raw_roles = claims.get("roles")
        if not isinstance(subject, str) or not subject:
            raise TokenError("the token's 'sub' claim is not a person id")
        if not isinstance(raw_roles, list) or not raw_roles:
            raise TokenError("the token's 'roles' claim is not a list of roles")
        try:
            roles = frozenset(Role(r) for r in raw_roles)
        except ValueError:
            known = ", ".join(r.value for r in Role)
            raise TokenError(f"the token names an unknown role (known: {known})") from None
        return Viewer(subject, roles)


def _pem(raw: str, variable: str) -> bytes:
    if raw.lstrip().startswith("-----BEGIN"):
        return raw.encode()
    path = Path(raw).expanduser()
    try:
        return path.read_bytes()
    except OSError as e:
        raise KeyConfigError(f"{variable}={raw!r}: cannot read the key file ({e.strerror})") from e


def _data_dir_secret(data_dir: Path) -> str:
    """The secret kept in the data folder, generated on first use (mode 0600)."""
    path = data_dir / SECRET_FILE
    if not (data_dir / DATA_DIR_MARKER).is_file():
        raise KeyConfigError(
            f"no embedded data folder at {data_dir} yet, so no token secret: start the "
            "database once (skillgraph db start, or skillgraph serve) or set SKILLGRAPH_JWT_SECRET"
        )
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text().strip()
    with os.fdopen(fd, "w") as f:
        f.write(secrets.token_urlsafe(48))
    return path.read_text().strip()


def token_keys(settings: Settings) -> TokenKeys:
    """The keys the settings name; see the module docstring for the embedded default.

    Raises
    ------
    KeyConfigError
        When no key is configured for a service on Neo4j, or a key is unusable.
    """
    algorithm = settings.jwt_algorithm
    issuer, audience = settings.jwt_issuer, settings.jwt_audience
    if algorithm == "HS256":
        secret = str(settings.jwt_secret)
        if not secret:
            if not settings.embedded:
                raise KeyConfigError(
                    "no token key: set SKILLGRAPH_JWT_SECRET (HS256) or "
                    "SKILLGRAPH_JWT_PUBLIC_KEY with SKILLGRAPH_JWT_ALGORITHM=RS256/ES256"
                )
            secret = _data_dir_secret(settings.data_dir)
        return TokenKeys.hs256(secret, issuer=issuer, audience=audience)
    if not settings.jwt_public_key:
        raise KeyConfigError(
            f"SKILLGRAPH_JWT_ALGORITHM={algorithm} needs SKILLGRAPH_JWT_PUBLIC_KEY"
        )
    public = _pem(settings.jwt_public_key, "SKILLGRAPH_JWT_PUBLIC_KEY")
    private = (
        _pem(settings.jwt_private_key, "SKILLGRAPH_JWT_PRIVATE_KEY")
        if settings.jwt_private_key
        else None
    )
    keys = TokenKeys(algorithm, public, private, issuer, audience)
    try:  # load the key now, so a wrong one fails at start-up and not in the first request
        jwt.get_algorithm_by_name(algorithm).prepare_key(public)
    except (ValueError, TypeError, jwt.InvalidKeyError) as e:
        raise KeyConfigError(
            f"SKILLGRAPH_JWT_PUBLIC_KEY is not a {algorithm} public key: {e}"
        ) from e
    return keys
