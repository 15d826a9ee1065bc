import type { BatchItem, BatchResponse } from "drizzle-orm/batch";
import { Combiner, combinerFor, type Settled } from "./combine";
import type { Db } from "./db";

type Query = BatchItem<"sqlite">;
type Queries = readonly [Query, ...Query[]];

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
 * call is its own batch. A batch is a transaction, so a group that fails would fail its neighbours: then every group runs again alone and each caller
 * gets its own outcome. Running again is safe because every grouped write is guarded (a status
 * and attempt fence, or ON CONFLICT DO NOTHING): one that did commit matches nothing the second
 * time, and its caller sees "someone else moved it", as with any lost race.
 */
export function groupCommit(db: Db): <T extends Queries>(queries: T) => Promise<BatchResponse<T>> {
  const alone = (g: Query[]): Promise<readonly unknown[]> => db.batch(g as unknown as Queries);
  const make = () =>
    new Combiner<Query[], readonly unknown[]>(
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
  return <T extends Queries>(queries: T) => {
    const combiner = combinerFor(key, make);
    return (combiner ? combiner.submit([...queries]) : alone([...queries])) as Promise<BatchResponse<T>>;
  };
}
