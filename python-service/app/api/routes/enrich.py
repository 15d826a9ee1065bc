from typing import Annotated

from fastapi import APIRouter, Depends

from app.api.deps import UnipileDep, require_scope
from app.core.security import Principal
from app.schemas.enrich import EnrichRequest, EnrichResponse
from app.services.enrichment import enrich_leads

router = APIRouter(prefix="/v1", tags=["leads"])


@router.post("/enrich", response_model_exclude_none=True)
async def enrich(
    _principal: Annotated[Principal, Depends(require_scope("leads:enrich"))],
    body: EnrichRequest,
    client: UnipileDep,
) -> EnrichResponse:
    """Decision makers and company facts from LinkedIn via Unipile (≤ 25 leads per call).

    Calls are paced (≥ 2 s by default), so a full batch takes about a minute or two.
    """
    return await enrich_leads(client, body)
