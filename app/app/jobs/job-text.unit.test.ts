import { describe, expect, it } from "vitest";
import { formattersFor } from "../i18n";
import { en } from "../i18n/en";
import { ptBR } from "../i18n/pt-BR";
import { eventText, progressText } from "./job-text";

const pt = (e: Parameters<typeof eventText>[3], me?: string) =>
  eventText(ptBR, "pt-BR", formattersFor("pt-BR"), e, me);
const ev = (code: string, params: Record<string, unknown> | null = null, message = "English") =>
  ({ code, params, message }) as Parameters<typeof eventText>[3];

describe("job events in the reader's language (#17.6)", () => {
  it("says the engine's events in pt-BR, durations through Intl", () => {
    expect(pt(ev("job.queued"))).toBe("Na fila");
    expect(pt(ev("job.running", { attempt: 2 }))).toBe("Em execução (tentativa 2)");
    expect(pt(ev("job.succeeded"))).toBe("Concluído");
    expect(
      pt(ev("job.retrying", { attempt: 1, error: "lease_expired", reason: "The worker…", delayMs: 12_500 })),
    ).toBe(
      "Tentativa 1 falhou: O worker parou de responder (falha ou tempo esgotado). Nova tentativa em 12,5 s.",
    );
    expect(pt(ev("job.dead_lettered"))).toBe("A fila desistiu da entrega após falhas repetidas");
    expect(pt(ev("job.cost", { model: "gemini", usd: 0.0123 })).replace(/\s/g, " ")).toBe(
      "gemini: US$ 0,0123",
    );
  });

  it("names who acted without a raw id", () => {
    const by = { by: "u1", byRole: "admin", byName: "Ana Admin" };
    expect(pt(ev("job.cancelled", by), "u1")).toBe("Cancelado por você");
    expect(pt(ev("job.cancelled", by), "u2")).toBe("Cancelado por Ana Admin");
    expect(pt(ev("job.cancelled", { ...by, byName: null }), "u2")).toBe("Cancelado por um administrador");
    expect(pt(ev("job.retried", { ...by, resumeFrom: ["research"] }), "u1")).toBe(
      "Reenviado para a fila por você, retomando após: research",
    );
  });

  it("names stages by their labels, never by their keys", () => {
    const stageLabel = { "pt-BR": "Gerando os posts", en: "Generating the posts" };
    expect(pt(ev("job.checkpoint", { stage: "children", stageLabel }))).toBe(
      'Etapa "Gerando os posts" salva',
    );
    expect(pt(ev("job.progress", { stage: "children", stageLabel, percent: 33, done: 1, total: 3 }))).toBe(
      "Gerando os posts · 1/3",
    );
    expect(pt(ev("job.progress", { stage: "mystery", percent: 40 }))).toBe("Processando · 40%");
    const fmt = formattersFor("en");
    expect(progressText(en, "en", fmt, { stage: "finish", percent: 80, message: "Finishing" })).toBe(
      "Finishing · 80%",
    );
  });

  it("says the job types' coded log lines, task names included", () => {
    expect(pt(ev("ai.malformed", { task: "carousel.strategy", ask: 2 }))).toBe(
      "Resposta do modelo inválida (estratégia do carrossel, tentativa 2)",
    );
    expect(pt(ev("content.rendered", { slides: 7 }))).toBe("7 slides e o PDF renderizados novamente.");
    expect(pt(ev("content.rewriting", { score: 62.5, threshold: 70 }))).toBe(
      "O Analista de marca deu 62,5 (< 70): reescrevendo uma vez",
    );
  });

  it("shows an event without a code as it was stored", () => {
    expect(pt(ev("", null, "Rendered 7 slides"))).toBe("Rendered 7 slides");
  });
});
