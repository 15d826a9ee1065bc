import type { Config } from "@react-router/dev/config";

// Server-rendered on a Cloudflare Worker (see workers/app.ts). React Router 8 has no v8_* flags.
export default {
  ssr: true,
} satisfies Config;
