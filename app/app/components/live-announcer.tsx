import { useEffect, useRef, useState } from "react";
import { type ToastT, useSonner } from "sonner";

/**
 * The one place screen readers hear about toasts (a job finished, failed, a draft saved…): each
 * toast is spoken once, politely, and errors assertively. Sonner's own container is a polite live
 * region that re-reads a toast when it changes and cannot speak assertively, so it is silenced
 * (`aria-live="off"`) and these two visually hidden regions speak instead. Progress ticks never
 * become toasts, so they are never announced.
 */
/** How long a spoken message stays in its region (then the same sentence can be news again). */
const KEEP_MS = 7000;

type Message = { id: number; text: string };

export function LiveAnnouncer({ containerLabel }: { containerLabel: string }) {
  const { toasts } = useSonner();
  const spoken = useRef(new Set<string | number>());
  const next = useRef(0);
  const timers = useRef(new Set<ReturnType<typeof setTimeout>>());
  const [polite, setPolite] = useState<Message[]>([]);
  const [assertive, setAssertive] = useState<Message[]>([]);

  useEffect(() => {
    // Keyed by id and text: a toast updated in place with a new message (a retry that failed
    // again) is news; the same toast re-rendered is not.
    const fresh = toasts.filter((t) => !spoken.current.has(keyOf(t)));
    if (fresh.length === 0) return;
    for (const t of fresh) spoken.current.add(keyOf(t));
    // Each message is added as its own node and removed on its own timer: a second toast a moment
    // later (a job finishing as a draft is rejected) is spoken after the first instead of
    // replacing it before it was read.
    const add = (set: typeof setPolite, texts: string[]) => {
      if (texts.length === 0) return;
      const added = texts.map((text) => ({ id: next.current++, text }));
      set((list) => [...list, ...added]);
      const timer = setTimeout(() => {
        timers.current.delete(timer);
        set((list) => list.filter((m) => !added.includes(m)));
      }, KEEP_MS);
      timers.current.add(timer);
    };
    add(setAssertive, fresh.filter((t) => t.type === "error").map(textOf));
    add(setPolite, fresh.filter((t) => t.type !== "error").map(textOf));
  }, [toasts]);
  useEffect(
    () => () => {
      for (const t of timers.current) clearTimeout(t);
    },
    [],
  );

  useEffect(() => {
    // Re-checked on every toast change: Sonner mounts its section lazily.
    for (const el of document.querySelectorAll("section[aria-live]")) {
      if (el.getAttribute("aria-label")?.startsWith(containerLabel)) el.setAttribute("aria-live", "off");
    }
  });

  return (
    <>
      <Region role="status" live="polite" messages={polite} />
      <Region role="alert" live="assertive" messages={assertive} />
    </>
  );
}

/** Not atomic: a screen reader speaks each added message, not the whole region again. */
function Region({
  role,
  live,
  messages,
}: {
  role: "status" | "alert";
  live: "polite" | "assertive";
  messages: Message[];
}) {
  return (
    <div role={role} aria-live={live} aria-relevant="additions" className="sr-only" data-announcer={live}>
      {messages.map((m) => (
        <p key={m.id}>{m.text}</p>
      ))}
    </div>
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
