import { type AiConfig, aiConfig } from "../ai";
import { contentConfig } from "./config";

/** What content's job handlers take from the Worker (their `ctx.deps`): no env beyond this. */
export interface ContentDeps {
  /** R2: product pictures, generated images, rendered slides and PDFs. */
  files: R2Bucket;
  ai: AiConfig;
  renderMode: "full" | "none";
}

export const contentDeps = (env: Env): ContentDeps => ({
  files: env.FILES,
  ai: aiConfig(env),
  renderMode: contentConfig(env).renderMode,
});
