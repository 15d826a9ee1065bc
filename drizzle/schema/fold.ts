import { type SQL, sql } from "drizzle-orm";

/**
 * Search folding: accents off, ASCII lower-case, so "conexao" finds "Conexão" and "CONEXÃO" finds
 * "conexao". SQLite has no unaccent and its lower() folds ASCII only, so the same char map is
 * applied in SQL (a generated column) and in JS (the query), and each side lower-cases ASCII
 * only: the two can never disagree, whatever the text.
 */
const FROM = "ÀÁÂÃÄÅàáâãäåÈÉÊËèéêëÌÍÎÏìíîïÒÓÔÕÖòóôõöÙÚÛÜùúûüÇçÑñÝýÿ";
const TO = "aaaaaaaaaaaaeeeeeeeeiiiiiiiioooooooooouuuuuuuuccnnyyy";
const MAP = new Map([...FROM].map((c, i) => [c, TO[i] ?? c]));

export function foldSearch(s: string): string {
  let out = "";
  for (const c of s) out += MAP.get(c) ?? c;
  return out.replace(/[A-Z]/g, (c) => c.toLowerCase());
}

/** The same folding as an SQL expression over `expr` (nested replace() calls, then lower()). */
export function foldSql(expr: SQL): SQL {
  let out = expr;
  for (const [from, to] of MAP) out = sql`replace(${out}, '${sql.raw(from)}', '${sql.raw(to)}')`;
  return sql`lower(${out})`;
}
