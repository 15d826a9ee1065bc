import { monotonicFactory } from "ulid";

const next = monotonicFactory();

/** ULIDs: opaque to clients, sortable by creation time for us. */
export const newId = (): string => next();
