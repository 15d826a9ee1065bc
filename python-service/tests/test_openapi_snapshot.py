"""python-service/openapi.json is the service's contract as the Worker reads it.

The Worker's schemas (modules/contracts/lead-service.ts) are checked against this file by
lead-service.unit.test.ts; this test keeps the file equal to what the app really declares, so
a change on either side fails one of the two suites. Regenerate after a deliberate change with
``UPDATE_OPENAPI=1 node scripts/python.mjs test``.
"""

import json
import os
from pathlib import Path

from app.main import create_app

SNAPSHOT = Path(__file__).resolve().parent.parent / "openapi.json"


def render() -> str:
    spec = create_app().openapi()
    return json.dumps(spec, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def test_the_committed_openapi_document_is_the_apps() -> None:
    current = render()
    if os.environ.get("UPDATE_OPENAPI") == "1":
        SNAPSHOT.write_text(current, encoding="utf-8")
    assert SNAPSHOT.read_text(encoding="utf-8") == current, (
        "python-service/openapi.json is stale: run UPDATE_OPENAPI=1 node scripts/python.mjs test"
    )
