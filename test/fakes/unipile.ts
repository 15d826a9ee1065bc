import { createServer, type Server } from "node:http";

/**
 * A fake of the Unipile v1 API over real HTTP, for tests that cross Worker → Python → Unipile.
 * Shapes match python-service/tests/fakes/unipile.py. Behaviour is keyed by company name:
 * "Fantasma" → nothing found, "Bloqueada" → 401 (account disconnected). `GET /__calls` lists the
 * requests received, `POST /__reset` clears them.
 */
export const FAKE_UNIPILE_KEY = "test-unipile-key";

export function startFakeUnipile(port: number): Promise<Server> {
  const calls: Array<{ method: string; path: string; body: unknown }> = [];
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString("utf8");
    const body: unknown = raw ? JSON.parse(raw) : null;
    const url = new URL(req.url ?? "/", `http://127.0.0.1:${port}`);
    const send = (status: number, data: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(data));
    };
    if (url.pathname === "/__calls") return send(200, calls);
    if (url.pathname === "/__reset") {
      calls.length = 0;
      return send(200, {});
    }
    calls.push({ method: req.method ?? "GET", path: url.pathname, body });
    if (req.headers["x-api-key"] !== FAKE_UNIPILE_KEY) {
      return send(401, { status: 401, type: "errors/invalid_credentials", title: "Invalid credentials" });
    }
    if (url.pathname === "/api/v1/accounts") {
      return send(200, {
        object: "AccountList",
        items: [
          {
            object: "Account",
            id: "acc_li_1",
            type: "LINKEDIN",
            name: "Lifetrek",
            sources: [{ id: "s1", status: "OK" }],
          },
        ],
        cursor: null,
      });
    }
    const company = url.pathname.match(/^\/api\/v1\/linkedin\/company\/([^/]+)$/)?.[1];
    if (company) {
      if (company.includes("fantasma"))
        return send(404, { status: 404, type: "errors/resource_not_found", title: "Resource not found." });
      if (company.includes("bloqueada"))
        return send(401, { status: 401, type: "errors/disconnected_account", title: "Disconnected account" });
      return send(200, {
        object: "CompanyProfile",
        id: `co_${company}`,
        name: company,
        public_identifier: company,
        profile_url: `https://www.linkedin.com/company/${company}`,
        industry: ["Medical Equipment Manufacturing"],
        employee_count: 250,
        locations: [{ is_headquarter: true, country: "BR", city: "Campinas", area: "SP" }],
        website: `https://${company}.example.com.br`,
        description: "Fabricante fictícia de dispositivos médicos.",
      });
    }
    if (url.pathname === "/api/v1/linkedin/search") {
      const name = String(
        (body as { advanced_keywords?: { company?: string } })?.advanced_keywords?.company ?? "",
      );
      if (/fantasma/i.test(name)) return send(200, { object: "LinkedinSearch", items: [], cursor: null });
      const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, "-");
      return send(200, {
        object: "LinkedinSearch",
        items: [
          {
            object: "SearchResult",
            type: "PEOPLE",
            id: `ACo${slug}1`,
            name: "Helena Prado",
            headline: `CEO at ${name}`,
            public_identifier: `helena-${slug}`,
          },
          {
            object: "SearchResult",
            type: "PEOPLE",
            id: `ACo${slug}2`,
            name: "Rafael Moura",
            headline: `Diretor de Operações at ${name}`,
            public_identifier: `rafael-${slug}`,
          },
        ],
        cursor: null,
      });
    }
    return send(404, { status: 404, type: "errors/not_found", title: "Not found" });
  });
  return new Promise((resolve) => server.listen(port, "127.0.0.1", () => resolve(server)));
}
