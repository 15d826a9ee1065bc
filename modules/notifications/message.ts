export interface Outcome {
  jobId: string;
  type: string;
  status: "succeeded" | "failed" | "cancelled";
  durationS: number;
  costUsd: number;
  error: string | null;
  link: string;
}

const TYPE_LABEL: Record<string, { "pt-BR": string; en: string }> = {
  "content.carousel": { "pt-BR": "Carrossel", en: "Carousel" },
  "content.blog": { "pt-BR": "Post de blog", en: "Blog post" },
  "content.sequence": { "pt-BR": "Sequência de posts", en: "Post sequence" },
  "leads.enrich": { "pt-BR": "Enriquecimento de leads", en: "Lead enrichment" },
  "leads.import": { "pt-BR": "Importação de leads", en: "Lead import" },
  "leads.rank": { "pt-BR": "Ranqueamento de leads", en: "Lead ranking" },
};

function duration(s: number, locale: "pt-BR" | "en"): string {
  const m = Math.floor(s / 60);
  const sec = Math.round(s % 60);
  return m > 0 ? `${m} min ${sec} s` : `${sec} s`.replace("s", locale === "en" ? "s" : "s");
}

/** The "away" message, in the user's language: job, outcome, duration, cost and a link. */
export function render(o: Outcome, locale: "pt-BR" | "en"): { subject: string; text: string } {
  const label = TYPE_LABEL[o.type]?.[locale] ?? o.type;
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
