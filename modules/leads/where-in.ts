import { inArray } from "drizzle-orm";
import { leads } from "../../drizzle/schema";
import type { Db } from "../core/db";
import type { LeadRow } from "./repo";

/** D1 binds at most 100 parameters per statement. */
const PER_SELECT = 90;

/** The leads whose `column` is one of `values`: one D1 batch of `IN (…)` selects, 90 values each. */
export async function leadsWhereIn(
  db: Db,
  column: typeof leads.id | typeof leads.dedupeKey,
  values: string[],
): Promise<LeadRow[]> {
  const selects = [];
  for (let i = 0; i < values.length; i += PER_SELECT)
    selects.push(
      db
        .select()
        .from(leads)
        .where(inArray(column, values.slice(i, i + PER_SELECT))),
    );
  const [head, ...tail] = selects;
  return head ? (await db.batch([head, ...tail])).flat() : [];
}
