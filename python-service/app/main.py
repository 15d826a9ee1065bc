"""FastAPI entry point: wiring only (routers, lifespan, one problem+json error policy)."""

import logging
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from app import __version__
from app.api.main import api_router
from app.core.config import get_settings
from app.core.errors import PROBLEM_CONTENT_TYPE, ProblemError, problem

logger = logging.getLogger("lifetrek.python")


def _problem_response(body: dict[str, Any], headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse(
        body, status_code=body["status"], media_type=PROBLEM_CONTENT_TYPE, headers=headers
    )


def _error_path(loc: tuple[Any, ...]) -> str:
    parts = [str(p) for p in loc]
    if parts and parts[0] in {"body", "query", "path", "header"}:
        parts = parts[1:]
    return ".".join(parts)


async def _problem_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ProblemError)
    headers = {"WWW-Authenticate": "Bearer"} if exc.status == 401 else None
    return _problem_response(exc.to_problem(), headers)


async def _validation_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = [{"path": _error_path(e["loc"]), "message": e["msg"]} for e in exc.errors()]
    body = problem(400, "Bad Request", "The request body is invalid.", "validation", errors=errors)
    return _problem_response(body)


async def _http_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    title = {404: "Not Found", 405: "Method Not Allowed"}.get(exc.status_code, "HTTP Error")
    body = problem(exc.status_code, title, str(exc.detail), f"http-{exc.status_code}")
    return _problem_response(body, exc.headers)


async def _unexpected_error(_: Request, exc: Exception) -> JSONResponse:
    request_id = uuid.uuid4().hex
    logger.exception("unhandled error request_id=%s", request_id, exc_info=exc)
    body = problem(
        500, "Internal Server Error", "Unexpected error.", "internal", requestId=request_id
    )
    return _problem_response(body)


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    get_settings()  # fail fast on bad configuration (e.g. default secret in production)
    app.state.unipile_clients = {}
    try:
        yield
    finally:
        for client in app.state.unipile_clients.values():
            await client.aclose()


def create_app() -> FastAPI:
    app = FastAPI(
        title="Lifetrek Python service",
        version=__version__,
        description="Lead ranking (fit V2, heatmap, ownership) and Unipile enrichment. "
        "Every route except /health needs a Worker-minted HS256 bearer token.",
        lifespan=lifespan,
    )
    app.state.unipile_clients = {}
    app.include_router(api_router)
    app.add_exception_handler(ProblemError, _problem_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(Exception, _unexpected_error)
    return app


app = create_app()
