"""One small error hierarchy, answered as RFC 9457 problem+json by the handlers in main.py."""

from typing import Any

PROBLEM_CONTENT_TYPE = "application/problem+json"
PROBLEM_BASE = "https://lifetrek.app/problems/"


class ProblemError(Exception):
    """An error that maps to one HTTP problem response."""

    status: int = 500
    title: str = "Internal Server Error"
    slug: str = "internal"

    def __init__(self, detail: str, *, extra: dict[str, Any] | None = None) -> None:
        super().__init__(detail)
        self.detail = detail
        self.extra = extra or {}

    def to_problem(self) -> dict[str, Any]:
        return problem(self.status, self.title, self.detail, self.slug, **self.extra)


class Unauthorized(ProblemError):
    status = 401
    title = "Unauthorized"
    slug = "unauthorized"


class Forbidden(ProblemError):
    status = 403
    title = "Forbidden"
    slug = "forbidden"


class ServiceUnavailable(ProblemError):
    status = 503
    title = "Service Unavailable"
    slug = "service-unavailable"


def problem(status: int, title: str, detail: str, slug: str, **extra: Any) -> dict[str, Any]:
    return {
        "type": PROBLEM_BASE + slug,
        "title": title,
        "status": status,
        "detail": detail,
        **extra,
    }
