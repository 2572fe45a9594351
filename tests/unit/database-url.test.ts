import { describe, expect, it } from "vitest";
import { assertReachable } from "../../scripts/lib/database";
import { UserFacingError } from "../../scripts/lib/errors";

// npm start and npm test check DATABASE_URL with the same rule as the portal (lib/schemas/database-url.ts),
// before any connection is attempted.
describe("the scripts' DATABASE_URL check (scripts/lib/database.ts)", () => {
  it("refuses another database's address with one Bahasa Indonesia line, without connecting", async () => {
    const attempt = assertReachable("mysql://pekppp:rahasia@127.0.0.1:1/pekppp");
    await expect(attempt).rejects.toBeInstanceOf(UserFacingError);
    await expect(attempt).rejects.toThrow(/^DATABASE_URL harus diawali postgresql:\/\/ atau postgres:\/\/, bukan mysql:\/\//);
  });

  it("refuses an address without a host", async () => {
    await expect(assertReachable("postgresql://pekppp:rahasia@:5432/pekppp")).rejects.toThrow(/^DATABASE_URL harus /);
    await expect(assertReachable("postgresql:///pekppp")).rejects.toThrow(/^DATABASE_URL harus menyebut host basis data/);
  });

  it("refuses what is not an address at all", async () => {
    await expect(assertReachable("bukan alamat")).rejects.toThrow(/^DATABASE_URL harus berupa alamat PostgreSQL yang sah/);
  });
});
