declare namespace Cloudflare {
  interface Env {
    TEST_MIGRATIONS: import("cloudflare:test").D1Migration[];
    FAKE_UNIPILE_URL: string;
    FAKE_HOOKS_URL: string;
  }
}
