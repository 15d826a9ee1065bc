import type { AiProvider, ImageData, ImageRequest, JsonRequest, Research, ResearchRequest } from "./types";

/**
 * The embedded default when no API key is configured: every stage answers with its own
 * deterministic builder (brief + persona + products), no network, cost 0.
 */
export class OfflineProvider implements AiProvider {
  readonly name = "offline" as const;
  readonly offline = true;
  readonly models = { text: "offline-template", image: "offline-brand-art" };

  async generateJson<T>(req: JsonRequest<T>): Promise<T> {
    const value = req.offline();
    return req.schema.parse(req.repair ? req.repair(value) : value);
  }

  async research(req: ResearchRequest): Promise<Research> {
    return req.offline();
  }

  generateImage(req: ImageRequest): Promise<ImageData | null> {
    return req.offline();
  }
}
