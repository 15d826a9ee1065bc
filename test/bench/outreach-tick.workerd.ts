import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { newId } from "../../modules/core/ids";
import { approvalHash } from "../../modules/outreach/approval";
import { defaultRules } from "../../modules/outreach/governor";
import { runTick } from "../../modules/outreach/tick";
import { services } from "../../workers/services";
import { userId } from "../helpers";

// `npm run bench -- outreach`: one governor tick over 50 accounts and 5,000 approved actions, on
// the real bindings (D1, the per-account budget Durable Objects) and the real executor path
// (Worker → Python service → the fake Unipile over HTTP). Run by bench/outreach.mjs, not by
// `npm test` (it is a measurement; the assertions only keep it honest).

const ACCOUNTS = 50;
const ACTIONS = 5_000;
const HOUR = 3_600_000;

/** 14:00 UTC (11:00 in São Paulo) on the next weekday: inside every account's active hours. */
function nextWeekday14(): number {
  const d = new Date(Date.now() + 24 * HOUR);
  d.setUTCHours(14, 0, 0, 0);
  while (d.getUTCDay() === 0 || d.getUTCDay() === 6) d.setUTCDate(d.getUTCDate() + 1);
  return d.getTime();
}

async function seed(owner: string, now: number) {
  const rules = defaultRules("sales_machine");
  const accounts: string[] = [];
  const stmts: D1PreparedStatement[] = [];
  for (let i = 0; i < ACCOUNTS; i++) {
    const id = newId();
    accounts.push(id);
    stmts.push(
      env.DB.prepare(
        "INSERT INTO outreach_accounts (id, owner_id, unipile_account_id, name, tier, time_zone, status, next_check_at, demo, connected_at, created_at, updated_at) VALUES (?, ?, ?, ?, 'sales_machine', 'America/Sao_Paulo', 'active', 0, 0, ?, ?, ?)",
      ).bind(id, owner, `bench-${id}`, `Bench ${i}`, now - 30 * 24 * HOUR, now, now),
      env.DB.prepare(
        "INSERT INTO automation_rules (account_id, active_from, active_to, weekdays, daily_min, daily_max, weekly_cap, gap_minutes, gap_jitter_minutes, warmup_days, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)",
      ).bind(
        id,
        rules.activeFrom,
        rules.activeTo,
        JSON.stringify(rules.weekdays),
        rules.dailyMin,
        rules.dailyMax,
        rules.weeklyCap,
        rules.gapMinutes,
        rules.gapJitterMinutes,
        now,
      ),
    );
  }
  for (let i = 0; i < ACTIONS; i++) {
    const target = `ACoBench${i}`;
    const text = `Olá! Convite de teste ${i}.`;
    const hash = await approvalHash({ kind: "send_invite", target, text });
    stmts.push(
      env.DB.prepare(
        "INSERT INTO linkedin_automation (id, account_id, owner_id, kind, target, text, status, approval_hash, approved_by, approved_at, created_at, updated_at) VALUES (?, ?, ?, 'send_invite', ?, ?, 'approved', ?, ?, ?, ?, ?)",
      ).bind(newId(), accounts[i % ACCOUNTS], owner, target, text, hash, owner, now - ACTIONS + i, now, now),
    );
  }
  for (let i = 0; i < stmts.length; i += 500) await env.DB.batch(stmts.slice(i, i + 500));
  return accounts;
}

describe("bench: governor tick", () => {
  it(`one tick over ${ACCOUNTS} accounts and ${ACTIONS.toLocaleString("en")} approved actions`, async () => {
    const owner = await userId("sales");
    const now = nextWeekday14();
    const t0 = performance.now();
    await seed(owner, Date.now());
    const seedMs = performance.now() - t0;
    const outreach = services(env).outreach;
    const ticks = [];
    // First tick: every account may send one; then every account waits its random gap.
    for (const at of [now, now + 60_000, now + 120_000]) {
      const start = performance.now();
      const report = await outreach.tick(at);
      ticks.push({ ms: Math.round(performance.now() - start), ...report });
    }
    const first = ticks[0];
    expect(first?.accounts).toBe(ACCOUNTS);
    expect(first?.executed).toBe(ACCOUNTS);
    const sent = await env.DB.prepare(
      "SELECT account_id, COUNT(*) AS n FROM linkedin_automation WHERE status = 'completed' GROUP BY account_id",
    ).all<{ account_id: string; n: number }>();
    expect(sent.results.length).toBe(ACCOUNTS);
    expect(Math.max(...sent.results.map((r) => r.n))).toBe(1);
    // The same first tick on 50 fresh accounts with an executor that answers at once: the
    // governor's own cost (D1 + Durable Objects), without the Python service and Unipile.
    await seed(owner, Date.now());
    const start = performance.now();
    const alone = await runTick(
      {
        store: outreach.store,
        budget: outreach.budget,
        executor: { execute: async () => ({ ok: true, providerRef: null }) },
      },
      now,
    );
    const governorOnly = { ms: Math.round(performance.now() - start), ...alone };
    expect(alone.executed).toBe(ACCOUNTS);
    console.log(
      `OUTREACH_BENCH ${JSON.stringify({ accounts: ACCOUNTS, actions: ACTIONS, seedMs: Math.round(seedMs), ticks, governorOnly })}`,
    );
  }, 300_000);
});
