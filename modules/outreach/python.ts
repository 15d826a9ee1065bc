import type { z } from "zod";
import {
  type ExecuteRequest,
  ExecuteResponse,
  type HostedLinkRequest,
  HostedLinkResponse,
  type WebhookRequest,
  WebhookResponse,
} from "../contracts/lead-service";
import { serviceToken } from "../core/service-token";
import type { ExecResult, Executor, PendingAction, TickAccount } from "./tick";

/** Sends granted actions through the Python service's Unipile client (`POST /v1/outreach/execute`). */
export class PythonExecutor implements Executor {
  constructor(
    private readonly opts: { secret: string; baseUrl: string; send: (req: Request) => Promise<Response> },
  ) {}

  async execute(account: TickAccount, action: PendingAction): Promise<ExecResult> {
    // A profile visit is never an action of its own here (it happens inside a send, target.ts).
    if (action.kind === "view_profile") {
      return {
        ok: false,
        code: "failed",
        message: "view_profile is not executed on its own",
        retryable: false,
      };
    }
    const kind = action.kind;
    const token = await serviceToken(this.opts.secret, account.ownerId, ["outreach:execute"]);
    let res: Response;
    try {
      res = await this.opts.send(
        new Request(`${this.opts.baseUrl}/v1/outreach/execute`, {
          method: "POST",
          headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
          body: JSON.stringify({
            accountId: account.unipileAccountId,
            kind,
            providerId: action.target,
            // Forwarded as stored: the bytes the approval hash was checked against.
            text: action.text,
            invitationId: action.providerRef,
          } satisfies z.input<typeof ExecuteRequest>),
        }),
      );
    } catch (err) {
      return { ok: false, code: "failed", message: `python unreachable: ${String(err)}`, retryable: true };
    }
    if (!res.ok) {
      return {
        ok: false,
        code: "failed",
        message: `python answered ${res.status}`,
        retryable: res.status >= 500,
      };
    }
    const out = ExecuteResponse.parse(await res.json());
    if (out.ok) return { ok: true, providerRef: out.providerRef ?? null };
    const code =
      out.code === "rate_limited" || out.code === "restricted" || out.code === "cannot_resend_yet"
        ? out.code
        : "failed";
    return { ok: false, code, message: out.message ?? code, retryable: out.retryable ?? false };
  }
}

/** Hosted-auth links and webhook registration through the Python service's Unipile client. */
export class PythonUnipileAdmin {
  constructor(
    private readonly opts: {
      secret: string;
      baseUrl: string;
      send: (req: Request) => Promise<Response>;
      userId: string;
    },
  ) {}

  private async call(path: string, body: unknown): Promise<unknown> {
    const token = await serviceToken(this.opts.secret, this.opts.userId, ["outreach:connect"]);
    const res = await this.opts.send(
      new Request(`${this.opts.baseUrl}${path}`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify(body),
      }),
    );
    if (!res.ok)
      throw new Error(`python ${path} answered ${res.status}: ${(await res.text()).slice(0, 200)}`);
    return res.json();
  }

  async hostedLink(input: z.input<typeof HostedLinkRequest>) {
    return HostedLinkResponse.parse(await this.call("/v1/outreach/hosted-link", input));
  }

  async registerWebhook(input: z.input<typeof WebhookRequest>) {
    const out = WebhookResponse.parse(await this.call("/v1/outreach/webhooks", input));
    return { webhookId: out.webhookId ?? null };
  }
}
