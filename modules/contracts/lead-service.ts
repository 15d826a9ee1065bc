// Wire shapes between the Worker and the Python lead service (FastAPI): what the Worker sends
// and what it accepts back. lead-service.unit.test.ts checks them against the service's own
// OpenAPI document (python-service/openapi.json, kept current by the Python suite).
import { z } from "zod";

export const RankLead = z.object({
  id: z.string(),
  company: z.string(),
  segment: z.string().nullish(),
  tier: z.number().int().nullish(),
  products: z.string().nullish(),
  certifications: z.array(z.string()).optional(),
  hasRnd: z.boolean().optional(),
  yearsInBusiness: z.number().nullish(),
  countriesServed: z.number().int().nullish(),
  employees: z.number().int().nullish(),
  isManufacturer: z.boolean().optional(),
  engagementScore: z.number().optional(),
});
export type RankLead = z.infer<typeof RankLead>;
export const RankRequest = z.object({ leads: z.array(RankLead) });

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
export const RankResponse = z.object({ results: z.array(RankResult) });

const EnrichLead = z.object({
  id: z.string(),
  company: z.string(),
  website: z.string().nullish(),
  linkedinUrl: z.string().nullish(),
});
export const EnrichRequest = z.object({ leads: z.array(EnrichLead), accountId: z.string().optional() });

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
export const EnrichResponse = z.object({ results: z.array(EnrichResult) });

const WebsiteFactsRequest = z.object({ website: z.string() });
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

export const ExecuteRequest = z.object({
  accountId: z.string(),
  kind: z.enum(["send_invite", "send_message", "withdraw_invite"]),
  providerId: z.string().nullish(),
  text: z.string().nullish(),
  invitationId: z.string().nullish(),
});
export const ExecuteResponse = z.object({
  ok: z.boolean(),
  providerRef: z.string().nullish(),
  code: z.string().nullish(),
  message: z.string().nullish(),
  retryable: z.boolean().nullish(),
});

export const HostedLinkRequest = z.object({
  name: z.string(),
  notifyUrl: z.string(),
  expiresOn: z.string(),
  successRedirectUrl: z.string().optional(),
  failureRedirectUrl: z.string().optional(),
});
export const HostedLinkResponse = z.object({ url: z.string() });

export const WebhookRequest = z.object({
  requestUrl: z.string(),
  source: z.enum(["users", "messaging", "account_status"]),
  name: z.string(),
  headers: z.array(z.object({ key: z.string(), value: z.string() })),
});
export const WebhookResponse = z.object({ webhookId: z.string().nullish() });

/** Each Worker-side schema and the Python service's component it must agree with. */
export const LEAD_SERVICE_PAIRS = {
  requests: [
    [RankRequest, "RankRequest"],
    [EnrichRequest, "EnrichRequest"],
    [WebsiteFactsRequest, "WebsiteFactsIn"],
    [ExecuteRequest, "ExecuteRequest"],
    [HostedLinkRequest, "HostedLinkRequest"],
    [WebhookRequest, "WebhookRequest"],
  ],
  responses: [
    [RankResponse, "RankResponse"],
    [EnrichResponse, "EnrichResponse"],
    [WebsiteFacts, "WebsiteFactsOut"],
    [ExecuteResponse, "ExecuteResponse"],
    [HostedLinkResponse, "HostedLinkResponse"],
    [WebhookResponse, "WebhookResponse"],
  ],
} as const;
