"""Wire types of ``POST /v1/enrich``. Optional fields are omitted from responses when empty."""

from typing import Literal

from pydantic import ConfigDict, Field

from app.schemas.base import CamelModel

MAX_ENRICH_LEADS = 25


class EnrichLeadIn(CamelModel):
    id: str = Field(min_length=1, max_length=200)
    company: str = Field(min_length=1, max_length=500)
    website: str | None = Field(default=None, max_length=2000)
    linkedin_url: str | None = Field(default=None, max_length=2000)


class EnrichRequest(CamelModel):
    account_id: str | None = Field(default=None, min_length=1, max_length=200)
    leads: list[EnrichLeadIn] = Field(min_length=1, max_length=MAX_ENRICH_LEADS)


class EnrichErrorOut(CamelModel):
    code: str
    message: str
    retryable: bool


class DecisionMakerOut(CamelModel):
    name: str
    headline: str | None = None
    profile_url: str | None = None
    provider_id: str | None = None
    source: Literal["unipile"] = "unipile"


class CompanyOut(CamelModel):
    industry: str | None = None
    employee_count: int | None = None
    locations: list[str] | None = None
    website: str | None = None
    linkedin_url: str | None = None
    description: str | None = None


class SourceOut(CamelModel):
    field: str
    source: Literal["unipile"] = "unipile"
    url: str
    fetched_at: str


class EnrichResultOut(CamelModel):
    # Lists and the company are always sent (empty when nothing was found): the schema says so,
    # and the Worker's contract test relies on it. (A null `error` is still left out: the route
    # answers with response_model_exclude_none, and the Worker reads it as optional.)
    model_config = CamelModel.model_config | ConfigDict(
        json_schema_serialization_defaults_required=True
    )

    id: str
    status: Literal["enriched", "not_found", "failed"]
    error: EnrichErrorOut | None = None
    decision_makers: list[DecisionMakerOut] = Field(default_factory=list)
    company: CompanyOut = Field(default_factory=CompanyOut)
    sources: list[SourceOut] = Field(default_factory=list)


class EnrichResponse(CamelModel):
    account_id: str | None = None
    results: list[EnrichResultOut]
