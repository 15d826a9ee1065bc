"""Unipile REST client for LinkedIn data (domain.md §5.5).

Endpoints used (base ``https://{DSN}/api/v1``, header ``X-API-KEY``):

- ``GET /accounts`` → ``{"object": "AccountList", "items": [{"id", "type": "LINKEDIN",
  "sources": [{"id", "status": "OK"}]}], "cursor"}``
- ``POST /linkedin/search?account_id=…`` with ``{"api": "classic", "category": "people",
  "advanced_keywords": {"company": …, "title": …}}`` → ``{"object": "LinkedinSearch",
  "items": [{"type": "PEOPLE", "id", "name", "headline", "public_identifier",
  "public_profile_url" | "profile_url"}]}``. We chose the LinkedIn search endpoint over
  ``GET /users/search`` because it filters by company and title server-side.
- ``GET /linkedin/company/{identifier}?account_id=…`` → ``{"object": "CompanyProfile", "id",
  "name", "industry", "employee_count", "locations", "website", "description", "profile_url"}``
- ``GET /users/{identifier}?account_id=…`` → a user profile; every call is a *profile visit*.

Pacing and failure policy:

- Calls for one account are spaced by at least ``min_interval`` seconds on a monotonic clock,
  held across HTTP requests because one instance lives for the whole process (see deps.py).
- 429 → wait ``Retry-After`` (seconds or HTTP date, capped) or the configured backoff, retry at
  most ``max_429_retries`` times, then a retryable ``unipile_rate_limited`` error.
- 422 whose body mentions ``cannot_resend_yet`` → never retried, not retryable.
- 401/403 → :class:`UnipileAuthError`; the caller stops the whole batch.
- 5xx, timeouts and network errors → retryable ``unipile_unavailable``.
- Profile visits (``GET /users/{identifier}``): enrichment makes none (it takes each person's
  provider id from the people search). Outreach makes one when an approved invitation or message
  targets a member profile URL rather than a provider id; the Worker's governor has already
  counted that visit against the account's budget (the AccountBudget Durable Object) before it
  asks for the send.
"""

import asyncio
import email.utils
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote

import httpx

Clock = Callable[[], float]
Sleep = Callable[[float], Awaitable[None]]

DECISION_MAKER_TITLES: tuple[str, ...] = (
    "CEO",
    "Chief Executive Officer",
    "Director",
    "Owner",
    "President",
)
MAX_RETRY_AFTER_SECONDS = 300.0


class UnipileError(Exception):
    """A failed Unipile call, described the way a lead result reports it."""

    def __init__(self, code: str, message: str, *, retryable: bool, status: int | None = None):
        super().__init__(message)
        self.code = code
        self.message = message
        self.retryable = retryable
        self.status = status


class UnipileAuthError(UnipileError):
    """The API key or the LinkedIn account was rejected; nothing else in the batch can work."""

    def __init__(self, message: str, *, status: int | None = None):
        super().__init__("unipile_auth", message, retryable=False, status=status)


@dataclass(frozen=True, slots=True)
class UnipileResponse:
    url: str
    data: dict[str, Any]
    fetched_at: str


class _Pacer:
    """Enforces a minimum gap between the starts of consecutive calls."""

    def __init__(self, interval: float, clock: Clock, sleep: Sleep) -> None:
        self._interval = interval
        self._clock = clock
        self._sleep = sleep
        self._last: float | None = None
        self._lock = asyncio.Lock()

    async def wait_turn(self) -> None:
        async with self._lock:
            if self._last is not None:
                remaining = self._last + self._interval - self._clock()
                if remaining > 0:
                    await self._sleep(remaining)
            self._last = self._clock()


