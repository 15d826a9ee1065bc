"""Ranks a whole validated batch straight to wire dicts — the hot path of ``POST /v1/rank``.

The rules are ``rank_lead``'s (domain.md §5.1, §5.3), laid out for 10,000+ leads at a time:
a lead list repeats a few dozen tiers, segments, product texts and certification sets, so
everything derived from them (points, breakdown entries, territory, the capped predicted
score) is computed once per distinct value in per-call dicts. Per lead only a brand search,
threshold checks, a few float operations and one result dict remain. Arithmetic is written
exactly as in ``rank_lead`` so the floats, and so the JSON, are identical;
``tests/scoring/test_rank_batch.py`` checks that on a large generated batch.

Breakdown entries that do not depend on the lead (``base``, ``rnd``, a given tier's points…)
are one dict shared by every result that has them: the results are meant to be serialised,
so treat them as read-only.
"""

from collections.abc import Mapping, Sequence
from typing import Any
from unicodedata import normalize

from app.scoring.ownership import territory_for
from app.scoring.rank_leads import (
    _ANY_BRAND,
    BASE_POINTS,
    BRAND_BONUSES,
    CERTIFICATIONS,
    ENGAGEMENT_WEIGHT,
    HEAT_LABELS,
    HOT_THRESHOLD,
    MAX_SCORE,
    WARM_THRESHOLD,
    _product_detail,
    certification_kind,
    product_value,
    segment_value,
    tier_value,
)

Factor = dict[str, Any]
# raw predicted, round(predicted, 2), breakdown entries so far, territory
_Head = tuple[float, float, float, tuple[Factor, ...], str]


def _factor(name: str, points: float, detail: str) -> Factor:
    return {"factor": name, "points": round(points, 2), "detail": detail}


_BASE = _factor("base", BASE_POINTS, "Base score")
_RND = _factor("rnd", 1.5, "Has R&D")
_MANUFACTURER = _factor("manufacturer", 1.0, "Manufacturer")
_BRANDS: tuple[tuple[str, float, Factor], ...] = tuple(
    (name, points, _factor("brand", points, f"Global brand match: {name}"))
    for name, points in BRAND_BONUSES
)


def _head(tier: Any, segment: str | None, products: Any) -> _Head:
    """Everything that depends only on tier, segment and products."""
    breakdown = [_BASE]
    tier_points = float(tier_value(tier))
    if tier_points:
        breakdown.append(_factor("tier", tier_points, f"Tier {tier}"))
    segment_points = 2.0 * segment_value(segment)
    if segment_points:
        breakdown.append(_factor("segment", segment_points, f"Segment: {segment}"))
    product_points = 0.5 * product_value(products)
    if product_points:
        breakdown.append(_factor("products", product_points, _product_detail(products)))
    raw_predicted = BASE_POINTS + tier_points + segment_points + product_points
    predicted = min(MAX_SCORE, max(0.0, raw_predicted))
    return raw_predicted, predicted, round(predicted, 2), tuple(breakdown), territory_for(segment)


def _certifications(certifications: Sequence[str]) -> tuple[float, Factor | None]:
    count = len({certification_kind(c) for c in certifications} & CERTIFICATIONS)
    points = 2.0 if count >= 2 else 1.0 if count == 1 else 0.0
    return points, _factor("certifications", points, f"{count} of FDA/CE/ISO") if points else None


def _engagement(engagement: float) -> tuple[float, Factor | None]:
    points = ENGAGEMENT_WEIGHT * engagement / 100
    detail = f"Engagement {engagement:g}/100"
    # A subnormal engagement can give 0 points: then, as in rank_lead, no breakdown entry.
    return points, _factor("engagement", points, detail) if points else None


def _brand(company: str) -> tuple[str, float, Factor] | None:
    lowered = normalize("NFC", company).lower()
    if not _ANY_BRAND.search(lowered):  # most companies name no brand: one regex pass decides
        return None
    for brand in _BRANDS:
        if brand[0] in lowered:
            return brand
    return None


