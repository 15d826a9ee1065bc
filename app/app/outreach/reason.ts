import type { Formatters } from "../i18n";
import type { outreachPt } from "../i18n/outreach";

type Texts = Pick<typeof outreachPt, "reasons" | "decisions" | "kind" | "weekdayNames">;

/**
 * The governor and the log store their reasons in fixed English (API clients read them); the
 * values are read back out and said in the reader's language, dates and numbers through Intl.
 * A reason in any other form (a person's rejection note, a provider's message) is shown as stored.
 *
 * @example outreachReason(T, fmt, "weekly cap reached (80/80 in the last 7 days)") // "teto semanal atingido (80/80 nos últimos 7 dias)"
 */
export function outreachReason(
  T: Texts,
  fmt: Pick<Formatters, "number" | "dateTime">,
  reason: string,
): string {
  const R = T.reasons;
  const num = (s: string | undefined) => (s === undefined || s === "?" ? "?" : fmt.number(Number(s), 1));
  const kind = (k: string | undefined) => (k ? (T.kind[k] ?? k) : "");
  const when = (iso: string | undefined) => fmt.dateTime(iso);
  const days = (list: string | undefined) =>
    (list ?? "")
      .split(",")
      .map((d) => T.weekdayNames[Number(d) - 1] ?? d)
      .join(", ");
  const rules: Array<[RegExp, (m: string[]) => string]> = [
    [/^waiting the random gap of ([\d.?]+) min since the last action$/, (m) => R.gap(num(m[1]))],
    [
      /^today's drawn limit reached \((\d+)\/(\d+), tier cap (\d+)\)$/,
      (m) => R.dailyLimit(num(m[1]), num(m[2]), num(m[3])),
    ],
    [/^weekly cap reached \((\d+)\/(\d+) in the last 7 days\)$/, (m) => R.weeklyCap(num(m[1]), num(m[2]))],
    [
      /^outside active hours \((\S+)–(\S+) \S+, weekdays ([\d,]+)\); next window (\S+)$/,
      (m) => R.outsideHours(m[1] ?? "", m[2] ?? "", days(m[3]), when(m[4])),
    ],
    [
      /^(?:(?:rate_limited|restricted): )?(\w+) paused until (\S+?)(?: \((.*)\))?$/,
      (m) => R.paused(kind(m[1]), when(m[2]), m[3] === "rate limited" ? R.rateLimited : (m[3] ?? "")),
    ],
    [
      /^invitation to this person was withdrawn (\S+); no re-invite before (\S+)$/,
      (m) => R.reinviteBlocked(when(m[1]), when(m[2])),
    ],
    [
      /^go: (\d+)\/(\d+) today, (\d+)\/(\d+) this week; next gap ([\d.]+) min$/,
      (m) => R.go(num(m[1]), num(m[2]), num(m[3]), num(m[4]), num(m[5])),
    ],
    [/^already granted$/, () => R.alreadyGranted],
    [/^no profile visit left in the budget to find this member's LinkedIn id$/, () => R.noVisitLeft],
    [/^LinkedIn has no member at this profile URL\.$/, () => R.noSuchMember],
    [/^sent$/, () => R.sent],
    [/^AI draft requested$/, () => R.draftRequested],
    [/^offline draft \((\d+) characters\)$/, (m) => R.offlineDraft(num(m[1]))],
    [/^approved by \S+ \(sha256 (\w+)…\)$/, (m) => R.approved(m[1] ?? "")],
    [/^demo account connected \(offline Unipile\)$/, () => R.demoConnected],
    [/^hosted-auth link requested$/, () => R.hostedAuth],
    [/^invitation \S+ pending more than 21 days$/, () => R.autoWithdraw],
    [/^LinkedIn restriction on (\w+): paused (\d+) h$/, (m) => R.restricted(kind(m[1]), m[2] ?? "")],
    [/^HTTP 429 on (\w+): paused (\d+) h$/, (m) => R.http429(kind(m[1]), m[2] ?? "")],
    [/^\{.*\}$/s, () => R.rulesChanged],
  ];
  const text = reason.trim();
  for (const [re, say] of rules) {
    const m = re.exec(text);
    if (m) return say([...m]);
  }
  return reason;
}

/** A log decision's name in the reader's language ("teto semanal"), the code if unknown. */
export function decisionName(T: Pick<typeof outreachPt, "decisions">, decision: string): string {
  return T.decisions[decision] ?? decision;
}
