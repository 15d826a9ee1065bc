import re
from typing import Annotated, Literal
from urllib.parse import unquote

from fastapi import APIRouter, Depends

from app.api.deps import UnipileDep, require_scope
from app.clients.unipile import UnipileAuthError, UnipileClient, UnipileError
from app.core.errors import ServiceUnavailable
from app.core.security import Principal
from app.schemas.base import CamelModel

router = APIRouter(prefix="/v1/outreach", tags=["outreach"])


class ExecuteRequest(CamelModel):
    account_id: str
    kind: Literal["send_invite", "send_message", "withdraw_invite"]
    provider_id: str | None = None
    text: str | None = None
    invitation_id: str | None = None


class ExecuteResponse(CamelModel):
    ok: bool
    provider_ref: str | None = None
    code: str | None = None
    message: str | None = None
    retryable: bool = False


# The Worker sends a member's profile URL in this canonical form (modules/outreach/target.ts).
_PROFILE_URL = re.compile(r"^https://www\.linkedin\.com/in/([^/?#]+)$")


async def _person(client: UnipileClient, account_id: str, target: str) -> str | ExecuteResponse:
    """The provider id to send to: the target itself, or the member a profile URL names (one
    profile visit). Anything else URL-shaped (a company page) is nobody to invite."""
    match = _PROFILE_URL.match(target)
    if match:
        profile = await client.get_user(account_id, unquote(match.group(1)))
        provider_id = _ref(profile.data, "provider_id") if profile else None
        if not provider_id:
            return ExecuteResponse(
                ok=False, code="failed", message="LinkedIn has no member at this profile URL."
            )
        return provider_id
    if not target or "/" in target:
        return ExecuteResponse(
            ok=False, code="failed", message="The target is not a LinkedIn member (provider id)."
        )
    return target


def _ref(data: dict[str, object], *keys: str) -> str | None:
    for key in keys:
        value = data.get(key)
        if isinstance(value, str) and value:
            return value
    return None


@router.post("/execute", response_model_exclude_none=True)
async def execute(
    _principal: Annotated[Principal, Depends(require_scope("outreach:execute"))],
    body: ExecuteRequest,
    client: UnipileDep,
) -> ExecuteResponse:
    """Performs one action the Worker's governor granted. The text is forwarded unchanged.

    Failures come back as ``ok: false`` with a code the governor acts on: ``rate_limited``
    (pause the action type), ``cannot_resend_yet`` (final), ``restricted`` (account refused),
    ``failed``.
    """
    try:
        if body.kind in ("send_invite", "send_message"):
            person = await _person(client, body.account_id, body.provider_id or "")
            if isinstance(person, ExecuteResponse):
                return person
        if body.kind == "send_invite":
            res = await client.send_invitation(body.account_id, person, body.text)
            ref = _ref(res.data, "invitation_id", "id") if res else None
        elif body.kind == "send_message":
            res = await client.start_chat(body.account_id, person, body.text or "")
            ref = _ref(res.data, "chat_id", "message_id") if res else None
        else:
            res = await client.cancel_invitation(body.account_id, body.invitation_id or "")
            ref = body.invitation_id
        if res is None:
            return ExecuteResponse(ok=False, code="failed", message="Unipile: not found")
        return ExecuteResponse(ok=True, provider_ref=ref)
    except UnipileAuthError as exc:
        return ExecuteResponse(ok=False, code="restricted", message=exc.message)
    except UnipileError as exc:
        code = {
            "unipile_rate_limited": "rate_limited",
            "unipile_cannot_resend_yet": "cannot_resend_yet",
        }.get(exc.code, "failed")
        return ExecuteResponse(ok=False, code=code, message=exc.message, retryable=exc.retryable)


class HostedLinkRequest(CamelModel):
    name: str
    notify_url: str
    expires_on: str
    success_redirect_url: str | None = None
    failure_redirect_url: str | None = None


class HostedLinkResponse(CamelModel):
    url: str


@router.post("/hosted-link")
async def hosted_link(
    _principal: Annotated[Principal, Depends(require_scope("outreach:connect"))],
    body: HostedLinkRequest,
    client: UnipileDep,
) -> HostedLinkResponse:
    """Unipile's hosted-auth link for connecting a LinkedIn account."""
    res = await client.hosted_link(
        name=body.name,
        notify_url=body.notify_url,
        expires_on=body.expires_on,
        success_redirect_url=body.success_redirect_url,
        failure_redirect_url=body.failure_redirect_url,
    )
    url = _ref(res.data, "url") if res else None
    if not url:
        raise ServiceUnavailable("Unipile returned no hosted-auth link.")
    return HostedLinkResponse(url=url)


class WebhookHeader(CamelModel):
    key: str
    value: str


class WebhookRequest(CamelModel):
    request_url: str
    source: Literal["users", "messaging", "account_status"]
    name: str
    headers: list[WebhookHeader]


class WebhookResponse(CamelModel):
    webhook_id: str | None = None


@router.post("/webhooks")
async def register_webhook(
    _principal: Annotated[Principal, Depends(require_scope("outreach:connect"))],
    body: WebhookRequest,
    client: UnipileDep,
) -> WebhookResponse:
    """Registers one Unipile webhook with the secret header it must send back."""
    res = await client.create_webhook(
        request_url=body.request_url,
        source=body.source,
        name=body.name,
        headers=[{"key": h.key, "value": h.value} for h in body.headers],
    )
    return WebhookResponse(webhook_id=_ref(res.data, "webhook_id", "id") if res else None)
