// Runs the fake Unipile as a process: `npm run dev` uses it as the offline demo enrichment
// source when no UNIPILE_API_KEY is configured. Usage: node test/fakes/serve-unipile.ts <port>
import { startFakeUnipile } from "./unipile.ts";

const port = Number(process.argv[2] ?? 8790);
await startFakeUnipile(port);
console.log(`fake Unipile (offline demo data) on http://127.0.0.1:${port}`);
