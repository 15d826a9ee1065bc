"""Verification of the short-lived service tokens the Worker signs (compact JWS, HS256).

Stdlib only: the format is fixed (one algorithm, one issuer, one audience), so a JWT library
would only add ways to accept something we never issue (``alg: none``, key confusion).
"""

import base64
import binascii
import hashlib
import hmac
import json
import time
from dataclasses import dataclass
from typing import Any

from app.core.errors import Unauthorized

ALGORITHM = "HS256"
# The Worker issues tokens valid for at most 5 minutes; anything longer was not minted by it.
MAX_LIFETIME_SECONDS = 300
# Tolerated clock difference for ``iat`` only; ``exp`` is enforced strictly.
LEEWAY_SECONDS = 30


@dataclass(frozen=True, slots=True)
class Principal:
    """The verified caller: the user the Worker acts for, and what it may do."""

    user_id: str
    scopes: frozenset[str]


def _b64url_decode(segment: str) -> bytes:
    padded = segment + "=" * (-len(segment) % 4)
    return base64.urlsafe_b64decode(padded.encode("ascii"))


def _b64url_encode(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def _sign(signing_input: bytes, secret: str) -> bytes:
    return hmac.new(secret.encode("utf-8"), signing_input, hashlib.sha256).digest()


def create_token(
    secret: str,
    *,
    sub: str,
    scopes: list[str],
    iss: str = "lifetrek-worker",
    aud: str = "lifetrek-python",
    iat: int | None = None,
    ttl_seconds: int = 300,
    header: dict[str, Any] | None = None,
) -> str:
    """Mint a token exactly as the Worker does (used by tests, the bench and local debugging).

    Example: ``create_token("s3cret", sub="user_1", scopes=["leads:rank"])``
    """
    issued = int(time.time()) if iat is None else iat
    claims = {"iss": iss, "aud": aud, "sub": sub, "scopes": scopes, "iat": issued}
    claims["exp"] = issued + ttl_seconds
    head = header or {"alg": ALGORITHM, "typ": "JWT"}
    signing_input = ".".join(
        _b64url_encode(json.dumps(part, separators=(",", ":")).encode()) for part in (head, claims)
    )
    signature = _b64url_encode(_sign(signing_input.encode("ascii"), secret))
    return f"{signing_input}.{signature}"


def verify_token(
    token: str,
    secret: str,
    *,
    issuer: str,
    audience: str,
    now: float | None = None,
) -> Principal:
    """Check signature, algorithm, issuer, audience, subject and lifetime; raise 401 otherwise."""
    parts = token.split(".")
    if len(parts) != 3 or not all(parts):
        raise Unauthorized("Malformed service token.")
    header_b64, payload_b64, signature_b64 = parts
    try:
        header = json.loads(_b64url_decode(header_b64))
        signature = _b64url_decode(signature_b64)
    except (ValueError, binascii.Error, UnicodeError) as exc:
        raise Unauthorized("Malformed service token.") from exc
    if not isinstance(header, dict) or header.get("alg") != ALGORITHM:
        raise Unauthorized("Unsupported token algorithm; only HS256 is accepted.")
    if header.get("typ", "JWT") != "JWT":
        raise Unauthorized("Unsupported token type.")

    expected = _sign(f"{header_b64}.{payload_b64}".encode("ascii"), secret)
    if not hmac.compare_digest(expected, signature):
        raise Unauthorized("Invalid token signature.")

    try:
        claims = json.loads(_b64url_decode(payload_b64))
    except (ValueError, binascii.Error, UnicodeError) as exc:
        raise Unauthorized("Malformed service token.") from exc
    if not isinstance(claims, dict):
        raise Unauthorized("Malformed service token.")
    return _check_claims(claims, issuer=issuer, audience=audience, now=now)


def _check_claims(
    claims: dict[str, Any], *, issuer: str, audience: str, now: float | None
) -> Principal:
    if claims.get("iss") != issuer:
        raise Unauthorized("Token issuer is not accepted.")
    aud = claims.get("aud")
    if not (aud == audience or (isinstance(aud, list) and audience in aud)):
        raise Unauthorized("Token audience is not accepted.")
    sub = claims.get("sub")
    if not isinstance(sub, str) or not sub:
        raise Unauthorized("Token has no subject.")
    iat, exp = claims.get("iat"), claims.get("exp")
    if not _is_number(iat) or not _is_number(exp):
        raise Unauthorized("Token must carry numeric iat and exp.")
    current = time.time() if now is None else now
    if exp <= current:
        raise Unauthorized("Token has expired.")
    if iat > current + LEEWAY_SECONDS:
        raise Unauthorized("Token was issued in the future.")
    if exp - iat > MAX_LIFETIME_SECONDS:
        raise Unauthorized("Token lifetime exceeds 5 minutes.")
    scopes = claims.get("scopes", [])
    if not isinstance(scopes, list) or not all(isinstance(s, str) for s in scopes):
        raise Unauthorized("Token scopes must be a list of strings.")
    return Principal(user_id=sub, scopes=frozenset(scopes))


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)
