// Wire types of the Content API (type-only imports: nothing from the backend is bundled).
export type {
  ContentWire as Content,
  PersonaWire as Persona,
  ProductWire as Product,
} from "../../../modules/content/schema";

export type ContentKind = "carousel" | "blog";
export type ContentStatus = "draft" | "approved" | "rejected";
export type GenerateKind = "carousel" | "blog" | "sequence";
export type FieldError = { path: string; message: string };

/** Slide text limits (domain §3.1), mirrored for the edit form's counters. */
export const SLIDE_LIMITS: Record<string, { headline: number; body: number }> = {
  hook: { headline: 60, body: 120 },
  content: { headline: 70, body: 140 },
  cta: { headline: 60, body: 120 },
};

export const CONTENT_JOB_TYPES = ["content.carousel", "content.blog", "content.sequence"] as const;

/** An asset URL that changes when the content does (slides are re-rendered under the same key). */
export function versioned(url: string | null | undefined, version: string): string | undefined {
  if (!url) return undefined;
  return `${url}${url.includes("?") ? "&" : "?"}v=${encodeURIComponent(version)}`;
}
