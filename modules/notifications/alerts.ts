import { desc, sql } from "drizzle-orm";
import { adminAlert } from "../../drizzle/schema";
import type { Db } from "../core/db";
import { newId } from "../core/ids";

export interface AdminAlert {
  kind: string;
  message: string;
  /** Same key → one row whose count grows, never a flood. */
  dedupeKey: string;
}

/**
 * Alerts for admins: one row per problem in D1 (listed in Settings), plus a post to the ops Slack
 * webhook when one is configured. Raising never throws: an alert must not break what raised it.
 */
export class AlertService {
  constructor(
    private readonly db: Db,
    private readonly slackWebhookUrl: string | undefined,
  ) {}

  async raise(a: AdminAlert): Promise<void> {
    try {
      const now = new Date();
      const [row] = await this.db
        .insert(adminAlert)
        .values({ id: newId(), ...a, createdAt: now, lastSeenAt: now })
        .onConflictDoUpdate({
          target: adminAlert.dedupeKey,
          set: { count: sql`${adminAlert.count} + 1`, lastSeenAt: now, message: a.message },
        })
        .returning({ count: adminAlert.count });
      console.error(JSON.stringify({ level: "alert", kind: a.kind, msg: a.message }));
      if (this.slackWebhookUrl && row?.count === 1) {
        await fetch(this.slackWebhookUrl, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ text: `Lifetrek alert (${a.kind}): ${a.message}` }),
        });
      }
    } catch (err) {
      console.error(JSON.stringify({ level: "error", msg: "alert not recorded", err: String(err) }));
    }
  }

  async list() {
    const rows = await this.db.select().from(adminAlert).orderBy(desc(adminAlert.lastSeenAt)).limit(100);
    return rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      message: r.message,
      count: r.count,
      createdAt: r.createdAt.toISOString(),
      lastSeenAt: r.lastSeenAt.toISOString(),
    }));
  }
}
