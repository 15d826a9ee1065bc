import unicodedata

import pytest

from app.scoring.ownership import COMMERCIAL_SEGMENTS, MANUFACTURING_SEGMENTS, territory_for

MANUFACTURING = [
    "Implantes Odontológicos",
    "Implantes Ortopédicos",
    "Implantes Veterinários",
    "Ferramental Customizado",
    "Peças de Micro Precisão",
    "Implantes Espinhais",
    "Veterinário Ortopedia",
]
COMMERCIAL = [
    "Equipamentos Odontológicos",
    "Instrumentos Cirúrgicos",
    "Dispositivos Médicos",
    "Materiais Odontológicos",
    "Distribuidor",
    "Distribuidor Ortopedia",
    "Materiais Consumo",
    "Equipamentos Hospitalares",
    "Instrumentos Odontológicos",
    "Materiais Hospitalares",
    "Equipamentos Médicos",
    "Dispositivos Eletrônicos",
    "MedTech Software",
    "Dispositivos Diagnóstico",
]


def test_lists_match_domain_exactly() -> None:
    assert list(MANUFACTURING_SEGMENTS) == MANUFACTURING
    assert list(COMMERCIAL_SEGMENTS) == COMMERCIAL


@pytest.mark.parametrize("segment", MANUFACTURING)
def test_every_manufacturing_segment(segment: str) -> None:
    assert territory_for(segment) == "manufacturing"
    assert territory_for(f"  {segment}\t") == "manufacturing"


@pytest.mark.parametrize("segment", COMMERCIAL)
def test_every_commercial_segment(segment: str) -> None:
    assert territory_for(segment) == "commercial"
    assert territory_for(f" {segment} ") == "commercial"


@pytest.mark.parametrize(
    ("segment", "territory"),
    [
        ("Implante dentário", "manufacturing"),
        ("Setor INDUSTRIAL", "manufacturing"),
        ("ferramental diverso", "manufacturing"),
        ("Equipamento de imagem", "commercial"),
        ("distribuidor regional", "commercial"),
        ("Comércio de insumos", "commercial"),
        ("Rede Hospitalar", "commercial"),
        ("Equipamento industrial", "manufacturing"),  # manufacturing keywords first
        # exact matches win over keywords: "Veterinário Ortopedia" has no keyword at all
        ("Veterinário Ortopedia", "manufacturing"),
        # "Instrumentos Cirúrgicos" only matches exactly (no fallback keyword)
        ("instrumentos cirúrgicos", "unassigned"),
        ("MedTech Software ", "commercial"),
        ("Software", "unassigned"),
        ("Laboratório", "unassigned"),
        ("", "unassigned"),
        ("   ", "unassigned"),
        (None, "unassigned"),
    ],
)
def test_keyword_fallbacks_and_unassigned(segment: str | None, territory: str) -> None:
    assert territory_for(segment) == territory


def test_decomposed_accents_still_match() -> None:
    assert territory_for(unicodedata.normalize("NFD", "Dispositivos Médicos")) == "commercial"
