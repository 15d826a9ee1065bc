import { z } from "zod";
import { loadConfig } from "../core/config";
import { serviceToken } from "../core/service-token";
import { JobFailure } from "../jobs/types";

export const RankResult = z.object({
  id: z.string(),
  predicted: z.number(),
  fitScore: z.number(),
  leadScore: z.number(),
  rawFit: z.number(),
  priority: z.number(),
  heat: z.enum(["HOT", "WARM", "COLD"]),
  territory: z.enum(["manufacturing", "commercial", "unassigned"]),
  breakdown: z.array(z.object({ factor: z.string(), points: z.number(), detail: z.string() })),
});
export type RankResult = z.infer<typeof RankResult>;

const SourceCitation = z.object({
  field: z.string(),
  source: z.string(),
  url: z.string().nullish(),
  fetchedAt: z.string(),
});
export const EnrichResult = z.object({
  id: z.string(),
  status: z.enum(["enriched", "not_found", "failed"]),
  error: z.object({ code: z.string(), message: z.string(), retryable: z.boolean() }).nullish(),
  decisionMakers: z.array(
    z.object({
      name: z.string(),
      headline: z.string().nullish(),
      profileUrl: z.string().nullish(),
      providerId: z.string().nullish(),
      source: z.string(),
    }),
  ),
  company: z.record(z.string(), z.unknown()),
  sources: z.array(SourceCitation),
});
export type EnrichResult = z.infer<typeof EnrichResult>;

export const WebsiteFacts = z.object({
  pages: z.array(z.string()),
  facts: z.array(
    z.object({
      kind: z.enum(["certification", "rnd", "machining", "products"]),
      value: z.string(),
      url: z.string(),
      quote: z.string(),
    }),
  ),
  errors: z.array(z.object({ url: z.string(), code: z.string(), message: z.string() })),
});
export type WebsiteFacts = z.infer<typeof WebsiteFacts>;

export interface RankLead {
  id: string;
  company: string;
  segment?: string | null;
  tier?: number | null;
  products?: string | null;
  certifications?: string[];
  hasRnd?: boolean;
  yearsInBusiness?: number | null;
  countriesServed?: number | null;
  employees?: number | null;
  isManufacturer?: boolean;
  engagementScore?: number;
}

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
    const out = z
      .object({ results: z.array(RankResult) })
      .parse(await this.call("/v1/rank", "leads:rank", { leads }));
    return out.results;
  }

  async enrich(
    leads: Array<{ id: string; company: string; website?: string | null; linkedinUrl?: string | null }>,
    accountId: string | null = null,
  ): Promise<EnrichResult[]> {
    const out = z
      .object({ results: z.array(EnrichResult) })
      .parse(await this.call("/v1/enrich", "leads:enrich", accountId ? { leads, accountId } : { leads }));
    return out.results;
  }

  /** Facts from the company's own website, each with its page and sentence ("Do site"). */
  async websiteFacts(website: string): Promise<WebsiteFacts> {
    return WebsiteFacts.parse(await this.call("/v1/website-facts", "leads:enrich", { website }));
  }
}
