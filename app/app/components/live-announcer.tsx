import { useEffect, useRef, useState } from "react";
import { type ToastT, useSonner } from "sonner";

/**
 * The one place screen readers hear about toasts (a job finished, failed, a draft saved…): each
 * toast is spoken once, politely, and errors assertively. Sonner's own container is a polite live
 * region that re-reads a toast when it changes and cannot speak assertively, so it is silenced
 * (`aria-live="off"`) and these two visually hidden regions speak instead. Progress ticks never
 * become toasts, so they are never announced.
 */
export function LiveAnnouncer({ containerLabel }: { containerLabel: string }) {
  const { toasts } = useSonner();
  const spoken = useRef(new Set<string | number>());
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const [polite, setPolite] = useState("");
  const [assertive, setAssertive] = useState("");

  useEffect(() => {
    // Keyed by id and text: a toast updated in place with a new message (a retry that failed
    // again) is news; the same toast re-rendered is not.
    const fresh = toasts.filter((t) => !spoken.current.has(keyOf(t)));
    if (fresh.length === 0) return;
    for (const t of fresh) spoken.current.add(keyOf(t));
    const errors = fresh.filter((t) => t.type === "error").map(textOf);
    const others = fresh.filter((t) => t.type !== "error").map(textOf);
    if (errors.length > 0) setAssertive(errors.join(". "));
    if (others.length > 0) setPolite(others.join(". "));
    // Emptied afterwards, so the same sentence later (another ping done) is spoken again.
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      setPolite("");
      setAssertive("");
    }, 7000);
  }, [toasts]);
  useEffect(() => () => clearTimeout(timer.current), []);

  useEffect(() => {
    // Re-checked on every toast change: Sonner mounts its section lazily.
    for (const el of document.querySelectorAll("section[aria-live]")) {
      if (el.getAttribute("aria-label")?.startsWith(containerLabel)) el.setAttribute("aria-live", "off");
    }
  });

  return (
    <>
      <div role="status" aria-live="polite" aria-atomic="true" className="sr-only" data-announcer="polite">
        {polite}
      </div>
      <div
        role="alert"
        aria-live="assertive"
        aria-atomic="true"
        className="sr-only"
        data-announcer="assertive"
      >
        {assertive}
      </div>
    </>
  );
}

function keyOf(t: ToastT): string {
  return `${t.id}\u0000${textOf(t)}`;
}

function textOf(t: ToastT): string {
  const title = typeof t.title === "string" ? t.title : "";
  const description = typeof t.description === "string" ? t.description : "";
  return [title, description].filter(Boolean).join(": ");
}
