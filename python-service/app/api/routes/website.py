from typing import Annotated, Literal

import httpx
from fastapi import APIRouter, Depends
from pydantic import Field

from app.api.deps import SettingsDep, require_scope
from app.core.security import Principal
from app.schemas.base import CamelModel
from app.services.website import Limits, site_facts

router = APIRouter(prefix="/v1", tags=["leads"])


class WebsiteFactsIn(CamelModel):
    website: str = Field(min_length=1, max_length=2000)


class WebsiteFactOut(CamelModel):
    kind: Literal["certification", "rnd", "machining", "products"]
    value: str
    url: str
    quote: str
    source: Literal["website"] = "website"


class WebsiteErrorOut(CamelModel):
    url: str
    code: str
    message: str


class WebsiteFactsOut(CamelModel):
    pages: list[str]
    facts: list[WebsiteFactOut]
    errors: list[WebsiteErrorOut]


@router.post("/website-facts")
async def website_facts(
    _principal: Annotated[Principal, Depends(require_scope("leads:enrich"))],
    body: WebsiteFactsIn,
    settings: SettingsDep,
) -> WebsiteFactsOut:
    """Products, certifications, machining and R&D facts from a company's own website, each with
    the page URL and the sentence quoted (≤ 3 pages, robots.txt respected, size/time capped)."""
    # Private addresses only where the fakes live (development and tests), never when deployed.
    limits = Limits(allow_private=settings.ENVIRONMENT in ("development", "test"))
    async with httpx.AsyncClient(timeout=httpx.Timeout(5.0), follow_redirects=False) as client:
        result = await site_facts(client, body.website, limits)
    return WebsiteFactsOut(
        pages=result.pages,
        facts=[WebsiteFactOut(**vars(f)) for f in result.facts],
        errors=[WebsiteErrorOut(**e) for e in result.errors],
    )
