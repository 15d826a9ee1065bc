import { describe, expect, it } from "vitest";
import { db } from "../../test/helpers";
import { UserDirectory } from "./directory";
import { DEV_USERS, seedDevUsers } from "./seed";

describe("UserDirectory", () => {
  it("finds people by id and address, and says who is unknown", async () => {
    await seedDevUsers(db());
    const users = new UserDirectory(db());
    const email = DEV_USERS.find((u) => u.email.startsWith("sales@"))?.email ?? "";
    const sales = await users.findByEmail(email);
    expect(sales).toMatchObject({ email, role: "sales", active: true });
    expect(await users.find(sales?.id ?? "")).toEqual(sales);
    expect(await users.find("nobody")).toBeNull();
    expect(await users.locale("nobody")).toBe("pt-BR");
  });

  it("answers existence and names for more ids than one D1 statement binds", async () => {
    await seedDevUsers(db());
    const users = new UserDirectory(db());
    const admin = await users.findByEmail(DEV_USERS.find((u) => u.email.startsWith("admin@"))?.email ?? "");
    const ids = [...Array.from({ length: 150 }, (_, i) => `ghost-${i}`), admin?.id ?? ""];
    expect([...(await users.existing(ids))]).toEqual([admin?.id]);
    expect(await users.names(ids)).toEqual(new Map([[admin?.id, admin?.name]]));
  });
});
