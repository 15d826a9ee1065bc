"""Fit score V2, lead score and heatmap — domain.md §5.1 and §5.3, preserved exactly.

Pure functions over plain values: no I/O, no pydantic, trivial to test. ``rank_lead`` is the
plain statement of the rules, one lead at a time; ``rank_batch`` applies the same rules to a
whole request (what ``POST /v1/rank`` runs) and is tested to give exactly its results. Scores
stay unrounded here; the API rounds to 2 decimals on output.
"""

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal

from app.scoring.ownership import Territory, territory_for

Heat = Literal["HOT", "WARM", "COLD"]

BASE_POINTS = 4.0
MAX_SCORE = 10.0
ENGAGEMENT_WEIGHT = 2.0
HOT_THRESHOLD = 9.0
WARM_THRESHOLD = 7.0
HEAT_LABELS: dict[Heat, str] = {"HOT": "HOT 🔥", "WARM": "WARM ⚠️", "COLD": "COLD ❄️"}

POSITIVE_PRODUCTS: tuple[str, ...] = ("implantes", "cirúrgicos", "prótese")
NEGATIVE_PRODUCTS: tuple[str, ...] = ("luvas", "seringas", "agulhas", "descartáveis")
# Checked in this order; the first brand found wins and no other brand adds points.
BRAND_BONUSES: tuple[tuple[str, float], ...] = (
    *((name, 3.0) for name in ("j&j", "johnson", "biomet", "zimmer", "stryker")),
    *(
        (name, 1.5)
        for name in ("straumann", "neodent", "arthrex", "align", "dentsply", "biotronik")
    ),
)
CERTIFICATIONS: frozenset[str] = frozenset({"FDA", "CE", "ISO"})
# domain.md §5.3: what spreadsheets write, mapped onto the scoring vocabulary. Matched on the
# upper-cased text with spaces removed; anything else (ANVISA, INMETRO…) is kept but scores 0.
_CERT_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^ISO(\d|$|[-:/])"), "ISO"),
    (re.compile(r"^FDA"), "FDA"),
    (re.compile(r"^(CE|MDR)($|[-:/(\d]|MARK|MDR)"), "CE"),
)

_TIER_PATTERN = re.compile(r"^(?:tier\s*)?([123])$")
_TIER_VALUES = {1: 3, 2: 2, 3: 1}


@dataclass(slots=True)
class LeadFacts:
    """What ranking needs to know about one lead (all optional except the company name)."""

    company: str
    segment: str | None = None
    tier: int | str | None = None
    products: str | Iterable[str] | None = None
    certifications: Iterable[str] = ()
    has_rnd: bool = False
    years_in_business: float | None = None
    countries_served: int | None = None
    employees: int | None = None
    is_manufacturer: bool = False
    engagement_score: float | None = None


# Not frozen: a frozen dataclass assigns through object.__setattr__, and ranking builds ~9 of
# these per lead (a third of the time of a 10,000-lead request went to their constructors).
@dataclass(slots=True)
class Factor:
    factor: str
    points: float
    detail: str


@dataclass(slots=True)
class LeadRank:
    predicted: float
    fit_score: float
    lead_score: float
    heat: Heat
    # domain.md §5.3 (ordering): fit without the upper caps, and that plus engagement.
    raw_fit: float
    priority: float
    territory: Territory
    breakdown: list[Factor] = field(default_factory=list)

    @property
    def heat_label(self) -> str:
        return HEAT_LABELS[self.heat]


def _norm(text: str) -> str:
    return unicodedata.normalize("NFC", text).lower()


def tier_value(tier: int | str | None) -> int:
    """1 / "1" / "Tier 1" → 3, 2 → 2, 3 → 1, anything else → 0."""
    if tier is None or isinstance(tier, bool):
        return 0
    if isinstance(tier, int):
        return _TIER_VALUES.get(tier, 0)
    return _tier_text_value(tier)


@lru_cache(maxsize=1024)
def _tier_text_value(tier: str) -> int:
    match = _TIER_PATTERN.match(tier.strip().lower())
    return _TIER_VALUES[int(match.group(1))] if match else 0


# Segments, product lists, tiers and certifications repeat across a lead list (a CRM export has
# a few dozen distinct values in thousands of rows), so the text-derived parts are memoised:
# ranking 10,000 leads then spends its time on arithmetic, not on the same string work again.
_memo = lru_cache(maxsize=16_384)


@_memo
def segment_value(segment: str | None) -> int:
    """+1 when the segment mentions "implantes", −1 when it mentions "dispositivos", else 0."""
    if not segment:
        return 0
    lowered = _norm(segment)
    if "implantes" in lowered:
        return 1
    if "dispositivos" in lowered:
        return -1
    return 0


def _products_text(products: str | Iterable[str] | None) -> str:
    """The products as one raw text (normalised inside the memoised functions that read it)."""
    if not products:
        return ""
    if isinstance(products, str):
        return products
    return " | ".join(products)


def product_value(products: str | Iterable[str] | None) -> int:
    """+1 per positive keyword present, −1 per negative keyword present (each counted once)."""
    return _product_text_value(_products_text(products))


@_memo
def _product_text_value(raw: str) -> int:
    text = _norm(raw)
    if not text:
        return 0
    positives = sum(1 for keyword in POSITIVE_PRODUCTS if keyword in text)
    negatives = sum(1 for keyword in NEGATIVE_PRODUCTS if keyword in text)
    return positives - negatives


