"""Territory (owner) rules — domain.md §5.4, preserved exactly.

Order matters: trimmed exact match against the Manufacturing list, then the Commercial list,
then lower-cased substring fallbacks (Manufacturing keywords first), else unassigned.
"""

import unicodedata
from functools import lru_cache
from typing import Literal

Territory = Literal["manufacturing", "commercial", "unassigned"]

MANUFACTURING_SEGMENTS: tuple[str, ...] = (
    "Implantes Odontológicos",
    "Implantes Ortopédicos",
    "Implantes Veterinários",
    "Ferramental Customizado",
    "Peças de Micro Precisão",
    "Implantes Espinhais",
    "Veterinário Ortopedia",
)

COMMERCIAL_SEGMENTS: tuple[str, ...] = (
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
)

MANUFACTURING_KEYWORDS: tuple[str, ...] = ("implante", "industrial", "ferramental")
COMMERCIAL_KEYWORDS: tuple[str, ...] = ("equipamento", "distribuidor", "comércio", "hospitalar")

_MANUFACTURING_SET = frozenset(MANUFACTURING_SEGMENTS)
_COMMERCIAL_SET = frozenset(COMMERCIAL_SEGMENTS)


@lru_cache(maxsize=16_384)
def territory_for(segment: str | None) -> Territory:
    """Return the owning territory for a lead's segment.

    Text is NFC-normalised first so a decomposed "ó" (o + combining accent) still matches.

    Example: ``territory_for("  Distribuidor ") == "commercial"``
    """
    if not segment:
        return "unassigned"
    trimmed = unicodedata.normalize("NFC", segment).strip()
    if trimmed in _MANUFACTURING_SET:
        return "manufacturing"
    if trimmed in _COMMERCIAL_SET:
        return "commercial"
    lowered = trimmed.lower()
    if any(keyword in lowered for keyword in MANUFACTURING_KEYWORDS):
        return "manufacturing"
    if any(keyword in lowered for keyword in COMMERCIAL_KEYWORDS):
        return "commercial"
    return "unassigned"
