"""Ranking benchmark: 10,000 synthetic leads, in-process and over HTTP (TestClient).

Run with ``uv run python -m app.bench [--leads N]``; prints one JSON object:
``{"leads", "seconds", "cpuSeconds", "leadsPerSecond", "http": {…the same…}}``.
The top-level numbers are the in-process ones (validation + ranking to wire dicts); ``http``
adds the JSON both ways and the ASGI stack. ``leadsPerSecond`` is wall time; ``cpuSeconds`` is
this process's CPU time over the same span, steadier than wall time on a shared machine.
"""

import argparse
import json
import os
import random
import time
import warnings
from typing import Any


def synthetic_leads(count: int, seed: int = 7) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    segments = [
        "Implantes Odontológicos",
        "Dispositivos Médicos",
        "Distribuidor",
        "Equipamentos Hospitalares",
        "Rede industrial",
        "Laboratório",
    ]
    products = ["implantes, prótese", "luvas e seringas", "instrumentos cirúrgicos", "parafusos"]
    brands = ["Acme", "Beta Médica", "Zimmer Brasil", "Neodent Parceira", "Gamma Saúde"]
    return [
        {
            "id": f"lead_{i}",
            "company": f"{rng.choice(brands)} {i}",
            "segment": rng.choice(segments),
            "tier": rng.choice([1, 2, 3, "Tier 1", "Tier 2", None]),
            "products": rng.choice(products),
            "certifications": rng.sample(["FDA", "CE", "ISO"], rng.randint(0, 3)),
            "hasRnd": rng.random() < 0.3,
            "yearsInBusiness": rng.randint(1, 50),
            "countriesServed": rng.randint(1, 30),
            "employees": rng.randint(5, 2000),
            "isManufacturer": rng.random() < 0.5,
            "engagementScore": round(rng.uniform(0, 100), 1),
        }
        for i in range(count)
    ]


def _rate(count: int, seconds: float, cpu_seconds: float) -> dict[str, Any]:
    return {
        "leads": count,
        "seconds": round(seconds, 4),
        "cpuSeconds": round(cpu_seconds, 4),
        "leadsPerSecond": round(count / seconds) if seconds else None,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--leads", type=int, default=10_000)
    count = parser.parse_args().leads

    os.environ.setdefault("ENVIRONMENT", "development")
    # Starlette suggests httpx2 for TestClient; irrelevant to the numbers, keep stderr clean.
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
    from fastapi.testclient import TestClient

    from app.core.config import get_settings
    from app.core.security import create_token
    from app.main import create_app
    from app.schemas.rank import RANK_REQUEST
    from app.services.ranking import rank_request

    leads = synthetic_leads(count)

    start, cpu_start = time.perf_counter(), time.process_time()
    rank_request(RANK_REQUEST.validate_python({"leads": leads}))
    in_process = _rate(count, time.perf_counter() - start, time.process_time() - cpu_start)

    secret = get_settings().SERVICE_TOKEN_SECRET
    bearer = create_token(secret, sub="bench", scopes=["leads:rank"])
    headers = {"Authorization": f"Bearer {bearer}"}
    with TestClient(create_app()) as client:
        start, cpu_start = time.perf_counter(), time.process_time()
        response = client.post("/v1/rank", json={"leads": leads}, headers=headers)
        over_http = _rate(count, time.perf_counter() - start, time.process_time() - cpu_start)
    response.raise_for_status()
    assert len(response.json()["results"]) == count

    print(json.dumps({**in_process, "http": over_http}))


if __name__ == "__main__":
    main()
