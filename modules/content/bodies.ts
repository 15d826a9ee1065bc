import type { BodyRule } from "../core/bodies";

/** A product photo upload: multipart, 10 MB of image plus the envelope. */
export const contentBodyRules: BodyRule[] = [
  {
    path: /^\/api\/products\/[^/]+\/images$/,
    types: ["multipart/form-data"],
    maxBytes: 10 * 1024 * 1024 + 64 * 1024,
    tooLarge: "Images are limited to 10 MB.",
  },
];
