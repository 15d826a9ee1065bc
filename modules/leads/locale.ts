import type { Context } from "hono";
import type { Db } from "../core/db";
import type { AppEnv } from "../core/http";
import { localeFrom } from "../core/locale";
import { UserDirectory } from "../identity/directory";
import type { Locale } from "./import-problems";

/**
 * The user's language: the one the request asks for (the dashboard sends the language picked in
 * it), else the account's.
 */
export async function localeOf(c: Context<AppEnv>, db: Db, id: string): Promise<Locale> {
  const header = c.req.header("accept-language");
  if (header && /(^|,)\s*(en|pt)(-[a-z]+)?\s*(;|,|$)/i.test(header)) return localeFrom(header);
  return new UserDirectory(db).locale(id);
}