def rank_batch(leads: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Wire-shaped results, in order, for leads validated by ``RankLeadIn`` (snake_case dicts).

    Example: ``rank_batch([{"id": "a", "company": "Stryker", "tier": 1}])[0]["fitScore"] == 10.0``
    """
    heads: dict[tuple[Any, ...], _Head] = {}
    certs_memo: dict[tuple[str, ...], tuple[float, Factor | None]] = {}
    years_memo: dict[float, Factor] = {}
    countries_memo: dict[int, Factor] = {}
    employees_memo: dict[int, Factor] = {}
    engagement_memo: dict[float, tuple[float, Factor | None]] = {}
    labels = HEAT_LABELS
    results: list[dict[str, Any]] = []
    append = results.append

    for lead in leads:
        get = lead.get
        tier = get("tier")
        segment = get("segment")
        products = get("products")
        # The tier's type is part of the key: True == 1 as a dict key, but scores 0.
        key = (
            tier.__class__,
            tier,
            segment,
            tuple(products) if products.__class__ is list else products,
        )
        head = heads.get(key)
        if head is None:
            head = heads[key] = _head(tier, segment, products)
        raw_predicted, predicted, predicted_out, head_factors, territory = head
        breakdown = list(head_factors)

        bonus_points = 0.0
        brand = _brand(lead["company"])
        if brand is not None:
            breakdown.append(brand[2])
            bonus_points += brand[1]
        certifications = get("certifications")
        if certifications:
            cert_key = tuple(certifications)
            cert = certs_memo.get(cert_key)
            if cert is None:
                cert = certs_memo[cert_key] = _certifications(certifications)
            if cert[1] is not None:
                breakdown.append(cert[1])
                bonus_points += cert[0]
        if get("has_rnd"):
            breakdown.append(_RND)
            bonus_points += 1.5
        years = get("years_in_business")
        if years is not None and years >= 20:
            factor = years_memo.get(years)
            if factor is None:
                factor = years_memo[years] = _factor("years", 1.0, f"{years:g} years in business")
            breakdown.append(factor)
            bonus_points += 1.0
        countries = get("countries_served")
        if countries is not None and countries >= 10:
            factor = countries_memo.get(countries)
            if factor is None:
                factor = countries_memo[countries] = _factor(
                    "countries", 1.0, f"Serves {countries} countries"
                )
            breakdown.append(factor)
            bonus_points += 1.0
        employees = get("employees")
        if employees is not None and employees >= 100:
            factor = employees_memo.get(employees)
            if factor is None:
                factor = employees_memo[employees] = _factor(
                    "employees", 1.0, f"{employees} employees"
                )
            breakdown.append(factor)
            bonus_points += 1.0
        if get("is_manufacturer"):
            breakdown.append(_MANUFACTURER)
            bonus_points += 1.0

        fit = min(MAX_SCORE, predicted + bonus_points)
        engagement = get("engagement_score") or 0.0
        if engagement:
            memo = engagement_memo.get(engagement)
            if memo is None:
                memo = engagement_memo[engagement] = _engagement(engagement)
            engagement_points = memo[0]
            if memo[1] is not None:
                breakdown.append(memo[1])
        else:
            engagement_points = 0.0
        lead_score = min(MAX_SCORE, fit + engagement_points)

        uncapped = raw_predicted + bonus_points + engagement_points
        if abs(uncapped - lead_score) > 1e-9:
            breakdown.append(_factor("cap", lead_score - uncapped, "Score limited to 0–10"))
        raw_fit = max(0.0, raw_predicted) + bonus_points

        # heat_for: rounding to 9 places absorbs float noise without moving a boundary.
        rounded = round(lead_score, 9)
        if rounded >= HOT_THRESHOLD:
            heat = "HOT"
        elif rounded >= WARM_THRESHOLD:
            heat = "WARM"
        else:
            heat = "COLD"
        append(
            {
                "id": lead["id"],
                "predicted": predicted_out,
                "fitScore": round(fit, 2),
                "leadScore": round(lead_score, 2),
                "rawFit": round(raw_fit, 2),
                "priority": round(raw_fit + engagement_points, 2),
                "heat": heat,
                "heatLabel": labels[heat],
                "territory": territory,
                "breakdown": breakdown,
            }
        )
    return results
