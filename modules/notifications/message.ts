export interface Outcome {
  jobId: string;
  /** What the owner calls this kind of job, in their language (its type's declared name). */
  label: string;
  status: "succeeded" | "failed" | "cancelled";
  durationS: number;
  costUsd: number;
  error: string | null;
  link: string;
}

function duration(s: number, locale: "pt-BR" | "en"): string {
  const m = Math.floor(s / 60);
  const sec = Math.round(s % 60);
  return m > 0 ? `${m} min ${sec} s` : `${sec} s`.replace("s", locale === "en" ? "s" : "s");
}

/** The "away" message, in the user's language: job, outcome, duration, cost and a link. */
export function render(o: Outcome, locale: "pt-BR" | "en"): { subject: string; text: string } {
  const label = o.label;
  const ok = o.status === "succeeded";
  const verb = locale === "pt-BR" ? (ok ? "concluído" : "falhou") : ok ? "finished" : "failed";
  const subject = `${label} ${verb}`;
  const lines =
    locale === "pt-BR"
      ? [
          `${subject} — job ${o.jobId}`,
          `Duração: ${duration(o.durationS, locale)} · Custo: US$ ${o.costUsd.toFixed(2)}`,
          ...(o.error ? [`Erro: ${o.error}`] : []),
          `Abrir: ${o.link}`,
        ]
      : [
          `${subject} — job ${o.jobId}`,
          `Duration: ${duration(o.durationS, locale)} · Cost: USD ${o.costUsd.toFixed(2)}`,
          ...(o.error ? [`Error: ${o.error}`] : []),
          `Open: ${o.link}`,
        ];
  return { subject, text: lines.join("\n") };
}
