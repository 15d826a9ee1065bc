"""Wire types of ``POST /v1/rank``."""

from typing import Annotated, Literal

from pydantic import Field

from app.schemas.base import CamelModel

MAX_RANK_LEADS = 20_000


class RankLeadIn(CamelModel):
    id: str = Field(min_length=1, max_length=200)
    company: str = Field(max_length=500)
    segment: str | None = Field(default=None, max_length=500)
    tier: int | str | None = None
    # Free text ("Implantes, prótese") or a list of product names; both are searched as text.
    products: str | list[str] | None = None
    # Free text as spreadsheets write it ("ISO 13485", "ANVISA"); mapped when scoring.
    certifications: list[Annotated[str, Field(max_length=120)]] = Field(
        default_factory=list, max_length=50
    )
    has_rnd: bool = False
    years_in_business: float | None = Field(default=None, ge=0)
    countries_served: int | None = Field(default=None, ge=0)
    employees: int | None = Field(default=None, ge=0)
    is_manufacturer: bool = False
    engagement_score: float | None = Field(default=None, ge=0, le=100)


class RankRequest(CamelModel):
    leads: list[RankLeadIn] = Field(max_length=MAX_RANK_LEADS)


class FactorOut(CamelModel):
    factor: str
    points: float
    detail: str


class RankResultOut(CamelModel):
    id: str
    predicted: float
    fit_score: float
    lead_score: float
    raw_fit: float
    priority: float
    heat: Literal["HOT", "WARM", "COLD"]
    heat_label: Literal["HOT 🔥", "WARM ⚠️", "COLD ❄️"]
    territory: Literal["manufacturing", "commercial", "unassigned"]
    breakdown: list[FactorOut]


class RankResponse(CamelModel):
    results: list[RankResultOut]
