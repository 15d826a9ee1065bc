"""A real HTTP fake of the Unipile API, served by uvicorn on 127.0.0.1 in a thread.

Wire shapes it speaks (a plausible subset of Unipile's v1 API):

- ``GET  /api/v1/accounts`` → ``{"object": "AccountList", "items": [{"object": "Account",
  "id", "type": "LINKEDIN", "name", "sources": [{"id", "status": "OK"}]}], "cursor": null}``
- ``POST /api/v1/linkedin/search?account_id=`` body ``{"api": "classic", "category": "people",
  "advanced_keywords": {"company", "title"}}`` → ``{"object": "LinkedinSearch", "items":
  [{"object": "SearchResult", "type": "PEOPLE", "id", "name", "headline", "public_identifier",
  "public_profile_url", "location"}], "paging": {...}, "cursor": null}``
- ``GET  /api/v1/linkedin/company/{id}?account_id=`` → ``{"object": "CompanyProfile", "id",
  "name", "public_identifier", "profile_url", "industry": [..], "employee_count", "locations":
  [{"is_headquarter", "country", "city", "area"}], "website", "description"}`` or 404
  ``{"status": 404, "type": "errors/resource_not_found", "title": "Resource not found."}``
- ``GET  /api/v1/users/{id}?account_id=`` → ``{"object": "UserProfile", "provider_id", ...}``
- ``POST /api/v1/users/invite`` body ``{"account_id", "provider_id", "message"?}`` → 201
  ``{"object": "UserInvitationSent", "invitation_id"}``; a ``provider_id`` that is not one (a
  URL) → 400 ``errors/invalid_parameters``, as LinkedIn knows no such member

Errors use Unipile's problem shape ``{"status", "type", "title", "detail"}``. Tests script
failures with :meth:`FakeUnipile.fail_next`, and read :attr:`FakeUnipile.calls`.
"""

import socket
import threading
import time
from dataclasses import dataclass, field
from typing import Any

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

API_KEY = "test-unipile-key"
ACCOUNT_ID = "acc_linkedin_1"


@dataclass
class Call:
    method: str
    path: str
    query: dict[str, str]
    body: Any
    at: float


