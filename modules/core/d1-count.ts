/**
 * Counts what goes to a D1 binding: round trips (each `all/run/first/raw`, each `batch`) and
 * statements (a batch counts each of its statements). Production D1 limits queries per Worker
 * invocation — counting every statement of a batch — and the local runtime limits nothing, so
 * long jobs measure themselves with this (JobContext.yieldPoint) and tests check the numbers.
 */
export interface CountedD1 {
  d1: D1Database;
  calls(): number;
  statements(): number;
}

export function countingD1(d1: D1Database): CountedD1 {
  let calls = 0;
  let statements = 0;
  // D1's batch() wants its own statement objects, not our proxies.
  const real = new WeakMap<object, D1PreparedStatement>();
  const wrap = (s: D1PreparedStatement): D1PreparedStatement => {
    const p = new Proxy(s, {
      get(target, prop) {
        const v = Reflect.get(target, prop);
        if (typeof v !== "function") return v;
        if (prop === "bind") return (...a: unknown[]) => wrap(v.apply(target, a));
        if (prop === "all" || prop === "run" || prop === "first" || prop === "raw") {
          return (...a: unknown[]) => {
            calls++;
            statements++;
            return v.apply(target, a);
          };
        }
        return v.bind(target);
      },
    });
    real.set(p, s);
    return p;
  };
  const counted = new Proxy(d1, {
    get(target, prop) {
      if (prop === "prepare") return (sql: string) => wrap(target.prepare(sql));
      if (prop === "batch") {
        return (stmts: D1PreparedStatement[]) => {
          calls++;
          statements += stmts.length;
          return target.batch(stmts.map((s) => real.get(s) ?? s));
        };
      }
      const v = Reflect.get(target, prop);
      return typeof v === "function" ? v.bind(target) : v;
    },
  });
  return { d1: counted, calls: () => calls, statements: () => statements };
}
