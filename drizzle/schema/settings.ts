import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/** Small admin-editable documents (guardrail limits, price table, territory owners). */
export const appSettings = sqliteTable("app_settings", {
  key: text("key").primaryKey(),
  value: text("value", { mode: "json" }).$type<unknown>().notNull(),
  updatedAt: integer("updated_at").notNull(),
  updatedBy: text("updated_by"),
});
