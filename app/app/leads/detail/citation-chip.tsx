import { useI18n } from "../../i18n";

/** "Encontrado via LinkedIn (Unipile)" / "Do site" with the link and when it was fetched. */
export function CitationChip({
  source,
  url,
  fetchedAt,
}: {
  source: string;
  url: string | null;
  fetchedAt: string;
}) {
  const { t, fmt } = useI18n();
  const L = t.leadsPage;
  const label =
    source === "unipile" || source === "linkedin"
      ? L.viaUnipile
      : source === "website" || source === "site"
        ? L.viaWebsite
        : L.viaOther(source);
  return (
    <span data-citation={source} className="flex flex-wrap items-center gap-x-1.5 text-[11px] text-slate-500">
      <span aria-hidden="true">{source === "website" || source === "site" ? "🌐" : "🔗"}</span>
      <span className="font-medium text-slate-600 dark:text-slate-300">{label}</span>
      {url && (
        <a
          href={url}
          target="_blank"
          rel="noreferrer noopener"
          className="max-w-56 truncate text-brand-blue hover:underline dark:text-blue-300"
          title={url}
        >
          {L.openSource}
        </a>
      )}
      <span>· {L.fetchedAt(fmt.date(fetchedAt))}</span>
    </span>
  );
}
