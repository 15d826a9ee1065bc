from typing import Annotated

from fastapi import APIRouter, Depends
from fastapi.responses import JSONResponse

from app.api.deps import require_scope
from app.core.security import Principal
from app.schemas.rank import RankRequest, RankResponse
from app.services.ranking import rank_request

router = APIRouter(prefix="/v1", tags=["leads"])


@router.post("/rank", response_model=RankResponse)
def rank(
    _principal: Annotated[Principal, Depends(require_scope("leads:rank"))],
    body: RankRequest,
) -> JSONResponse:
    """Fit V2, lead score, heat and territory for up to 20,000 leads (pure computation).

    The service already returns wire-shaped dicts, so the response skips a second
    pydantic validation pass (it dominated large requests).
    """
    return JSONResponse(rank_request(body))