class UnipileClient:
    """One instance per API key, shared by every request of the process.

    Example::

        client = UnipileClient("https://api1.unipile.com:13111/api/v1", "key")
        account_id = await client.find_linkedin_account_id()
        people = await client.search_decision_makers(account_id, "Acme Implantes")
    """

    def __init__(
        self,
        base_url: str,
        api_key: str,
        *,
        min_interval: float = 2.0,
        backoff_429: float = 60.0,
        max_429_retries: int = 2,
        timeout: float = 20.0,
        clock: Clock = time.monotonic,
        sleep: Sleep = asyncio.sleep,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self._http = httpx.AsyncClient(
            base_url=self.base_url,
            headers={"X-API-KEY": api_key, "Accept": "application/json"},
            timeout=timeout,
            transport=transport,
        )
        self._min_interval = min_interval
        self._backoff_429 = backoff_429
        self._max_429_retries = max_429_retries
        self._clock = clock
        self._sleep = sleep
        self._pacers: dict[str | None, _Pacer] = {}

    async def aclose(self) -> None:
        await self._http.aclose()

    # ---- endpoints -------------------------------------------------------------------------

    async def find_linkedin_account_id(self) -> str | None:
        """First LinkedIn account whose status is OK, or None."""
        response = await self._call("GET", "/accounts", account_id=None)
        items = response.data.get("items") if response else None
        for item in items if isinstance(items, list) else []:
            if not isinstance(item, dict):
                continue
            provider = str(item.get("type") or item.get("provider") or "").upper()
            if provider == "LINKEDIN" and _account_ok(item) and item.get("id"):
                return str(item["id"])
        return None

    async def search_decision_makers(
        self,
        account_id: str,
        company: str,
        *,
        titles: tuple[str, ...] = DECISION_MAKER_TITLES,
        limit: int = 3,
    ) -> tuple[UnipileResponse | None, list[dict[str, Any]]]:
        """People currently at ``company`` whose title matches one of ``titles`` (≤ limit)."""
        title_query = " OR ".join(f'"{t}"' if " " in t else t for t in titles)
        body = {
            "api": "classic",
            "category": "people",
            "advanced_keywords": {"company": company, "title": title_query},
            "limit": max(limit, 10),
        }
        response = await self._call("POST", "/linkedin/search", account_id=account_id, json=body)
        if response is None:
            return None, []
        items = response.data.get("items")
        people = [
            item
            for item in (items if isinstance(items, list) else [])
            if isinstance(item, dict)
            and item.get("name")
            and str(item.get("type", "PEOPLE")).upper() == "PEOPLE"
        ]
        return response, people[:limit]

    async def get_company(self, account_id: str, identifier: str) -> UnipileResponse | None:
        """Company page by slug or id; None when LinkedIn does not know it."""
        return await self._call(
            "GET", f"/linkedin/company/{_path_segment(identifier)}", account_id=account_id
        )

    async def get_user(self, account_id: str, identifier: str) -> UnipileResponse | None:
        """``GET /users/{identifier}?account_id=…`` → ``{"object": "UserProfile", "provider_id",
        "public_identifier", …}``; None when LinkedIn has no such member. One profile visit."""
        return await self._call(
            "GET", f"/users/{_path_segment(identifier)}", account_id=account_id, retry_429=False
        )

    async def send_invitation(
        self, account_id: str, provider_id: str, message: str | None
    ) -> UnipileResponse | None:
        """``POST /users/invite`` → ``{"object": "UserInvitationSent", "invitation_id"}``.

        The note is sent exactly as given (≤ 300 characters, checked by the caller's approval);
        a 429 is reported at once, never retried here: the governor pauses the action type.
        """
        body: dict[str, Any] = {"account_id": account_id, "provider_id": provider_id}
        if message:
            body["message"] = message
        return await self._call(
            "POST", "/users/invite", account_id=None, json=body, retry_429=False
        )

    async def start_chat(
        self, account_id: str, attendee_id: str, text: str
    ) -> UnipileResponse | None:
        """``POST /chats`` (multipart: account_id, text, attendees_ids) → ``{"object":
        "ChatStarted", "chat_id", "message_id"}``: a message to a person without a chat id."""
        form = {"account_id": account_id, "text": text, "attendees_ids": attendee_id}
        return await self._call("POST", "/chats", account_id=None, form=form, retry_429=False)

    async def cancel_invitation(
        self, account_id: str, invitation_id: str
    ) -> UnipileResponse | None:
        """``DELETE /users/invite/sent/{invitation_id}?account_id=…``: withdraw a pending one."""
        return await self._call(
            "DELETE",
            f"/users/invite/sent/{_path_segment(invitation_id)}",
            account_id=account_id,
            retry_429=False,
        )

    async def hosted_link(
        self,
        *,
        name: str,
        notify_url: str,
        expires_on: str,
        success_redirect_url: str | None = None,
        failure_redirect_url: str | None = None,
    ) -> UnipileResponse | None:
        """``POST /hosted/accounts/link`` → ``{"object": "HostedAuthURL", "url"}``: a link to
        Unipile's hosted wizard that connects a LinkedIn account; ``notify_url`` receives
        ``{"status": "CREATION_SUCCESS", "account_id", "name"}``."""
        api_url = self.base_url.removesuffix("/api/v1")
        body = {
            "type": "create",
            "providers": ["LINKEDIN"],
            "api_url": api_url,
            "expiresOn": expires_on,
            "notify_url": notify_url,
            "name": name,
        }
        # Where the wizard sends the person back to (our Outreach screen) when they finish.
        if success_redirect_url:
            body["success_redirect_url"] = success_redirect_url
        if failure_redirect_url:
            body["failure_redirect_url"] = failure_redirect_url
        return await self._call("POST", "/hosted/accounts/link", account_id=None, json=body)

    async def create_webhook(
        self, *, request_url: str, source: str, name: str, headers: list[dict[str, str]]
    ) -> UnipileResponse | None:
        """``POST /webhooks`` → ``{"object": "WebhookCreated", "webhook_id"}``. Unipile sends
        ``headers`` on every call, which is how the receiver authenticates it."""
        body: dict[str, Any] = {
            "request_url": request_url,
            "source": source,
            "name": name,
            "format": "json",
            "headers": headers,
        }
        if source == "users":
            body["events"] = ["new_relation"]
        elif source == "messaging":
            body["events"] = ["message_received"]
        return await self._call("POST", "/webhooks", account_id=None, json=body)

    # ---- transport -------------------------------------------------------------------------

    def _pacer(self, account_id: str | None) -> _Pacer:
        pacer = self._pacers.get(account_id)
        if pacer is None:
            pacer = self._pacers[account_id] = _Pacer(self._min_interval, self._clock, self._sleep)
        return pacer

    async def _call(
        self,
        method: str,
        path: str,
        *,
        account_id: str | None,
        json: dict[str, Any] | None = None,
        form: dict[str, str] | None = None,
        retry_429: bool = True,
    ) -> UnipileResponse | None:
        """One logical call with pacing and the retry policy; None on 404."""
        params = {"account_id": account_id} if account_id else None
        retries = 0
        while True:
            await self._pacer(account_id).wait_turn()
            try:
                response = await self._http.request(
                    method,
                    path,
                    params=params,
                    json=json,
                    files={k: (None, v) for k, v in form.items()} if form else None,
                )
            except httpx.TimeoutException as exc:
                raise UnipileError(
                    "unipile_unavailable", "Unipile did not answer in time.", retryable=True
                ) from exc
            except httpx.HTTPError as exc:
                raise UnipileError(
                    "unipile_unavailable", f"Could not reach Unipile: {exc}", retryable=True
                ) from exc

            status = response.status_code
            if status == 429:
                if retry_429 and retries < self._max_429_retries:
                    retries += 1
                    await self._sleep(self._retry_after(response))
                    continue
                raise UnipileError(
                    "unipile_rate_limited",
                    "Unipile/LinkedIn rate limit persists; try again later.",
                    retryable=True,
                    status=status,
                )
            if status in (401, 403):
                raise UnipileAuthError(
                    f"Unipile rejected the API key or LinkedIn account (HTTP {status}); "
                    "reconnect the account in Unipile before enriching again.",
                    status=status,
                )
            if status == 404:
                return None
            if status == 422 and "cannot_resend_yet" in response.text:
                raise UnipileError(
                    "unipile_cannot_resend_yet",
                    "LinkedIn refuses to repeat this action yet; do not retry.",
                    retryable=False,
                    status=status,
                )
            if status >= 500:
                raise UnipileError(
                    "unipile_unavailable",
                    f"Unipile failed with HTTP {status}.",
                    retryable=True,
                    status=status,
                )
            if status >= 400:
                raise UnipileError(
                    "unipile_request_rejected",
                    f"Unipile rejected the request (HTTP {status}): {response.text[:200]}",
                    retryable=False,
                    status=status,
                )
            return UnipileResponse(
                url=str(response.request.url),
                data=_json_object(response),
                fetched_at=datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z"),
            )

    def _retry_after(self, response: httpx.Response) -> float:
        header = (response.headers.get("Retry-After") or "").strip()
        if not header:
            return self._backoff_429
        try:
            delay = float(header)
        except ValueError:
            try:
                when = email.utils.parsedate_to_datetime(header)
            except (TypeError, ValueError):
                return self._backoff_429
            if when.tzinfo is None:
                when = when.replace(tzinfo=UTC)
            delay = (when - datetime.now(UTC)).total_seconds()
        return min(max(delay, 0.0), MAX_RETRY_AFTER_SECONDS)


def _account_ok(item: dict[str, Any]) -> bool:
    if str(item.get("status", "")).upper() == "OK":
        return True
    sources = item.get("sources")
    return isinstance(sources, list) and any(
        isinstance(s, dict) and str(s.get("status", "")).upper() == "OK" for s in sources
    )


def _json_object(response: httpx.Response) -> dict[str, Any]:
    try:
        data = response.json()
    except ValueError as exc:
        raise UnipileError(
            "unipile_bad_response", "Unipile answered with invalid JSON.", retryable=True
        ) from exc
    if not isinstance(data, dict):
        raise UnipileError(
            "unipile_bad_response", "Unipile answered with an unexpected shape.", retryable=True
        )
    return data


def _path_segment(identifier: str) -> str:
    return quote(identifier.strip(), safe="")
