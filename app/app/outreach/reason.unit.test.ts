import { describe, expect, it } from "vitest";
import { formattersFor } from "../i18n";
import { outreachEn, outreachPt } from "../i18n/outreach";
import { decisionName, outreachReason } from "./reason";

const pt = (r: string) => outreachReason(outreachPt, formattersFor("pt-BR"), r);

/** The reasons as modules/outreach writes them, and how a pt-BR reader sees them (#17.6). */
describe("outreach reasons in the reader's language", () => {
  it.each([
    [
      "waiting the random gap of 17.5 min since the last action",
      "aguardando o intervalo aleatório de 17,5 min desde a última ação",
    ],
    [
      "today's drawn limit reached (12/12, tier cap 25)",
      "limite sorteado de hoje atingido (12/12, teto do nível 25)",
    ],
    ["weekly cap reached (80/80 in the last 7 days)", "teto semanal atingido (80/80 nos últimos 7 dias)"],
    [
      "outside active hours (08:00–18:00 America/Sao_Paulo, weekdays 1,2,3,4,5); next window 2026-12-02T11:00:00.000Z",
      "fora do horário ativo (08:00–18:00, Seg, Ter, Qua, Qui, Sex); próxima janela 02/12/2026 08:00:00",
    ],
    [
      "send_invite paused until 2026-12-03T11:00:00.000Z (rate limited)",
      "Convite pausado até 03/12/2026 08:00:00 (limite de requisições do LinkedIn)",
    ],
    [
      "go: 3/12 today, 10/80 this week; next gap 21.4 min",
      "liberado: 3/12 hoje, 10/80 nesta semana; próximo intervalo 21,4 min",
    ],
    ["approved by 01ABC (sha256 0123456789ab…)", "aprovado por uma pessoa (sha256 0123456789ab…)"],
    ["offline draft (212 characters)", "rascunho offline (212 caracteres)"],
    ["HTTP 429 on send_invite: paused 24 h", "HTTP 429 em Convite: pausado por 24 h"],
    ['{"dailyMin":10}', "regras alteradas"],
    [
      "no profile visit left in the budget to find this member's LinkedIn id",
      "sem visita de perfil no orçamento para achar o LinkedIn desta pessoa",
    ],
    ["LinkedIn has no member at this profile URL.", "o LinkedIn não tem um membro neste endereço de perfil"],
  ])("%s", (stored, said) => {
    expect(pt(stored)).toBe(said);
  });

  it("a person's own words (a rejection note) stay as written", () => {
    expect(pt("Texto muito formal")).toBe("Texto muito formal");
  });

  it("names decisions, the code when unknown", () => {
    expect(decisionName(outreachPt, "weekly_cap")).toBe("teto semanal");
    expect(decisionName(outreachEn, "weekly_cap")).toBe("weekly cap");
    expect(decisionName(outreachPt, "new_code")).toBe("new_code");
  });
});
