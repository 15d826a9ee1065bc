import { useI18n } from "../i18n";

/** The "LM" mark and the product name. */
export function Brand({ compact = false }: { compact?: boolean }) {
  const { t } = useI18n();
  return (
    <div className="flex items-center gap-2.5">
      <span
        aria-hidden="true"
        className="grid size-9 place-items-center rounded-lg bg-white/10 text-sm font-bold tracking-tight text-white ring-1 ring-white/20"
      >
        LM
      </span>
      {!compact && (
        <span className="leading-tight">
          <span className="block text-sm font-semibold text-white">{t.app.name}</span>
          <span className="block text-[11px] text-blue-100/80">{t.app.suite}</span>
        </span>
      )}
    </div>
  );
}
