import type { BodyRule } from "../core/bodies";

// 10,000 leads of a real CRM export are 2–4 MB of CSV (a row is 200–400 bytes).
const MAX_IMPORT_BYTES = 8 * 1024 * 1024;

/** Imports and their preview take a CSV file or a JSON array of rows, up to 8 MB. */
export const leadBodyRules: BodyRule[] = [
  {
    path: /^\/api\/leads\/import(\/preview)?$/,
    types: ["application/json", "text/csv"],
    maxBytes: MAX_IMPORT_BYTES,
    tooLarge: "Lead imports are limited to 8 MB.",
  },
];
