import { createContext } from "react-router";

/** Bindings of the app Worker, reachable from loaders and actions via `context.get(...)`. */
export const cloudflareContext = createContext<{ env: AppEnv; ctx: WorkerContext }>();
