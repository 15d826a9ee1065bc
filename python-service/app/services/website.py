"""Facts a sales engineer needs, read from a company's own website (issue #13, "Do site").

A few pages at most (the home page and up to two "about / quality / products" links on the same
host), robots.txt respected, each response capped in size and in total time (a slow server that
drips bytes is cut off by the overall deadline, not only by httpx's per-read timeout), redirects
capped, non-HTML answers skipped. Every fact keeps the page URL and the sentence it was read from.
"""

import asyncio
import ipaddress
import re
import socket
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlparse
from urllib.robotparser import RobotFileParser

import httpx

USER_AGENT = "LifetrekBot/1.0 (+https://lifetrek-medical.com; lead research)"


@dataclass(frozen=True)
class Limits:
    max_pages: int = 3
    max_bytes: int = 1_000_000
    page_seconds: float = 8.0
    max_redirects: int = 5
    # Outside development a lead's "website" must not reach our own network (SSRF): every hop's
    # host must resolve to public addresses only. Tests and `npm run dev` use 127.0.0.1 fakes.
    allow_private: bool = False


@dataclass
class Fact:
    kind: str  # "certification" | "rnd" | "machining" | "products"
    value: str
    url: str
    quote: str


@dataclass
class SiteResult:
    facts: list[Fact] = field(default_factory=list)
    pages: list[str] = field(default_factory=list)
    errors: list[dict[str, str]] = field(default_factory=list)


# (kind, value, pattern): the value is what the lead gets; the pattern finds it in a sentence.
_RULES: list[tuple[str, str, re.Pattern[str]]] = [
    ("certification", "ISO 13485", re.compile(r"\bISO\s*13485", re.I)),
    ("certification", "ISO 9001", re.compile(r"\bISO\s*9001", re.I)),
    ("certification", "ANVISA", re.compile(r"\bANVISA\b", re.I)),
    ("certification", "FDA", re.compile(r"\bFDA\b")),
    (
        "certification",
        "CE",
        re.compile(
            r"\b(?:marca[çc][ãa]o|certifica[çc][ãa]o|selo|mark(?:ing)?)\s+CE\b|\bCE[\s-]+mark", re.I
        ),
    ),
    (
        "rnd",
        "P&D",
        re.compile(
            r"\bP\s*&\s*D\b|pesquisa\s+e\s+desenvolvimento|\bR\s*&\s*D\b|research\s+and\s+development",
            re.I,
        ),
    ),
    ("machining", "Usinagem CNC", re.compile(r"\businagem\b|\bCNC\b|\bmachining\b", re.I)),
    (
        "machining",
        "Tornos suíços",
        re.compile(r"torno[s]?\s+(?:autom[áa]tico[s]?\s+)?su[íi][çc]o|swiss[\s-]type", re.I),
    ),
    ("machining", "Fresamento", re.compile(r"\bfresamento\b|\bmilling\b", re.I)),
    ("machining", "Eletroerosão", re.compile(r"eletroeros[ãa]o|\bEDM\b", re.I)),
    ("products", "Implantes", re.compile(r"\bimplante[s]?\b|\bimplants?\b", re.I)),
    (
        "products",
        "Instrumentos cirúrgicos",
        re.compile(
            r"instrumenta(?:is|l)\s+cir[úu]rgic|instrumentos?\s+cir[úu]rgic|surgical\s+instruments?",
            re.I,
        ),
    ),
    ("products", "Odontológico", re.compile(r"odontol[óo]gic|\bdental\b", re.I)),
    ("products", "Ortopédico", re.compile(r"ortop[ée]dic|orthop[ae]dic", re.I)),
    ("products", "Veterinário", re.compile(r"veterin[áa]ri", re.I)),
]

_LINK_WORDS = re.compile(
    r"sobre|about|empresa|company|qualidade|quality|certifica|produto|product|tecnologia|"
    r"technology|capabilit|servi[çc]o|manufatura|manufacturing",
    re.I,
)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")


