import base64
import json
import time

import pytest

from app.core.errors import Unauthorized
from app.core.security import create_token, verify_token

SECRET = "unit-secret-0123456789-0123456789"


def verify(token: str, **kwargs: object) -> object:
    return verify_token(
        token, SECRET, issuer="lifetrek-worker", audience="lifetrek-python", **kwargs
    )  # type: ignore[arg-type]


def test_round_trip() -> None:
    principal = verify(create_token(SECRET, sub="u1", scopes=["leads:rank"]))
    assert principal.user_id == "u1"  # type: ignore[attr-defined]
    assert principal.scopes == frozenset({"leads:rank"})  # type: ignore[attr-defined]


def test_token_is_compact_hs256_without_padding() -> None:
    token = create_token(SECRET, sub="u1", scopes=[], iat=1_700_000_000)
    head, payload, sig = token.split(".")
    assert "=" not in token
    assert json.loads(base64.urlsafe_b64decode(head + "==")) == {"alg": "HS256", "typ": "JWT"}
    claims = json.loads(base64.urlsafe_b64decode(payload + "=="))
    assert claims == {
        "iss": "lifetrek-worker",
        "aud": "lifetrek-python",
        "sub": "u1",
        "scopes": [],
        "iat": 1_700_000_000,
        "exp": 1_700_000_300,
    }
    assert len(sig) == 43


@pytest.mark.parametrize(
    ("token", "message"),
    [
        ("abc", "Malformed"),
        ("a.b.c", "Malformed"),
        (create_token("other-secret", sub="u", scopes=[]), "signature"),
        (create_token(SECRET, sub="u", scopes=[], iss="someone"), "issuer"),
        (create_token(SECRET, sub="u", scopes=[], aud="other"), "audience"),
        (create_token(SECRET, sub="", scopes=[]), "subject"),
        (create_token(SECRET, sub="u", scopes=[], iat=int(time.time()) - 600), "expired"),
        (create_token(SECRET, sub="u", scopes=[], ttl_seconds=3600), "5 minutes"),
        (create_token(SECRET, sub="u", scopes=[], iat=int(time.time()) + 120), "future"),
        (create_token(SECRET, sub="u", scopes=[], header={"alg": "none"}), "algorithm"),
        (create_token(SECRET, sub="u", scopes=[], header={"alg": "HS512"}), "algorithm"),
    ],
)
def test_rejections(token: str, message: str) -> None:
    with pytest.raises(Unauthorized, match=message):
        verify(token)


def test_tampered_payload_is_rejected() -> None:
    head, _, sig = create_token(SECRET, sub="u", scopes=[]).split(".")
    forged = base64.urlsafe_b64encode(
        json.dumps({"iss": "lifetrek-worker", "aud": "lifetrek-python", "sub": "admin"}).encode()
    )
    with pytest.raises(Unauthorized, match="signature"):
        verify(f"{head}.{forged.decode().rstrip('=')}.{sig}")


def test_expiry_is_strict() -> None:
    token = create_token(SECRET, sub="u", scopes=[], iat=1000, ttl_seconds=300)
    assert verify(token, now=1299.0)
    with pytest.raises(Unauthorized, match="expired"):
        verify(token, now=1300.0)
