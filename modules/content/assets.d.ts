// Binary assets shipped in the repo are named `*.bin` so wrangler's default `Data` rule imports
// them as ArrayBuffers (no extra [[rules]] needed in wrangler.toml or the vitest config).
declare module "*.bin" {
  const data: ArrayBuffer;
  export default data;
}
