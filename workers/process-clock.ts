/**
 * When this Worker process first handled an event. Locally, after a restart, a queue run last
 * heartbeated before it belonged to the process that died (see the jobs module's
 * `afterLocalRestart`). Read per event, never at module scope, where workerd's clock stands still.
 */
let startedAt: number | undefined;

export function noteEvent(): void {
  startedAt ??= Date.now();
}

export function processStartedAt(): number {
  return startedAt ?? Date.now();
}
