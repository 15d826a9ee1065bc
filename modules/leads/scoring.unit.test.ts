import { describe, expect, it } from "vitest";
import { parseCsv } from "./csv";
import { dedupeKey } from "./import";
import { engagementScore, heatOf, leadScore } from "./scoring";

const DAY = 86_400_000;
const now = Date.UTC(2026, 10, 25);
const ev = (
  kind: Parameters<typeof engagementScore>[0][number]["kind"],
  ageDays: number,
  id = crypto.randomUUID(),
) => ({
  id,
  kind,
  occurredAt: now - ageDays * DAY,
});

describe("engagement score", () => {
  it("decays each signal by its half-life", () => {
    expect(engagementScore([ev("rfq", 0)], now).score).toBe(50);
    expect(engagementScore([ev("rfq", 90)], now).score).toBe(25);
    expect(engagementScore([ev("message_reply", 60)], now).score).toBe(6.25);
    expect(engagementScore([ev("email_open", 7)], now).score).toBe(0.5);
  });

  it("counts at most 20 events per kind per day", () => {
    const likes = Array.from({ length: 30 }, () => ev("linkedin_like", 0));
    expect(engagementScore(likes, now).score).toBe(60);
    const contributions = engagementScore(likes, now).contributions;
    expect(contributions.filter((c) => c.points === 0)).toHaveLength(10);
  });

  it("clamps to 0–100 and applies negatives", () => {
    expect(engagementScore([ev("rfq", 0), ev("meeting_booked", 0), ev("rfq", 1)], now).score).toBe(100);
    expect(engagementScore([ev("rfq", 0), ev("unsubscribe", 0)], now).score).toBe(0);
    expect(engagementScore([ev("rfq", 0), ev("meeting_booked", 0), ev("bounce", 0)], now).score).toBe(40);
  });
});

describe("lead score and heat", () => {
  it("engagement lifts fit by up to 2 points, capped at 10", () => {
    expect(leadScore(8.5, 50)).toBe(9.5);
    expect(leadScore(9.5, 100)).toBe(10);
    expect(leadScore(0, 0)).toBe(0);
  });
  it.each([
    [6.99, "COLD"],
    [7.0, "WARM"],
    [8.99, "WARM"],
    [9.0, "HOT"],
    [null, "COLD"],
  ] as const)("%s → %s", (score, heat) => expect(heatOf(score)).toBe(heat));
});

describe("CSV and dedupe", () => {
  it("parses quotes, commas, escaped quotes, CRLF and a BOM", () => {
    expect(parseCsv('\ufeffa,b\r\n"x, y","say ""hi"""\r\n"multi\nline",2\n')).toEqual([
      ["a", "b"],
      ["x, y", 'say "hi"'],
      ["multi\nline", "2"],
    ]);
  });
  it("merges by website host, else by company name without accents", () => {
    expect(dedupeKey({ company: "A", website: "https://www.Alfa.com.br/x" })).toBe(
      dedupeKey({ company: "B", website: "alfa.com.br" }),
    );
    expect(dedupeKey({ company: "Cirúrgica São José Ltda." })).toBe(
      dedupeKey({ company: "cirurgica sao jose ltda" }),
    );
  });
});
