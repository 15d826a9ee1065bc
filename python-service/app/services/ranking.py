"""Maps wire leads to the pure scoring functions and rounds at the edge.

Results are built as plain camelCase dicts: constructing ~10 pydantic objects per lead made
20,000-lead requests several times slower. ``RankResponse`` still documents the shape, and the
route tests validate real responses against it.
"""

from typing import Any

from app.schemas.rank import RankLeadIn, RankRequest
from app.scoring.rank_leads import LeadFacts, rank_lead


def _facts(lead: RankLeadIn) -> LeadFacts:
    return LeadFacts(
        company=lead.company,
        segment=lead.segment,
        tier=lead.tier,
        products=lead.products,
        certifications=lead.certifications,
        has_rnd=lead.has_rnd,
        years_in_business=lead.years_in_business,
        countries_served=lead.countries_served,
        employees=lead.employees,
        is_manufacturer=lead.is_manufacturer,
        engagement_score=lead.engagement_score,
    )


def rank_request(request: RankRequest) -> dict[str, list[dict[str, Any]]]:
    """Wire-shaped ``{"results": [...]}`` for a validated rank request."""
    results = []
    for lead in request.leads:
        ranked = rank_lead(_facts(lead))
        results.append(
            {
                "id": lead.id,
                "predicted": round(ranked.predicted, 2),
                "fitScore": round(ranked.fit_score, 2),
                "leadScore": round(ranked.lead_score, 2),
                "rawFit": round(ranked.raw_fit, 2),
                "priority": round(ranked.priority, 2),
                "heat": ranked.heat,
                "heatLabel": ranked.heat_label,
                "territory": ranked.territory,
                "breakdown": [
                    {"factor": f.factor, "points": round(f.points, 2), "detail": f.detail}
                    for f in ranked.breakdown
                ],
            }
        )
    return {"results": results}
