import time
from collections.abc import Iterator

import httpx
import pytest

from app.services.website import Limits, extract_facts, site_facts
from tests.conftest import auth
from tests.fakes.website import RunningSite

# The fake site listens on 127.0.0.1, which only development and tests may reach.
LOCAL = Limits(allow_private=True)

pytestmark = pytest.mark.anyio


@pytest.fixture(scope="module")
def site() -> Iterator[RunningSite]:
    running = RunningSite()
    yield running
    running.stop()


def _client() -> httpx.AsyncClient:
    return httpx.AsyncClient(timeout=httpx.Timeout(5.0))


async def test_reads_a_few_pages_and_cites_each_fact(site: RunningSite) -> None:
    async with _client() as client:
        result = await site_facts(client, site.url + "/", LOCAL)
    facts = {(f.kind, f.value): f for f in result.facts}
    assert facts[("certification", "ISO 13485")].url == site.url + "/sobre"
    assert facts[("certification", "ISO 13485")].quote == (
        "Somos certificados ISO 13485:2016 e registrados na ANVISA."
    )
    assert ("certification", "ANVISA") in facts
    assert facts[("certification", "CE")].url == site.url + "/qualidade"
    assert ("certification", "FDA") in facts
    assert facts[("rnd", "P&D")].quote.startswith("Nosso centro de pesquisa e desenvolvimento")
    assert ("machining", "Tornos suíços") in facts
    assert ("machining", "Usinagem CNC") in facts
    assert ("products", "Implantes") in facts
    assert ("products", "Instrumentos cirúrgicos") in facts
    # Script text is not page text; robots.txt keeps /privado out; other hosts are not visited.
    assert ("certification", "ISO 9001") not in facts
    assert len(result.pages) <= 3
    assert all(p.startswith(site.url) for p in result.pages)


async def test_respects_robots_txt(site: RunningSite) -> None:
    async with _client() as client:
        result = await site_facts(client, site.url + "/privado/qualidade", LOCAL)
    assert result.pages == []
    assert result.errors[0]["code"] == "robots"


async def test_a_redirect_loop_is_cut(site: RunningSite) -> None:
    async with _client() as client:
        result = await site_facts(
            client, site.url + "/loop", Limits(max_redirects=3, allow_private=True)
        )
    assert result.facts == []
    assert [e["code"] for e in result.errors] == ["too_many_redirects"]


async def test_a_non_html_answer_is_skipped(site: RunningSite) -> None:
    async with _client() as client:
        result = await site_facts(client, site.url + "/pdf", LOCAL)
    assert result.facts == []
    assert result.errors == [
        {"url": site.url + "/pdf", "code": "not_html", "message": "application/pdf"}
    ]


async def test_a_slow_site_is_cut_off_by_the_deadline(site: RunningSite) -> None:
    start = time.monotonic()
    async with _client() as client:
        result = await site_facts(
            client, site.url + "/slow", Limits(page_seconds=1.5, allow_private=True)
        )
    assert time.monotonic() - start < 5
    assert result.errors[-1]["code"] == "timeout"


async def test_a_huge_page_is_read_only_up_to_the_cap(site: RunningSite) -> None:
    start = time.monotonic()
    async with _client() as client:
        result = await site_facts(
            client, site.url + "/huge", Limits(max_bytes=200_000, allow_private=True)
        )
    assert time.monotonic() - start < 5
    assert [(f.kind, f.value) for f in result.facts] == [("certification", "ISO 13485")]


async def test_bad_address_and_unreachable_host() -> None:
    async with _client() as client:
        bad = await site_facts(client, "   ")
        down = await site_facts(
            client, "http://127.0.0.1:9/", Limits(page_seconds=2, allow_private=True)
        )
    assert bad.errors[0]["code"] == "bad_url"
    assert down.errors[0]["code"] == "network"


def test_extract_ignores_other_hosts_and_keeps_relevant_links() -> None:
    html = '<a href="/sobre-nos">Sobre</a><a href="/blog">Blog</a><a href="http://x.example/about">x</a>'
    facts, links = extract_facts("https://acme.example/", html)
    assert facts == []
    assert links == ["https://acme.example/sobre-nos"]


def test_endpoint_needs_the_enrich_scope(client, site: RunningSite) -> None:
    res = client.post("/v1/website-facts", json={"website": site.url}, headers=auth("leads:rank"))
    assert res.status_code == 403
    res = client.post("/v1/website-facts", json={"website": site.url}, headers=auth("leads:enrich"))
    assert res.status_code == 200
    body = res.json()
    iso = next(f for f in body["facts"] if f["value"] == "ISO 13485")
    assert iso == {
        "kind": "certification",
        "value": "ISO 13485",
        "url": site.url + "/sobre",
        "quote": "Somos certificados ISO 13485:2016 e registrados na ANVISA.",
        "source": "website",
    }


async def test_private_addresses_are_refused_unless_allowed(site: RunningSite) -> None:
    # As deployed (the default limits): loopback, the cloud metadata address and a private
    # network are never fetched, even through a redirect from a public-looking start.
    async with httpx.AsyncClient(follow_redirects=False) as client:
        for url in (site.url + "/", "http://169.254.169.254/latest/meta-data/", "http://10.0.0.1/"):
            result = await site_facts(client, url)
            assert result.pages == []
            assert result.facts == []
            assert [e["code"] for e in result.errors] == ["private_address"], url
