/**
 * A load that runs on first call and is shared by every later one (a module imported on first
 * use: its wasm is instantiated only by an isolate that needs it). A failed load is not kept: the
 * next call tries again instead of failing for the isolate's life.
 */
export function lazy<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () => {
    loading ??= load().catch((err: unknown) => {
      loading = undefined;
      throw err;
    });
    return loading;
  };
}
