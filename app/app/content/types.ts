// Wire types of the Content API: types from the zod contracts (erased), values from the
// import-free `content-values.ts` (nothing else from the backend is bundled).
import type { ContentWire } from "../../../modules/contracts/content";

export type {
  ContentWire as Content,
  PersonaWire as Persona,
  ProductWire as Product,
} from "../../../modules/contracts/content";
/** Slide text limits (domain §3.1) the edit form counts against: the API's own. */
export { SLIDE_LIMITS } from "../../../modules/contracts/content-values";

export type ContentKind = ContentWire["kind"];
export type ContentStatus = ContentWire["status"];
export type GenerateKind = "carousel" | "blog" | "sequence";
export type FieldError = { path: string; message: string };

export const CONTENT_JOB_TYPES = ["content.carousel", "content.blog", "content.sequence"] as const;

/** An asset URL that changes when the content does (slides are re-rendered under the same key). */
export function versioned(url: string | null | undefined, version: string): string | undefined {
  if (!url) return undefined;
  return `${url}${url.includes("?") ? "&" : "?"}v=${encodeURIComponent(version)}`;
}
