/**
 * LinkedIn's limits are per account, whatever feature calls it: enrichment's company lookups and
 * people searches draw from the same per-account budget as outreach (issue #9), so the two can
 * never add up past them. Leads does not know where that budget lives; the composition root
 * wires it to outreach's per-account Durable Object.
 */
export interface LinkedInBudget {
  /** The Unipile account this user's enrichment goes through, or null (none managed: no budget). */
  accountFor(userId: string): Promise<string | null>;
  /** How many of `n` leads the account may look up now; the granted ones are counted. */
  acquire(unipileAccountId: string, n: number): Promise<number>;
}

/** No managed account: the service picks the API key's first LinkedIn account, unbudgeted. */
export const unmanagedBudget: LinkedInBudget = {
  accountFor: async () => null,
  acquire: async (_account, n) => n,
};

export type LinkedInBudgetFor = (env: Env) => LinkedInBudget;
