import { eq } from "drizzle-orm";
import { z } from "zod";
import { appSettings } from "../../drizzle/schema";
import type { Db } from "../core/db";

const KEY = "leads.territoryOwners";
export const TerritoryOwners = z.object({
  manufacturing: z.string().nullable().default(null),
  commercial: z.string().nullable().default(null),
});
export type TerritoryOwners = z.infer<typeof TerritoryOwners>;

/** Which user owns each territory (admin-editable; Márcio and Vanessa in the demo). */
export async function territoryOwners(db: Db): Promise<TerritoryOwners> {
  const row = await db.query.appSettings.findFirst({ where: eq(appSettings.key, KEY) });
  return TerritoryOwners.parse(row?.value ?? {});
}

export async function setTerritoryOwners(db: Db, value: TerritoryOwners, by: string | null): Promise<void> {
  await db
    .insert(appSettings)
    .values({ key: KEY, value, updatedAt: Date.now(), updatedBy: by })
    .onConflictDoUpdate({ target: appSettings.key, set: { value, updatedAt: Date.now(), updatedBy: by } });
}