class _TextAndLinks(HTMLParser):
    """Visible text (script/style/noscript dropped) and the page's links with their text."""

    _SKIP = frozenset({"script", "style", "noscript", "template", "svg"})
    _BLOCK = frozenset(
        {"p", "div", "li", "br", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section"}
    )

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.chunks: list[str] = []
        self.links: list[tuple[str, str]] = []
        self._skip = 0
        self._href: str | None = None
        self._link_text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._SKIP:
            self._skip += 1
        elif tag in self._BLOCK:
            self.chunks.append("\n")
        if tag == "a":
            self._href = dict(attrs).get("href")
            self._link_text = []

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP and self._skip:
            self._skip -= 1
        elif tag in self._BLOCK:
            self.chunks.append("\n")
        if tag == "a" and self._href:
            self.links.append((self._href, " ".join(self._link_text)))
            self._href = None

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        self.chunks.append(data)
        if self._href is not None:
            self._link_text.append(data.strip())


def sentences(text: str) -> list[str]:
    out = []
    for part in _SENTENCE_END.split(text):
        s = " ".join(part.split())
        # A heading or a menu item ("Precisa Implantes") is a name, not a statement to quote.
        if len(s.split()) >= 5:
            out.append(s[:300])
    return out


def extract_facts(url: str, html: str) -> tuple[list[Fact], list[str]]:
    """Facts with their sentence, and the same-host links worth a visit (about/quality/…)."""
    parser = _TextAndLinks()
    parser.feed(html)
    facts: list[Fact] = []
    for sentence in sentences("".join(parser.chunks)):
        for kind, value, pattern in _RULES:
            if pattern.search(sentence):
                facts.append(Fact(kind=kind, value=value, url=url, quote=sentence))
    host = urlparse(url).hostname
    links: list[str] = []
    for href, text in parser.links:
        target = urljoin(url, href).split("#")[0]
        parsed = urlparse(target)
        if parsed.scheme not in ("http", "https") or parsed.hostname != host or target == url:
            continue
        if _LINK_WORDS.search(parsed.path) or _LINK_WORDS.search(text):
            links.append(target)
    return facts, list(dict.fromkeys(links))


class _Skip(Exception):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


async def _public_host(url: str) -> None:
    """Refuses a URL whose host is or resolves to a private, loopback, link-local, reserved or
    multicast address (cloud metadata, the service's own network)."""
    host = urlparse(url).hostname or ""
    try:
        infos = await asyncio.get_running_loop().getaddrinfo(host, None, type=socket.SOCK_STREAM)
    except OSError as exc:
        raise _Skip("network", "Host not found") from exc
    for info in infos:
        ip = ipaddress.ip_address(info[4][0])
        if not ip.is_global or ip.is_multicast:
            raise _Skip("private_address", "The address is not on the public internet")


async def _get(client: httpx.AsyncClient, url: str, limits: Limits) -> tuple[str, str, str]:
    """(final URL, content type, body text) within the size and time limits."""
    async with asyncio.timeout(limits.page_seconds):
        current = url
        for _ in range(limits.max_redirects + 1):
            if not limits.allow_private:
                await _public_host(current)
            async with client.stream("GET", current, headers={"user-agent": USER_AGENT}) as res:
                if res.is_redirect and "location" in res.headers:
                    current = urljoin(current, res.headers["location"])
                    continue
                if res.status_code >= 400:
                    raise _Skip("http_error", f"HTTP {res.status_code}")
                ctype = res.headers.get("content-type", "").split(";")[0].strip().lower()
                body = bytearray()
                async for chunk in res.aiter_bytes():
                    body.extend(chunk)
                    # A huge page is cut at the cap: its first megabyte is the part worth reading.
                    if len(body) >= limits.max_bytes:
                        break
                return (
                    current,
                    ctype,
                    bytes(body[: limits.max_bytes]).decode(
                        res.encoding or "utf-8", errors="replace"
                    ),
                )
        raise _Skip("too_many_redirects", f"More than {limits.max_redirects} redirects")


async def _robots(client: httpx.AsyncClient, base: str, limits: Limits) -> RobotFileParser:
    robots = RobotFileParser()
    try:
        _, ctype, text = await _get(client, urljoin(base, "/robots.txt"), limits)
        robots.parse(text.splitlines() if ctype.startswith("text/") else [])
    except (_Skip, httpx.HTTPError, TimeoutError):
        # No readable robots.txt: everything is allowed (RFC 9309 §2.3.1.3 for 4xx).
        robots.parse([])
    return robots


def normalise(website: str) -> str | None:
    site = website.strip()
    if not site:
        return None
    if not re.match(r"^https?://", site, re.I):
        site = f"https://{site}"
    parsed = urlparse(site)
    return site if parsed.hostname else None


async def site_facts(
    client: httpx.AsyncClient, website: str, limits: Limits | None = None
) -> SiteResult:
    limits = limits or Limits()
    result = SiteResult()
    start = normalise(website)
    if start is None:
        result.errors.append(
            {"url": website, "code": "bad_url", "message": "Not a website address"}
        )
        return result
    robots = await _robots(client, start, limits)
    queue = [start]
    seen: set[str] = set()
    while queue and len(result.pages) < limits.max_pages:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        if not robots.can_fetch(USER_AGENT, url):
            result.errors.append(
                {"url": url, "code": "robots", "message": "Disallowed by robots.txt"}
            )
            continue
        try:
            final, ctype, text = await _get(client, url, limits)
        except _Skip as exc:
            result.errors.append({"url": url, "code": exc.code, "message": exc.message})
            continue
        except TimeoutError:
            result.errors.append({"url": url, "code": "timeout", "message": "Too slow"})
            continue
        except httpx.HTTPError as exc:
            result.errors.append({"url": url, "code": "network", "message": type(exc).__name__})
            continue
        if ctype not in ("text/html", "application/xhtml+xml"):
            result.errors.append({"url": url, "code": "not_html", "message": ctype or "no type"})
            continue
        result.pages.append(final)
        facts, links = extract_facts(final, text)
        result.facts.extend(facts)
        queue.extend(link for link in links if link not in seen)
    # One citation per fact: the first sentence that showed it.
    unique: dict[tuple[str, str], Fact] = {}
    for fact in result.facts:
        unique.setdefault((fact.kind, fact.value), fact)
    result.facts = list(unique.values())
    return result
