"""Wire types of ``POST /v1/rank``.

The request types are TypedDicts, not models: pydantic validates a 10,000-lead request once
and hands back plain dicts (snake_case keys, only the fields the client sent), which is about
a third cheaper than building a model per lead and is what the batch ranker reads. The rules
are the ones the earlier ``CamelModel`` versions had: camelCase on the wire (snake_case also
accepted), unknown fields ignored, the same bounds.
"""

from typing import Annotated, Literal, NotRequired

from pydantic import ConfigDict, Field, TypeAdapter, with_config
from pydantic.alias_generators import to_camel

# pydantic reads TypedDicts from typing_extensions on Python < 3.12 (it refuses typing's).
from typing_extensions import TypedDict

from app.schemas.base import CamelModel

MAX_RANK_LEADS = 20_000

_WIRE = ConfigDict(alias_generator=to_camel, populate_by_name=True, extra="ignore")


@with_config(_WIRE)
class RankLeadIn(TypedDict):
    id: Annotated[str, Field(min_length=1, max_length=200)]
    company: Annotated[str, Field(max_length=500)]
    segment: NotRequired[Annotated[str | None, Field(max_length=500)]]
    tier: NotRequired[int | str | None]
    # Free text ("Implantes, prótese") or a list of product names; both are searched as text.
    products: NotRequired[str | list[str] | None]
    # Free text as spreadsheets write it ("ISO 13485", "ANVISA"); mapped when scoring.
    certifications: NotRequired[
        Annotated[list[Annotated[str, Field(max_length=120)]], Field(max_length=50)]
    ]
    has_rnd: NotRequired[bool]
    years_in_business: NotRequired[Annotated[float | None, Field(ge=0)]]
    countries_served: NotRequired[Annotated[int | None, Field(ge=0)]]
    employees: NotRequired[Annotated[int | None, Field(ge=0)]]
    is_manufacturer: NotRequired[bool]
    engagement_score: NotRequired[Annotated[float | None, Field(ge=0, le=100)]]


@with_config(_WIRE)
class RankRequest(TypedDict):
    leads: Annotated[list[RankLeadIn], Field(max_length=MAX_RANK_LEADS)]


# For callers outside FastAPI (the benchmark, jobs, tests): one validation of the whole request.
RANK_REQUEST = TypeAdapter(RankRequest)


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
    """Documents the response (OpenAPI, tests); the route serialises plain dicts, not these."""

    results: list[RankResultOut]
