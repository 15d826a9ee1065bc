import math

import pytest

from app.scoring.rank_leads import (
    HEAT_LABELS,
    LeadFacts,
    certification_kind,
    heat_for,
    predicted_score,
    product_value,
    rank_lead,
    segment_value,
    tier_value,
)


@pytest.mark.parametrize(
    ("tier", "expected"),
    [
        (1, 3), ("1", 3), ("Tier 1", 3), ("tier 1", 3), (" TIER1 ", 3),
        (2, 2), ("2", 2), ("Tier 2", 2),
        (3, 1), ("3", 1), ("Tier 3", 1),
        (0, 0), (4, 0), ("Tier 4", 0), ("A", 0), ("", 0), (None, 0), (True, 0),
    ],
)  # fmt: skip
def test_tier_value(tier: int | str | None, expected: int) -> None:
    assert tier_value(tier) == expected


@pytest.mark.parametrize(
    ("segment", "expected"),
    [
        ("Implantes Odontológicos", 1),
        ("IMPLANTES ortopédicos", 1),
        ("Dispositivos Médicos", -1),
        ("Implantes e Dispositivos", 1),  # "implantes" is checked first
        ("Implante", 0),  # singular does not contain "implantes"
        ("Distribuidor", 0),
        (None, 0),
    ],
)
def test_segment_value(segment: str | None, expected: int) -> None:
    assert segment_value(segment) == expected


@pytest.mark.parametrize(
    ("products", "expected"),
    [
        ("Implantes dentários", 1),
        ("implantes, instrumentos cirúrgicos, prótese de quadril", 3),
        ("Implantes implantes IMPLANTES", 1),  # each keyword counts once
        ("luvas, seringas, agulhas e descartáveis", -4),
        ("CIRÚRGICOS e luvas", 0),
        (["Prótese", "Seringas"], 0),
        (["Implantes", "cirúrgicos"], 2),
        ("parafusos", 0),
        ("", 0),
        (None, 0),
    ],
)
def test_product_value(products: str | list[str] | None, expected: int) -> None:
    assert product_value(products) == expected


def test_predicted_clamps_at_10_and_reaches_exactly_0() -> None:
    # 4 + 3 + 2 + 0.5*3 = 10.5 → 10
    assert predicted_score(1, "Implantes", "implantes cirúrgicos prótese") == 10.0
    # 4 + 0 - 2 - 0.5*4 = 0 (the lowest reachable value)
    assert predicted_score(None, "Dispositivos", "luvas seringas agulhas descartáveis") == 0.0


def fit(**kwargs: object) -> float:
    facts = {"company": "Empresa Genérica Ltda", **kwargs}
    return rank_lead(LeadFacts(**facts)).fit_score  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({}, 4.0),
        ({"tier": "Tier 2"}, 6.0),
        ({"segment": "Dispositivos Médicos"}, 2.0),
        ({"products": "implantes e prótese"}, 5.0),
        ({"products": "luvas"}, 3.5),
        ({"company": "Johnson & Johnson do Brasil"}, 7.0),
        ({"company": "J&J Medical"}, 7.0),
        ({"company": "Zimmer Biomet"}, 7.0),  # two +3 brands, first match only
        ({"company": "STRYKER"}, 7.0),
        ({"company": "Straumann Group"}, 5.5),
        ({"company": "Neodent"}, 5.5),
        ({"company": "Arthrex"}, 5.5),
        ({"company": "Align Technology"}, 5.5),
        ({"company": "Dentsply Sirona"}, 5.5),
        ({"company": "Biotronik"}, 5.5),
        ({"company": "Straumann e Stryker"}, 7.0),  # the +3.0 list is checked first
        ({"company": "Straumann Neodent"}, 5.5),  # only one brand bonus
        ({"certifications": ["FDA"]}, 5.0),
        ({"certifications": ["CE", "ISO"]}, 6.0),
        ({"certifications": ["FDA", "CE", "ISO"]}, 6.0),
        ({"certifications": ["FDA", "FDA"]}, 5.0),  # duplicates count once
        ({"has_rnd": True}, 5.5),
        ({"years_in_business": 19.9}, 4.0),
        ({"years_in_business": 20}, 5.0),
        ({"countries_served": 9}, 4.0),
        ({"countries_served": 10}, 5.0),
        ({"employees": 99}, 4.0),
        ({"employees": 100}, 5.0),
        ({"is_manufacturer": True}, 5.0),
        (
            {
                "company": "Biomet",
                "tier": 1,
                "certifications": ["FDA", "CE"],
                "has_rnd": True,
            },
            10.0,  # 4 + 3 + 3 + 2 + 1.5 = 13.5 → capped at 10
        ),
        (
            {
                "segment": "Dispositivos",
                "products": "luvas seringas agulhas descartáveis",
                "employees": 500,
            },
            1.0,  # predicted 0, then + 1
        ),
    ],
)
def test_fit_score_table(kwargs: dict[str, object], expected: float) -> None:
    assert fit(**kwargs) == pytest.approx(expected)


def test_lead_score_adds_up_to_two_points_of_engagement_and_caps() -> None:
    base = LeadFacts(company="X", tier=2)  # fit 6
    assert rank_lead(base).lead_score == 6.0
    half = rank_lead(LeadFacts(company="X", tier=2, engagement_score=50))
    assert half.lead_score == pytest.approx(7.0)
    assert half.heat == "WARM"
    capped = rank_lead(LeadFacts(company="Stryker", tier=1, engagement_score=100))
    assert capped.fit_score == 10.0
    assert capped.lead_score == 10.0
    assert capped.heat == "HOT"


