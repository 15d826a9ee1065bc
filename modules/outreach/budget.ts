import { DurableObject } from "cloudflare:workers";
import {
  type AccountProfile,
  type ActionKind,
  acquireVisits,
  type BudgetState,
  type Decision,
  decide,
  emptyState,
  type Rules,
  recordWithdrawal,
  reportRateLimit,
  type Usage,
  usage,
} from "./governor";

const cryptoRng = () => (crypto.getRandomValues(new Uint32Array(1))[0] ?? 0) / 4294967296;

/**
 * One per LinkedIn account (`idFromName(accountId)`): holds that account's safety budget. Every
 * method reads and changes the state synchronously in memory before its single storage write,
 * and a Durable Object serves one request at a time, so two governor ticks and an enrichment
 * batch asking at once are answered one after another — never both from the same headroom.
 */
export class AccountBudget extends DurableObject<Env> {
  private state: BudgetState = emptyState();

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    void ctx.blockConcurrencyWhile(async () => {
      this.state = (await ctx.storage.get<BudgetState>("state")) ?? emptyState();
    });
  }

  private save(): Promise<void> {
    return this.ctx.storage.put("state", this.state);
  }

  async decide(
    profile: AccountProfile,
    rules: Rules,
    action: { id: string; kind: ActionKind; target: string | null },
    now: number,
  ): Promise<Decision> {
    const d = decide(this.state, profile, rules, action, now, cryptoRng);
    if (d.go) await this.save();
    return d;
  }

  async rateLimited(kind: ActionKind, now: number, reason: string, actionId: string) {
    const out = reportRateLimit(this.state, kind, now, reason, actionId);
    await this.save();
    return out;
  }

  async withdrawn(target: string, now: number): Promise<void> {
    recordWithdrawal(this.state, target, now);
    await this.save();
  }

  /** Enrichment's profile visits: how many of `n` the budget allows now (they are counted). */
  async acquireVisits(profile: AccountProfile, rules: Rules, n: number, now: number): Promise<number> {
    const granted = acquireVisits(this.state, profile, rules, n, now);
    if (granted > 0) await this.save();
    return granted;
  }

  async usage(profile: AccountProfile, rules: Rules, now: number): Promise<Usage> {
    return usage(this.state, profile, rules, now);
  }
}
