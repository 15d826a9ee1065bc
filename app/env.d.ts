/// <reference types="vite/client" />

// The few Workers runtime shapes the dashboard Worker touches, declared by hand so the app keeps
// the DOM typings (the generated workers runtime types would replace them).

/** A service binding: forwards a request to another Worker. */
interface ServiceBinding {
  fetch(request: Request): Promise<Response>;
}

/** Bindings of the dashboard Worker (see wrangler.jsonc). */
interface AppEnv {
  API: ServiceBinding;
}

interface WorkerContext {
  waitUntil(promise: Promise<unknown>): void;
  passThroughOnException(): void;
}

declare module "virtual:react-router/server-build" {
  import type { ServerBuild } from "react-router";

  const build: ServerBuild;
  export = build;
}