@pytest.mark.parametrize(
    ("score", "heat"),
    [
        (None, "COLD"), (0, "COLD"), (6.99, "COLD"), (7.0, "WARM"), (8.99, "WARM"),
        (9.0, "HOT"), (10.0, "HOT"), (7.3 + 1.7, "HOT"),
    ],
)  # fmt: skip
def test_heat_boundaries(score: float | None, heat: str) -> None:
    assert heat_for(score) == heat


def test_heat_labels_are_exact() -> None:
    assert HEAT_LABELS == {"HOT": "HOT 🔥", "WARM": "WARM ⚠️", "COLD": "COLD ❄️"}


def test_breakdown_lists_non_zero_factors_and_sums_to_lead_score() -> None:
    ranked = rank_lead(
        LeadFacts(
            company="Neodent",
            segment="Dispositivos Médicos",
            tier="Tier 3",
            products="implantes, luvas, seringas",
            certifications=["ISO"],
            has_rnd=True,
            years_in_business=25,
            countries_served=12,
            employees=150,
            is_manufacturer=True,
            engagement_score=40,
        )
    )
    factors = {f.factor: f.points for f in ranked.breakdown}
    assert factors == {
        "base": 4.0,
        "tier": 1.0,
        "segment": -2.0,
        "products": -0.5,
        "brand": 1.5,
        "certifications": 1.0,
        "rnd": 1.5,
        "years": 1.0,
        "countries": 1.0,
        "employees": 1.0,
        "manufacturer": 1.0,
        "engagement": pytest.approx(0.8),
        "cap": pytest.approx(-1.3),  # fit 2.5 + 8.0 = 10.5 → 10, plus 0.8 engagement → 10
    }
    assert ranked.predicted == 2.5
    assert ranked.fit_score == 10.0
    assert ranked.lead_score == 10.0
    assert math.isclose(sum(f.points for f in ranked.breakdown), ranked.lead_score)


def test_breakdown_adds_cap_entry_when_points_are_cut() -> None:
    ranked = rank_lead(LeadFacts(company="Stryker", tier=1, is_manufacturer=True))
    cap = [f for f in ranked.breakdown if f.factor == "cap"]
    assert cap and cap[0].points == pytest.approx(-(4 + 3 + 3 + 1 - 10))
    assert math.isclose(sum(f.points for f in ranked.breakdown), 10.0)
    plain = rank_lead(LeadFacts(company="X"))
    assert [f.factor for f in plain.breakdown] == ["base"]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("ISO", "ISO"), ("ISO 13485", "ISO"), ("iso 9001:2015", "ISO"), ("ISO-13485", "ISO"),
        ("FDA", "FDA"), ("FDA 510(k)", "FDA"), ("fda registered", "FDA"),
        ("CE", "CE"), ("MDR", "CE"), ("CE/MDR", "CE"), ("CE Mark", "CE"), ("MDR 2017/745", "CE"),
        ("ANVISA", None), ("INMETRO", None), ("Certified", None), ("ISOLADO", None), ("", None),
    ],
)  # fmt: skip
def test_certification_text_maps_onto_the_scoring_vocabulary(text: str, kind: str | None) -> None:
    assert certification_kind(text) == kind


def test_spreadsheet_certifications_score_like_the_vocabulary() -> None:
    assert fit(certifications=["ISO 13485", "ANVISA"]) == 5.0
    assert fit(certifications=["ISO 13485", "ISO 9001"]) == 5.0  # both are ISO: one kind
    assert fit(certifications=["FDA 510(k)", "CE/MDR", "ANVISA"]) == 6.0
    assert fit(certifications=["ANVISA", "INMETRO"]) == 4.0


def test_priority_lifts_the_caps_and_keeps_fit_lead_score_and_heat() -> None:
    # 4 + 3 + 3 (brand) + 1 = 11 raw → fit and lead score capped at 10, priority keeps 11.
    top = rank_lead(LeadFacts(company="Stryker", tier=1, is_manufacturer=True))
    assert (top.fit_score, top.lead_score, top.heat) == (10.0, 10.0, "HOT")
    assert top.raw_fit == pytest.approx(11.0)
    assert top.priority == pytest.approx(11.0)
    # An RFQ (engagement 50) on a capped lead still moves it up by 1.0 in the order.
    rfq = rank_lead(LeadFacts(company="Stryker", tier=1, is_manufacturer=True, engagement_score=50))
    assert rfq.lead_score == 10.0
    assert rfq.priority == pytest.approx(12.0)
    # The predicted clamp's upper 10 is lifted too: 4 + 3 + 2 + 1.5 = 10.5.
    wide = rank_lead(
        LeadFacts(
            company="X", tier=1, segment="Implantes", products="implantes, prótese, cirúrgicos"
        )
    )
    assert wide.predicted == 10.0
    assert wide.raw_fit == pytest.approx(10.5)
    # The 0 floor stays: a predicted score below 0 counts as 0.
    low = rank_lead(
        LeadFacts(
            company="X",
            segment="Dispositivos",
            products="luvas seringas agulhas descartáveis",
            employees=500,
        )
    )
    assert low.raw_fit == pytest.approx(1.0)
    # Uncapped leads: priority = lead score.
    mid = rank_lead(LeadFacts(company="X", tier=2, engagement_score=50))
    assert mid.priority == pytest.approx(mid.lead_score)
