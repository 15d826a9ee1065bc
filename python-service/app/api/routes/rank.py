from typing import Annotated

from fastapi import APIRouter, Depends
from fastapi.responses import Response

from app.api.deps import require_scope
from app.core.security import Principal
from app.schemas.rank import RankRequest, RankResponse
from app.services.ranking import rank_response_json

router = APIRouter(prefix="/v1", tags=["leads"])


@router.post("/rank", response_model=RankResponse)
def rank(
    _principal: Annotated[Principal, Depends(require_scope("leads:rank"))],
    body: RankRequest,
) -> Response:
    """Fit V2, lead score, heat and territory for up to 20,000 leads (pure computation).

    The service returns the JSON bytes itself, so FastAPI neither re-validates the results
    against ``RankResponse`` nor encodes them with ``json.dumps`` (together they dominated
    large requests).
    """
    return Response(rank_response_json(body), media_type="application/json")
