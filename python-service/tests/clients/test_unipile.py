"""UnipileClient against the real local fake server (tests/fakes/unipile.py)."""

import asyncio
import itertools
from collections.abc import AsyncIterator

import pytest

from app.clients.unipile import UnipileAuthError, UnipileClient, UnipileError
from tests.fakes.unipile import ACCOUNT_ID, API_KEY, FakeUnipile

pytestmark = pytest.mark.anyio


class FakeClock:
    """Monotonic clock whose sleep advances time instantly and records every wait."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
async def unipile(fake_unipile: FakeUnipile, clock: FakeClock) -> AsyncIterator[UnipileClient]:
    client = UnipileClient(
        fake_unipile.base_url,
        API_KEY,
        min_interval=2.0,
        backoff_429=60.0,
        clock=clock,
        sleep=clock.sleep,
    )
    yield client
    await client.aclose()


async def test_finds_first_ok_linkedin_account(
    unipile: UnipileClient, fake_unipile: FakeUnipile
) -> None:
    assert await unipile.find_linkedin_account_id() == ACCOUNT_ID
    [call] = fake_unipile.calls
    assert call.path == "/accounts"
    assert "account_id" not in call.query


async def test_no_linkedin_account(unipile: UnipileClient, fake_unipile: FakeUnipile) -> None:
    fake_unipile.accounts[:] = [a for a in fake_unipile.accounts if a["id"] != ACCOUNT_ID]
    assert await unipile.find_linkedin_account_id() is None


async def test_search_sends_classic_people_query_and_keeps_three(
    unipile: UnipileClient, fake_unipile: FakeUnipile
) -> None:
    fake_unipile.people["acme"] = [
        {"type": "PEOPLE", "id": f"p{i}", "name": f"Pessoa {i}", "headline": "CEO"}
        for i in range(5)
    ]
    response, people = await unipile.search_decision_makers(ACCOUNT_ID, "Acme")
    assert response is not None
    assert [p["id"] for p in people] == ["p0", "p1", "p2"]
    [call] = fake_unipile.calls
    assert call.method == "POST"
    assert call.query == {"account_id": ACCOUNT_ID}
    assert call.body["api"] == "classic"
    assert call.body["category"] == "people"
    assert call.body["advanced_keywords"] == {
        "company": "Acme",
        "title": 'CEO OR "Chief Executive Officer" OR Director OR Owner OR President',
    }


async def test_company_404_is_none(unipile: UnipileClient) -> None:
    assert await unipile.get_company(ACCOUNT_ID, "does-not-exist") is None


async def test_429_waits_retry_after_then_succeeds(
    unipile: UnipileClient, fake_unipile: FakeUnipile, clock: FakeClock
) -> None:
    fake_unipile.fail_next("/accounts", 429, **{"Retry-After": "7"})
    fake_unipile.fail_next("/accounts", 429)
    assert await unipile.find_linkedin_account_id() == ACCOUNT_ID
    assert len(fake_unipile.calls) == 3
    # Retry-After honoured, then the configured 60 s backoff; no pacing gap needed after those.
    assert clock.sleeps == [7.0, 60.0]


async def test_429_three_times_is_retryable_error(
    unipile: UnipileClient, fake_unipile: FakeUnipile
) -> None:
    for _ in range(3):
        fake_unipile.fail_next("/accounts", 429)
    with pytest.raises(UnipileError) as info:
        await unipile.find_linkedin_account_id()
    assert info.value.code == "unipile_rate_limited"
    assert info.value.retryable is True
    assert len(fake_unipile.calls) == 3  # first try + 2 retries


async def test_cannot_resend_yet_is_never_retried(
    unipile: UnipileClient, fake_unipile: FakeUnipile
) -> None:
    fake_unipile.fail_next(
        "/linkedin/search",
        422,
        {"status": 422, "type": "errors/cannot_resend_yet", "title": "Cannot resend yet"},
    )
    with pytest.raises(UnipileError) as info:
        await unipile.search_decision_makers(ACCOUNT_ID, "Acme")
    assert info.value.code == "unipile_cannot_resend_yet"
    assert info.value.retryable is False
    assert len(fake_unipile.calls_to("/linkedin/search")) == 1


@pytest.mark.parametrize("status", [401, 403])
async def test_auth_errors(unipile: UnipileClient, fake_unipile: FakeUnipile, status: int) -> None:
    fake_unipile.fail_next("/accounts", status)
    with pytest.raises(UnipileAuthError) as info:
        await unipile.find_linkedin_account_id()
    assert info.value.code == "unipile_auth"
    assert info.value.retryable is False
    assert "reconnect" in info.value.message


async def test_wrong_api_key_is_auth_error(fake_unipile: FakeUnipile) -> None:
    client = UnipileClient(fake_unipile.base_url, "wrong", min_interval=0)
    try:
        with pytest.raises(UnipileAuthError):
            await client.find_linkedin_account_id()
    finally:
        await client.aclose()


async def test_5xx_and_network_errors_are_retryable(
    unipile: UnipileClient, fake_unipile: FakeUnipile
) -> None:
    fake_unipile.fail_next("/accounts", 503)
    with pytest.raises(UnipileError) as info:
        await unipile.find_linkedin_account_id()
    assert (info.value.code, info.value.retryable) == ("unipile_unavailable", True)

    dead = UnipileClient("http://127.0.0.1:9/api/v1", API_KEY, min_interval=0, timeout=1)
    try:
        with pytest.raises(UnipileError) as info:
            await dead.find_linkedin_account_id()
        assert (info.value.code, info.value.retryable) == ("unipile_unavailable", True)
    finally:
        await dead.aclose()


async def test_spacing_with_injected_clock(
    unipile: UnipileClient, fake_unipile: FakeUnipile, clock: FakeClock
) -> None:
    await unipile.get_company(ACCOUNT_ID, "a")
    clock.now += 0.5  # some work happened between calls
    await unipile.get_company(ACCOUNT_ID, "b")
    await unipile.get_company(ACCOUNT_ID, "c")
    assert clock.sleeps == [pytest.approx(1.5), pytest.approx(2.0)]


async def test_spacing_with_real_clock(fake_unipile: FakeUnipile) -> None:
    client = UnipileClient(fake_unipile.base_url, API_KEY, min_interval=0.05)
    try:
        for slug in ("a", "b", "c", "d"):
            await client.get_company(ACCOUNT_ID, slug)
    finally:
        await client.aclose()
    times = [c.at for c in fake_unipile.calls]
    gaps = [b - a for a, b in itertools.pairwise(times)]
    assert len(gaps) == 3
    # The fake stamps arrival; allow 5 ms of jitter between send and arrival.
    assert min(gaps) >= 0.045, gaps


async def test_spacing_holds_for_concurrent_callers(
    unipile: UnipileClient, fake_unipile: FakeUnipile, clock: FakeClock
) -> None:
    await asyncio.gather(*(unipile.get_company(ACCOUNT_ID, s) for s in ("a", "b", "c")))
    assert clock.sleeps == [pytest.approx(2.0), pytest.approx(2.0)]


async def test_hosted_link_asks_for_linkedin_and_sends_the_person_back(
    unipile: UnipileClient, fake_unipile: FakeUnipile
) -> None:
    res = await unipile.hosted_link(
        name="acc_1",
        notify_url="https://api.example/api/webhooks/unipile/hosted/acc_1/t0k",
        expires_on="2026-12-02T12:00:00.000Z",
        success_redirect_url="https://app.example/outreach?connected=acc_1",
        failure_redirect_url="https://app.example/outreach?connect=failed",
    )
    assert res is not None
    assert res.data["url"] == "https://account.unipile.test/hosted/acc_1"
    [call] = fake_unipile.calls
    assert call.path == "/hosted/accounts/link"
    assert call.body["type"] == "create"
    assert call.body["providers"] == ["LINKEDIN"]
    assert call.body["notify_url"].endswith("/hosted/acc_1/t0k")
    assert call.body["success_redirect_url"] == "https://app.example/outreach?connected=acc_1"
    assert call.body["failure_redirect_url"] == "https://app.example/outreach?connect=failed"
