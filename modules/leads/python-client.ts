import type { z } from "zod";
import {
  type EnrichRequest,
  EnrichResponse,
  type EnrichResult,
  type RankLead,
  type RankRequest,
  RankResponse,
  type RankResult,
  WebsiteFacts,
} from "../contracts/lead-service";
import { loadConfig } from "../core/config";
import { serviceToken } from "../core/service-token";
import { JobFailure } from "../jobs/types";

// The wire shapes are contracts, checked against the service's OpenAPI document.
export { EnrichResult, RankLead, RankResult, WebsiteFacts } from "../contracts/lead-service";

/** Calls the Python service: a plain URL locally, the Container binding in production. */
export class PythonService {
  private readonly url: string;
  private readonly secret: string;
  private readonly send: (req: Request) => Promise<Response>;

  constructor(
    env: Env,
    private readonly userId: string,
  ) {
    const config = loadConfig(env as unknown as Record<string, unknown>);
    this.secret = config.pythonServiceSecret;
    if (config.pythonServiceUrl) {
      this.url = config.pythonServiceUrl.replace(/\/$/, "");
      this.send = (req) => fetch(req);
    } else {
      this.url = "http://lead-service";
      const stub = env.LEAD_SERVICE.get(env.LEAD_SERVICE.idFromName("lead-service"));
      this.send = (req) => stub.fetch(req);
    }
  }

  private async call(path: string, scope: string, body: unknown): Promise<unknown> {
    const token = await serviceToken(this.secret, this.userId, [scope]);
    let res: Response;
    try {
      res = await this.send(
        new Request(`${this.url}${path}`, {
          method: "POST",
          headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
          body: JSON.stringify(body),
        }),
      );
    } catch (err) {
      throw new JobFailure("python_unreachable", `The lead service is unreachable: ${String(err)}`, true);
    }
    if (!res.ok) {
      const detail = await res.text();
      const retryable = res.status >= 500 || res.status === 429;
      throw new JobFailure(
        `python_${res.status}`,
        `Lead service answered ${res.status}: ${detail.slice(0, 300)}`,
        retryable,
      );
    }
    return res.json();
  }

  async rank(leads: RankLead[]): Promise<RankResult[]> {
    const body: z.input<typeof RankRequest> = { leads };
    return RankResponse.parse(await this.call("/v1/rank", "leads:rank", body)).results;
  }

  async enrich(
    leads: Array<{ id: string; company: string; website?: string | null; linkedinUrl?: string | null }>,
    accountId: string | null = null,
  ): Promise<EnrichResult[]> {
    const body: z.input<typeof EnrichRequest> = accountId ? { leads, accountId } : { leads };
    return EnrichResponse.parse(await this.call("/v1/enrich", "leads:enrich", body)).results;
  }

  /** Facts from the company's own website, each with its page and sentence ("Do site"). */
  async websiteFacts(website: string): Promise<WebsiteFacts> {
    return WebsiteFacts.parse(await this.call("/v1/website-facts", "leads:enrich", { website }));
  }
}
