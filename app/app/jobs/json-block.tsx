import { useId } from "react";
import { Card } from "../components/page";
import { useI18n } from "../i18n";

/** Pretty-printed JSON under a heading ("—" when empty). */
export function JsonBlock({ title, value }: { title: string; value: unknown }) {
  const { t } = useI18n();
  const id = useId();
  const empty = value === null || value === undefined;
  return (
    <Card labelledBy={id}>
      <h2 id={id} className="mb-2 text-sm font-semibold">
        {title}
      </h2>
      {empty ? (
        <p className="text-sm text-slate-500">{t.job.none}</p>
      ) : (
        // A long JSON scrolls: as a focusable, named region a keyboard user can scroll it (axe
        // scrollable-region-focusable).
        <section
          // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must take focus to be scrolled by keyboard
          tabIndex={0}
          aria-labelledby={id}
          className="max-h-72 overflow-auto rounded-md bg-slate-50 p-3 dark:bg-navy-950"
        >
          <pre className="font-mono text-xs text-slate-800 dark:text-slate-200">
            {JSON.stringify(value, null, 2)}
          </pre>
        </section>
      )}
    </Card>
  );
}
