import { type KeyboardEvent, useState } from "react";
import { useI18n } from "../i18n";
import { type Content, versioned } from "./types";

type Slide = NonNullable<Content["slides"]>[number];

/** The slides as LinkedIn will show them: one 4:5 image, prev/next, thumbnails, ← → keys. */
export function CarouselPreview({ slides, version }: { slides: Slide[]; version: string }) {
  const { t } = useI18n();
  const d = t.studio.detail;
  const [index, setIndex] = useState(0);
  const n = slides.length;
  const current = slides[Math.min(index, n - 1)];
  if (!current) return null;
  const go = (i: number) => setIndex(((i % n) + n) % n);
  const onKey = (e: KeyboardEvent) => {
    if (e.key === "ArrowRight") {
      e.preventDefault();
      go(index + 1);
    } else if (e.key === "ArrowLeft") {
      e.preventDefault();
      go(index - 1);
    } else if (e.key === "Home") {
      e.preventDefault();
      go(0);
    } else if (e.key === "End") {
      e.preventDefault();
      go(n - 1);
    }
  };
  const arrow =
    "absolute top-1/2 grid size-10 -translate-y-1/2 place-items-center rounded-full bg-white/90 text-lg text-slate-900 shadow-md ring-1 ring-slate-200 hover:bg-white disabled:opacity-40";
  return (
    <section aria-roledescription="carousel" aria-label={d.preview} className="space-y-3">
      <div className="relative mx-auto w-full max-w-md rounded-xl">
        <figure
          aria-roledescription="slide"
          aria-label={d.slideOf(index + 1, n)}
          className="aspect-[4/5] overflow-hidden rounded-xl bg-slate-200 shadow-md ring-1 ring-slate-200 dark:bg-slate-800 dark:ring-slate-700"
        >
          {current.imageUrl ? (
            <img
              key={current.index}
              src={versioned(current.imageUrl, version)}
              alt={`${d.slideOf(index + 1, n)} — ${current.headline}. ${current.body}`}
              className="size-full object-cover"
              data-slide-image
            />
          ) : (
            <div className="grid size-full place-items-center p-6 text-center text-sm">
              {current.headline}
            </div>
          )}
        </figure>
        <button
          type="button"
          onClick={() => go(index - 1)}
          onKeyDown={onKey}
          aria-label={d.prev}
          className={`${arrow} -left-3`}
        >
          <span aria-hidden="true">‹</span>
        </button>
        <button
          type="button"
          onClick={() => go(index + 1)}
          onKeyDown={onKey}
          aria-label={d.next}
          className={`${arrow} -right-3`}
        >
          <span aria-hidden="true">›</span>
        </button>
      </div>
      <p id="carousel-keys" className="text-center text-xs text-slate-500 dark:text-slate-400">
        <span aria-live="polite">{d.slideOf(index + 1, n)}</span> · {d.keyboardHint}
      </p>
      <ul aria-label={d.thumbnails} className="flex flex-wrap justify-center gap-2">
        {slides.map((s, i) => (
          <li key={s.index}>
            <button
              type="button"
              onClick={() => go(i)}
              onKeyDown={onKey}
              aria-label={d.goTo(i + 1)}
              aria-current={i === index ? "true" : undefined}
              className={`block w-12 overflow-hidden rounded-md ring-2 transition ${
                i === index ? "ring-[var(--accent)]" : "opacity-70 ring-transparent hover:opacity-100"
              }`}
            >
              {s.imageUrl ? (
                <img
                  src={versioned(s.imageUrl, version)}
                  alt=""
                  className="aspect-[4/5] w-full bg-slate-200 object-cover"
                  data-thumb-image
                />
              ) : (
                <span className="block aspect-[4/5] w-full bg-slate-200" />
              )}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
