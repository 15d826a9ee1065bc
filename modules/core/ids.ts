import { monotonicFactory } from "ulid";

/**
 * Random bytes for ULIDs, fetched 256 at a time. The library's own source asks the platform for
 * one byte per character, 16 `crypto.getRandomValues` calls per id, and that was 7.5 % of the API
 * isolate's CPU during issue #10's 300-request burst (every request gets an id, every job and
 * draft another). The bytes come from the same CSPRNG and each is used once, in the library's
 * own mapping (`byte / 256`, uniform over the 32 characters). The pool is filled on first use:
 * Workers refuse random values at global scope.
 */
const pool = new Uint8Array(256);
let used = pool.length;

function pooledRandom(): number {
  if (used === pool.length) {
    crypto.getRandomValues(pool);
    used = 0;
  }
  return (pool[used++] ?? 0) / 256;
}

const next = monotonicFactory(pooledRandom);

/** ULIDs: opaque to clients, sortable by creation time for us. */
export const newId = (): string => next();
