import { z } from "zod";
import { aiEnv, configureAi } from "../ai/config";

/** Renderer settings, parsed from the Worker's env (not in the generated Env). */
const ContentEnv = z.object({
  /** `none` skips slide rendering (load tests only); `full` is the default everywhere else. */
  CONTENT_RENDER_MODE: z.enum(["full", "none"]).default("full"),
});

export interface ContentConfig {
  renderMode: "full" | "none";
}

/**
 * Test hook: swap the AI provider's env and network (the fake Gemini server), and the renderer's
 * env. Production never calls it.
 */
export function configureContent(patch: Parameters<typeof configureAi>[0]): void {
  configureAi(patch);
}

export function contentConfig(env: Env): ContentConfig {
  return { renderMode: ContentEnv.parse(aiEnv(env)).CONTENT_RENDER_MODE };
}