@dataclass
class FakeUnipile:
    base_url: str = ""
    calls: list[Call] = field(default_factory=list)
    accounts: list[dict[str, Any]] = field(default_factory=list)
    # lower-cased company name → people items
    people: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    # company identifier (slug) → company profile
    companies: dict[str, dict[str, Any]] = field(default_factory=dict)
    # path → queued (status, body, headers) answers served before the normal handler
    scripted: dict[str, list[tuple[int, dict[str, Any], dict[str, str]]]] = field(
        default_factory=dict
    )

    def reset(self) -> None:
        self.calls.clear()
        self.scripted.clear()
        self.people.clear()
        self.companies.clear()
        self.accounts[:] = [
            {
                "object": "Account",
                "id": "acc_mail_1",
                "type": "GOOGLE_OAUTH",
                "name": "mail",
                "sources": [{"id": "acc_mail_1_MAILS", "status": "OK"}],
            },
            {
                "object": "Account",
                "id": "acc_linkedin_down",
                "type": "LINKEDIN",
                "name": "old",
                "sources": [{"id": "acc_linkedin_down_MESSAGING", "status": "CREDENTIALS"}],
            },
            {
                "object": "Account",
                "id": ACCOUNT_ID,
                "type": "LINKEDIN",
                "name": "Márcio",
                "sources": [{"id": f"{ACCOUNT_ID}_MESSAGING", "status": "OK"}],
            },
        ]

    def fail_next(
        self, path: str, status: int, body: dict[str, Any] | None = None, **headers: str
    ) -> None:
        error = body or {"status": status, "type": f"errors/{status}", "title": "Scripted"}
        self.scripted.setdefault(path, []).append((status, error, headers))

    def calls_to(self, path: str) -> list[Call]:
        return [c for c in self.calls if c.path == path]

    # ---- ASGI app --------------------------------------------------------------------------

    async def _record(self, request: Request) -> JSONResponse | None:
        body = None
        if request.method == "POST":
            body = await request.json()
        path = request.url.path.removeprefix("/api/v1")
        self.calls.append(
            Call(request.method, path, dict(request.query_params), body, time.monotonic())
        )
        if request.headers.get("x-api-key") != API_KEY:
            return _error(401, "errors/invalid_credentials", "Invalid API key.")
        queued = self.scripted.get(path)
        if queued:
            status, payload, headers = queued.pop(0)
            return JSONResponse(payload, status_code=status, headers=headers)
        # Account-level calls name the account; the API-level ones (accounts, hosted auth) do not.
        if (
            path not in ("/accounts", "/hosted/accounts/link", "/users/invite")
            and request.query_params.get("account_id") != ACCOUNT_ID
        ):
            return _error(401, "errors/disconnected_account", "Unknown or disconnected account.")
        return None

    async def list_accounts(self, request: Request) -> JSONResponse:
        early = await self._record(request)
        if early:
            return early
        return JSONResponse({"object": "AccountList", "items": self.accounts, "cursor": None})

    async def search(self, request: Request) -> JSONResponse:
        early = await self._record(request)
        if early:
            return early
        body = self.calls[-1].body or {}
        if body.get("api") != "classic" or body.get("category") != "people":
            return _error(400, "errors/invalid_parameters", "Unsupported search.")
        company = str(body.get("advanced_keywords", {}).get("company", "")).lower()
        items = self.people.get(company, [])
        return JSONResponse(
            {
                "object": "LinkedinSearch",
                "items": items,
                "paging": {"start": 0, "page_count": len(items), "total_count": len(items)},
                "cursor": None,
            }
        )

    async def company(self, request: Request) -> JSONResponse:
        early = await self._record(request)
        if early:
            return early
        found = self.companies.get(request.path_params["identifier"])
        if found is None:
            return _error(404, "errors/resource_not_found", "Resource not found.")
        return JSONResponse({"object": "CompanyProfile", **found})

    async def user(self, request: Request) -> JSONResponse:
        early = await self._record(request)
        if early:
            return early
        identifier = request.path_params["identifier"]
        return JSONResponse(
            {
                "object": "UserProfile",
                "provider": "LINKEDIN",
                "provider_id": f"ACoA{identifier}",
                "public_identifier": identifier,
                "first_name": "Ana",
                "last_name": "Souza",
                "headline": "CEO",
            }
        )

    async def invite(self, request: Request) -> JSONResponse:
        early = await self._record(request)
        if early:
            return early
        body = self.calls[-1].body or {}
        if body.get("account_id") != ACCOUNT_ID:
            return _error(401, "errors/disconnected_account", "Unknown or disconnected account.")
        provider_id = str(body.get("provider_id", ""))
        if not provider_id or "/" in provider_id or ":" in provider_id:
            return _error(400, "errors/invalid_parameters", "Invalid provider_id.")
        return JSONResponse(
            {"object": "UserInvitationSent", "invitation_id": f"inv_{len(self.calls)}"},
            status_code=201,
        )

    async def hosted_link(self, request: Request) -> JSONResponse:
        early = await self._record(request)
        if early:
            return early
        name = (self.calls[-1].body or {}).get("name", "")
        return JSONResponse(
            {"object": "HostedAuthURL", "url": f"https://account.unipile.test/hosted/{name}"},
            status_code=201,
        )

    def asgi(self) -> Starlette:
        return Starlette(
            routes=[
                Route("/api/v1/accounts", self.list_accounts, methods=["GET"]),
                Route("/api/v1/linkedin/search", self.search, methods=["POST"]),
                Route("/api/v1/linkedin/company/{identifier}", self.company, methods=["GET"]),
                Route("/api/v1/users/invite", self.invite, methods=["POST"]),
                Route("/api/v1/users/{identifier}", self.user, methods=["GET"]),
                Route("/api/v1/hosted/accounts/link", self.hosted_link, methods=["POST"]),
            ]
        )


def _error(status: int, kind: str, title: str) -> JSONResponse:
    return JSONResponse({"status": status, "type": kind, "title": title}, status_code=status)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class RunningFake:
    """Starts the fake on a free port; ``stop()`` shuts uvicorn down cleanly."""

    def __init__(self) -> None:
        self.fake = FakeUnipile()
        self.fake.reset()
        port = _free_port()
        config = uvicorn.Config(
            self.fake.asgi(), host="127.0.0.1", port=port, log_level="warning", lifespan="off"
        )
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, daemon=True)
        self._thread.start()
        deadline = time.monotonic() + 5
        while not self._server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("fake Unipile did not start")
            time.sleep(0.01)
        self.fake.base_url = f"http://127.0.0.1:{port}/api/v1"

    def stop(self) -> None:
        self._server.should_exit = True
        self._thread.join(timeout=5)
