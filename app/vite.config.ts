import { cloudflare } from "@cloudflare/vite-plugin";
import { reactRouter } from "@react-router/dev/vite";
import tailwindcss from "@tailwindcss/vite";
import { defineConfig } from "vite";

export default defineConfig({
  plugins: [cloudflare({ viteEnvironment: { name: "ssr" } }), tailwindcss(), reactRouter()],
  // APP_PORT lets the e2e harness run a second stack beside `npm run dev`.
  server: {
    host: "127.0.0.1",
    port: Number(process.env.APP_PORT ?? 5173),
    strictPort: true,
    fs: { allow: [".."] },
  },
  // Loaded on demand (import()), so Vite would find them only when first used and then reload the
  // page in development: a workbook or a blog edit would lose what was on screen.
  optimizeDeps: { include: ["papaparse", "read-excel-file/universal", "marked", "turndown"] },
  preview: { host: "127.0.0.1", port: Number(process.env.APP_PORT ?? 5173), strictPort: true },
});
