import { Combiner, combinerFor, type Settled } from "./combine";
import type { Stmt } from "./statements";

type Stmts = readonly [Stmt<unknown>, ...Stmt<unknown>[]];
type Results<T extends Stmts> = { -readonly [K in keyof T]: T[K] extends Stmt<infer R> ? R : never };

/**
 * D1's statements per combined batch: a batch is one transaction, so a long one holds the
 * database; 50 small statements take about as long as two round trips.
 */
const MAX_STATEMENTS = 50;

const settle = async <T>(p: Promise<T>): Promise<Settled<T>> => {
  try {
    return { ok: true, value: await p };
  } catch (error) {
    return { ok: false, error };
  }
};

/**
 * Group commit for D1 (see `Combiner`): each call is a group of statements that must run in one
 * batch, in order (a guarded UPDATE and the event it gates with `changes()`). Inside `combining`,
 * concurrent calls' groups go out as one batch, each group whole and in order; outside it, each
 * call is its own batch. A batch is a transaction, so a group that fails would fail its
 * neighbours: then every group runs again alone and each caller gets its own outcome. Running
 * again is safe: the failed batch committed nothing, and every grouped write is guarded (a status
 * and attempt fence, or ON CONFLICT DO NOTHING), so a lost race still reads as one.
 */
export function groupCommit(d1: D1Database): <T extends Stmts>(stmts: T) => Promise<Results<T>> {
  const alone = async (g: Array<Stmt<unknown>>): Promise<unknown[]> => {
    const results = await d1.batch(g.map((s) => s.stmt));
    return g.map((s, i) => s.map(results[i] as D1Result));
  };
  const make = () =>
    new Combiner<Array<Stmt<unknown>>, unknown[]>(
      async (groups) => {
        const [first] = groups;
        if (groups.length === 1 && first) return [await settle(alone(first))];
        const all = await settle(alone(groups.flat()));
        if (!all.ok) return Promise.all(groups.map((g) => settle(alone(g))));
        let at = 0;
        return groups.map((g) => {
          const value = all.value.slice(at, at + g.length);
          at += g.length;
          return { ok: true as const, value };
        });
      },
      MAX_STATEMENTS,
      (g) => g.length,
    );
  const key = {};
  return <T extends Stmts>(stmts: T) => {
    const combiner = combinerFor(key, make);
    return (combiner ? combiner.submit([...stmts]) : alone([...stmts])) as Promise<Results<T>>;
  };
}