def predicted_score(
    tier: int | str | None, segment: str | None, products: str | Iterable[str] | None
) -> float:
    """``clamp(4 + tierVal + 2·segmentVal + 0.5·productVal, 0, 10)``."""
    raw = (
        BASE_POINTS + tier_value(tier) + 2 * segment_value(segment) + 0.5 * product_value(products)
    )
    return min(MAX_SCORE, max(0.0, raw))


# One pass to find out whether any brand is present (most companies mention none); the ordered
# loop below then decides which one wins.
_ANY_BRAND = re.compile("|".join(re.escape(name) for name, _ in BRAND_BONUSES))


def brand_bonus(company: str) -> tuple[str, float] | None:
    lowered = _norm(company)
    if not _ANY_BRAND.search(lowered):
        return None
    for name, points in BRAND_BONUSES:
        if name in lowered:
            return name, points
    return None


@_memo
def certification_kind(text: str) -> str | None:
    """Spreadsheet text → FDA / CE / ISO, or None (ANVISA and others score nothing).

    "ISO 13485" / "ISO 9001" → ISO, "FDA 510(k)" → FDA, "CE" / "MDR" / "CE/MDR" → CE.
    """
    compact = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).upper()
    for pattern, kind in _CERT_PATTERNS:
        if pattern.match(compact):
            return kind
    return None


def certification_bonus(certifications: Iterable[str]) -> tuple[int, float]:
    count = len({certification_kind(c) for c in certifications} & CERTIFICATIONS)
    if count >= 2:
        return count, 2.0
    if count == 1:
        return count, 1.0
    return 0, 0.0


def heat_for(lead_score: float | None) -> Heat:
    """HOT ≥ 9.0, WARM ≥ 7.0, else COLD; a missing score counts as 0."""
    # Rounding to 9 places absorbs float noise (8.999999999 from 7.3 + 1.7) without
    # moving any real boundary.
    score = round(lead_score or 0.0, 9)
    if score >= HOT_THRESHOLD:
        return "HOT"
    if score >= WARM_THRESHOLD:
        return "WARM"
    return "COLD"


def rank_lead(lead: LeadFacts) -> LeadRank:
    """Score one lead and explain every non-zero factor.

    The breakdown's points always sum to ``lead_score``: when a cap at 10 (or the 0 floor)
    removes points, a ``cap`` entry with the signed difference is added.

    Example: ``rank_lead(LeadFacts(company="Stryker", tier=1)).fit_score == 10.0``
    """
    breakdown = [Factor("base", BASE_POINTS, "Base score")]

    tier_points = float(tier_value(lead.tier))
    if tier_points:
        breakdown.append(Factor("tier", tier_points, f"Tier {lead.tier}"))
    segment_points = 2.0 * segment_value(lead.segment)
    if segment_points:
        breakdown.append(Factor("segment", segment_points, f"Segment: {lead.segment}"))
    product_points = 0.5 * product_value(lead.products)
    if product_points:
        breakdown.append(Factor("products", product_points, _product_detail(lead.products)))

    raw_predicted = BASE_POINTS + tier_points + segment_points + product_points
    predicted = min(MAX_SCORE, max(0.0, raw_predicted))

    bonuses: list[Factor] = []
    brand = brand_bonus(lead.company)
    if brand:
        bonuses.append(Factor("brand", brand[1], f"Global brand match: {brand[0]}"))
    cert_count, cert_points = certification_bonus(lead.certifications)
    if cert_points:
        bonuses.append(Factor("certifications", cert_points, f"{cert_count} of FDA/CE/ISO"))
    if lead.has_rnd:
        bonuses.append(Factor("rnd", 1.5, "Has R&D"))
    if lead.years_in_business is not None and lead.years_in_business >= 20:
        bonuses.append(Factor("years", 1.0, f"{lead.years_in_business:g} years in business"))
    if lead.countries_served is not None and lead.countries_served >= 10:
        bonuses.append(Factor("countries", 1.0, f"Serves {lead.countries_served} countries"))
    if lead.employees is not None and lead.employees >= 100:
        bonuses.append(Factor("employees", 1.0, f"{lead.employees} employees"))
    if lead.is_manufacturer:
        bonuses.append(Factor("manufacturer", 1.0, "Manufacturer"))
    breakdown.extend(bonuses)

    bonus_points = sum([f.points for f in bonuses])
    fit = min(MAX_SCORE, predicted + bonus_points)

    engagement = lead.engagement_score or 0.0
    engagement_points = ENGAGEMENT_WEIGHT * engagement / 100
    if engagement_points:
        breakdown.append(Factor("engagement", engagement_points, f"Engagement {engagement:g}/100"))
    lead_score = min(MAX_SCORE, fit + engagement_points)

    uncapped = raw_predicted + bonus_points + engagement_points
    if abs(uncapped - lead_score) > 1e-9:
        breakdown.append(Factor("cap", lead_score - uncapped, "Score limited to 0–10"))
    # Only the upper caps are lifted for ordering; the 0 floor of the predicted score stays.
    raw_fit = max(0.0, raw_predicted) + bonus_points

    return LeadRank(
        predicted=predicted,
        fit_score=fit,
        lead_score=lead_score,
        heat=heat_for(lead_score),
        raw_fit=raw_fit,
        priority=raw_fit + engagement_points,
        territory=territory_for(lead.segment),
        breakdown=breakdown,
    )


def _product_detail(products: str | Iterable[str] | None) -> str:
    return _product_text_detail(_products_text(products))


@_memo
def _product_text_detail(raw: str) -> str:
    text = _norm(raw)
    found = [k for k in POSITIVE_PRODUCTS if k in text]
    found += [f"-{k}" for k in NEGATIVE_PRODUCTS if k in text]
    return "Products: " + ", ".join(found)
