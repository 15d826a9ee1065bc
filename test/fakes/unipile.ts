import { createServer, type Server } from "node:http";
import { serveFakeSite } from "./website.ts";

/**
 * A fake of the Unipile v1 API over real HTTP, for tests that cross Worker → Python → Unipile.
 * Shapes match python-service/tests/fakes/unipile.py. Behaviour is keyed by company name:
 * "Fantasma" → nothing found, "Bloqueada" → 401 (account disconnected). `GET /__calls` lists the
 * requests received, `POST /__reset` clears them.
 *
 * Outreach: `GET /users/:identifier` (a profile visit: `UserProfile` with a provider id; an
 * identifier containing "fantasma" is unknown, 404), `POST /users/invite` (a `provider_id` that
 * is a URL is refused, 400 `errors/invalid_parameters`, as LinkedIn knows no such member),
 * `POST /chats` (multipart), `DELETE /users/invite/sent/:id`,
 * `POST /hosted/accounts/link`, `POST /webhooks`. A provider id containing "ratelimit" answers
 * 429, "resend" answers 422 `cannot_resend_yet`. For demo accounts (`demo-…`), once a webhook is
 * registered, an invitation is accepted (`new_relation`) and a message answered
 * (`message_received`) after `replyDelayMs`, posted with the registered headers — so the whole
 * loop runs offline.
 */
export const FAKE_UNIPILE_KEY = "test-unipile-key";

interface Hook {
  request_url: string;
  source: string;
  headers: Array<{ key: string; value: string }>;
}

/** Fields of a multipart/form-data body (text parts only). */
function formFields(raw: string, contentType: string): Record<string, string> {
  const boundary = contentType.match(/boundary=(.+)$/)?.[1];
  const out: Record<string, string> = {};
  if (!boundary) return out;
  for (const part of raw.split(`--${boundary}`)) {
    const name = part.match(/name="([^"]+)"/)?.[1];
    const value = part.split("\r\n\r\n")[1];
    if (name && value !== undefined) out[name] = value.replace(/\r\n$/, "");
  }
  return out;
}

