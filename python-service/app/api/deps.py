"""Typed dependencies: settings, the verified caller, scope checks and the Unipile client."""

from collections.abc import Callable
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from app.clients.unipile import UnipileClient
from app.core.config import Settings, get_settings
from app.core.errors import Forbidden, ServiceUnavailable, Unauthorized
from app.core.security import Principal, verify_token

SettingsDep = Annotated[Settings, Depends(get_settings)]

# auto_error=False: we answer missing credentials ourselves, as problem+json.
_bearer = HTTPBearer(auto_error=False, description="HS256 service token minted by the Worker")


def get_principal(
    settings: SettingsDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Principal:
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise Unauthorized("Missing bearer service token.")
    return verify_token(
        credentials.credentials,
        settings.SERVICE_TOKEN_SECRET,
        issuer=settings.SERVICE_TOKEN_ISSUER,
        audience=settings.SERVICE_TOKEN_AUDIENCE,
    )


def require_scope(scope: str) -> Callable[[Principal], Principal]:
    """Dependency factory: the caller must hold ``scope``.

    Example: ``principal: Annotated[Principal, Depends(require_scope("leads:rank"))]``
    """

    def check(principal: Annotated[Principal, Depends(get_principal)]) -> Principal:
        if scope not in principal.scopes:
            raise Forbidden(f"Token lacks the required scope '{scope}'.")
        return principal

    return check


def get_unipile_client(request: Request, settings: SettingsDep) -> UnipileClient:
    """The process-wide client, created on first use so pacing and counters are shared."""
    base_url = settings.unipile_base_url
    if not base_url or not settings.UNIPILE_API_KEY:
        raise ServiceUnavailable(
            "Enrichment is not configured: set UNIPILE_DSN (or UNIPILE_BASE_URL) and "
            "UNIPILE_API_KEY."
        )
    clients: dict[tuple[str, str], UnipileClient] = request.app.state.unipile_clients
    key = (base_url, settings.UNIPILE_API_KEY)
    client = clients.get(key)
    if client is None:
        client = clients[key] = UnipileClient(
            base_url,
            settings.UNIPILE_API_KEY,
            min_interval=settings.UNIPILE_MIN_INTERVAL_SECONDS,
            backoff_429=settings.UNIPILE_429_BACKOFF_SECONDS,
            timeout=settings.UNIPILE_TIMEOUT_SECONDS,
        )
    return client


UnipileDep = Annotated[UnipileClient, Depends(get_unipile_client)]