export function startFakeUnipile(port: number, opts: { replyDelayMs?: number } = {}): Promise<Server> {
  const calls: Array<{ method: string; path: string; body: unknown }> = [];
  const hooks: Hook[] = [];
  let seq = 0;
  const replyDelayMs = opts.replyDelayMs ?? 3000;
  /** Provider id → public identifier, for members looked up by profile (webhooks name both). */
  const slugs = new Map<string, string>();
  const profileUrl = (who: string) => `https://www.linkedin.com/in/${slugs.get(who) ?? who.toLowerCase()}`;
  const callBack = (source: string, payload: unknown) => {
    for (const h of hooks.filter((x) => x.source === source)) {
      const headers: Record<string, string> = { "content-type": "application/json" };
      for (const kv of h.headers) headers[kv.key] = kv.value;
      fetch(h.request_url, { method: "POST", headers, body: JSON.stringify(payload) }).catch(() => undefined);
    }
  };
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString("utf8");
    const type = String(req.headers["content-type"] ?? "");
    const body: unknown = !raw
      ? null
      : type.startsWith("multipart/")
        ? formFields(raw, type)
        : JSON.parse(raw);
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
    if (url.pathname === "/__hooks") return send(200, hooks);
    if (serveFakeSite(url.pathname, res)) return;
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
    const b = (body ?? {}) as Record<string, unknown>;
    if (req.method === "POST" && url.pathname === "/api/v1/hosted/accounts/link") {
      return send(201, {
        object: "HostedAuthURL",
        url: `http://127.0.0.1:${port}/hosted/${String(b.name ?? "")}`,
      });
    }
    if (req.method === "POST" && url.pathname === "/api/v1/webhooks") {
      const hook = {
        request_url: String(b.request_url ?? ""),
        source: String(b.source ?? ""),
        headers: (b.headers as Hook["headers"]) ?? [],
      };
      const i = hooks.findIndex((h) => h.request_url === hook.request_url && h.source === hook.source);
      if (i >= 0) hooks[i] = hook;
      else hooks.push(hook);
      return send(201, { object: "WebhookCreated", webhook_id: `wh_${++seq}` });
    }
    const refuse = (who: string) => {
      if (who.includes("ratelimit")) {
        send(429, { status: 429, type: "errors/too_many_requests", title: "Too many requests" });
        return true;
      }
      if (who.includes("resend")) {
        send(422, { status: 422, type: "errors/cannot_resend_yet", title: "cannot_resend_yet" });
        return true;
      }
      return false;
    };
    if (
      req.method === "GET" &&
      url.pathname.startsWith("/api/v1/users/") &&
      !url.pathname.includes("/invite")
    ) {
      const slug = decodeURIComponent(url.pathname.slice("/api/v1/users/".length));
      if (slug.includes("fantasma")) {
        return send(404, { status: 404, type: "errors/resource_not_found", title: "Resource not found." });
      }
      const providerId = `ACoAA${Buffer.from(slug).toString("hex").slice(0, 24)}`;
      slugs.set(providerId, slug);
      return send(200, {
        object: "UserProfile",
        provider: "LINKEDIN",
        provider_id: providerId,
        public_identifier: slug,
        first_name: "Contato",
        last_name: "Demo",
        headline: "Diretor de Operações",
      });
    }
    if (req.method === "POST" && url.pathname === "/api/v1/users/invite") {
      const who = String(b.provider_id ?? "");
      if (!who || who.includes("/") || who.includes(":")) {
        return send(400, { status: 400, type: "errors/invalid_parameters", title: "Invalid provider_id." });
      }
      if (refuse(who)) return;
      const account = String(b.account_id ?? "");
      if (account.startsWith("demo-")) {
        setTimeout(
          () =>
            callBack("users", {
              event: "new_relation",
              account_id: account,
              account_type: "LINKEDIN",
              webhook_name: "lifetrek-users",
              user_full_name: "Contato Demo",
              user_provider_id: who,
              user_public_identifier: slugs.get(who) ?? who.toLowerCase(),
              user_profile_url: profileUrl(who),
              user_picture_url: null,
            }),
          replyDelayMs,
        );
      }
      return send(201, { object: "UserInvitationSent", invitation_id: `inv_${++seq}` });
    }
    if (req.method === "POST" && url.pathname === "/api/v1/chats") {
      const who = String(b.attendees_ids ?? "");
      if (refuse(who)) return;
      const account = String(b.account_id ?? "");
      const chat = `chat_${++seq}`;
      if (account.startsWith("demo-")) {
        setTimeout(
          () =>
            callBack("messaging", {
              event: "message_received",
              account_id: account,
              account_type: "LINKEDIN",
              account_info: { type: "LINKEDIN", feature: "classic", user_id: "me-demo" },
              chat_id: chat,
              timestamp: new Date().toISOString(),
              webhook_name: "lifetrek-messaging",
              message_id: `msg_${++seq}`,
              message: "Obrigado! Podemos conversar na quinta?",
              sender: {
                attendee_id: `att_${who}`,
                attendee_name: "Contato Demo",
                attendee_provider_id: who,
                attendee_profile_url: profileUrl(who),
              },
              attendees: [],
              attachments: [],
            }),
          replyDelayMs,
        );
      }
      return send(201, { object: "ChatStarted", chat_id: chat, message_id: `msg_${++seq}` });
    }
    if (req.method === "DELETE" && url.pathname.startsWith("/api/v1/users/invite/sent/")) {
      return send(200, { object: "UserInvitationCanceled" });
    }
    return send(404, { status: 404, type: "errors/not_found", title: "Not found" });
  });
  return new Promise((resolve) => server.listen(port, "127.0.0.1", () => resolve(server)));
}
