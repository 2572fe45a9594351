import { expect, test, type Browser, type Page, type Request } from "@playwright/test";
import { createEvaluatorAsAdmin, DEMO_PASSWORD, replaceTemporaryPassword, signIn } from "./support";

async function newSignedInPage(browser: Browser, email: string, password = DEMO_PASSWORD) {
  const context = await browser.newContext({ locale: "id-ID" });
  const page = await context.newPage();
  await signIn(page, email, password);
  return page;
}

/** Captures the next server action request the page sends (its id header and its body). */
function nextServerAction(page: Page) {
  return page.waitForRequest((request: Request) => request.method() === "POST" && Boolean(request.headers()["next-action"]));
}

/** An admin renames a user through the edit form; returns the server action request it sent. */
async function adminRenames(admin: Page, search: string, newName: string) {
  await openUser(admin, search);
  const captured = nextServerAction(admin);
  await admin.getByLabel("Nama").fill(newName);
  await admin.getByRole("button", { name: "Simpan perubahan" }).click();
  const request = await captured;
  await expect(admin.getByRole("status")).toHaveText("Perubahan tersimpan.");
  return request;
}

async function openUser(admin: Page, search: string) {
  await admin.goto(`/admin/users?q=${encodeURIComponent(search)}`);
  await admin.getByTestId("user-row").first().getByRole("link").click();
  await admin.waitForURL(/\/admin\/users\/[0-9a-f-]{36}$/);
  await expect(admin.getByRole("button", { name: "Simpan perubahan" })).toBeEnabled();
}

test("an evaluator opening another institution's locus by its URL gets not found", async ({ browser }) => {
  const other = await newSignedInPage(browser, "evaluator.kemenkes@pekppp.test");
  const foreignUrl = await other.getByTestId("locus-card").first().getByRole("link").getAttribute("href");
  expect(foreignUrl).toMatch(/^\/assessments\/[0-9a-f-]{36}$/);
  await other.goto(foreignUrl!);
  await expect(other.getByRole("heading", { level: 1 })).not.toHaveText("Halaman tidak ditemukan");

  const evaluator = await newSignedInPage(browser, "evaluator.palembang@pekppp.test");
  await evaluator.goto(foreignUrl!);
  await expect(evaluator.getByRole("heading", { name: "Halaman tidak ditemukan" })).toBeVisible();
  // The same answer as for a locus that does not exist at all.
  await evaluator.goto("/assessments/00000000-0000-4000-8000-000000000000");
  await expect(evaluator.getByRole("heading", { name: "Halaman tidak ditemukan" })).toBeVisible();
});

test("an evaluator sees its own locus with its history", async ({ page }) => {
  await signIn(page, "evaluator.palembang@pekppp.test");
  await page.getByTestId("locus-card").first().getByRole("link").click();
  await expect(page).toHaveURL(/\/assessments\//);
  await expect(page.getByRole("heading", { name: "Riwayat lokus" })).toBeVisible();
});

test("a head sees no edit controls, and a forged post to an edit action is refused and changes nothing", async ({ browser }) => {
  const head = await newSignedInPage(browser, "pimpinan.palembang@pekppp.test");
  await expect(head).toHaveURL(/\/dashboard$/);
  const main = head.getByRole("main");
  // The cycle switcher only chooses what is shown (a GET form); nothing else may act.
  await expect(main.getByTestId("institution-index").first()).toBeVisible();
  await expect(main.getByRole("button")).toHaveCount(await main.getByTestId("cycle-switcher").getByRole("button").count());
  await expect(main.getByRole("textbox")).toHaveCount(0);
  // On the planner's page, its buttons only change a projection in the browser.
  await main.getByTestId("what-if-link").click();
  const planner = main.getByTestId("what-if");
  await expect(planner).toBeVisible();
  const readOnlyButtons = (await planner.getByRole("button").count()) + (await main.getByTestId("cycle-switcher").getByRole("button").count());
  await expect(main.getByRole("button")).toHaveCount(readOnlyButtons);
  await expect(main.getByRole("textbox")).toHaveCount(0);
  await head.goto("/admin/users");
  await expect(head.getByRole("heading", { name: "Halaman tidak ditemukan" })).toBeVisible();

  // An admin's legitimate edit shows what the action request looks like.
  const admin = await newSignedInPage(browser, "admin@pekppp.test");
  const request = await adminRenames(admin, "pimpinan.palembang", "H. Ahmad Fauzi, S.E.");

  // The head replays it with its own session, renaming itself: refused.
  const forged = request.postData()!.replace("H. Ahmad Fauzi, S.E.", "Diubah Tanpa Izin");
  const response = await head.request.post(request.url(), {
    headers: { "next-action": request.headers()["next-action"]!, "content-type": request.headers()["content-type"]!, accept: "text/x-component" },
    data: forged,
  });
  expect(await response.text()).toContain("errors.notFound");
  await admin.reload();
  await expect(admin.getByLabel("Nama")).toHaveValue("H. Ahmad Fauzi, S.E.");
});

test("a server action posted from another origin is refused, even with a valid session", async ({ browser }) => {
  const admin = await newSignedInPage(browser, "admin@pekppp.test");
  const request = await adminRenames(admin, "verifikator01", "Verifikator Tim 1 (sah)");

  const crossSite = await admin.request.post(request.url(), {
    headers: {
      "next-action": request.headers()["next-action"]!,
      "content-type": request.headers()["content-type"]!,
      origin: "https://situs-jahat.example",
      accept: "text/x-component",
    },
    data: request.postData()!.replace("Verifikator Tim 1 (sah)", "Diubah Lintas Situs"),
  });
  expect(crossSite.status()).toBeGreaterThanOrEqual(400);
  await admin.reload();
  await expect(admin.getByLabel("Nama")).toHaveValue("Verifikator Tim 1 (sah)");
});

test("a new account must change its temporary password, and a deactivated user's open session ends on its next request", async ({ browser }) => {
  const admin = await newSignedInPage(browser, "admin@pekppp.test");
  const temporaryPassword = await createEvaluatorAsAdmin(admin, { email: "uji.sesi@pekppp.test", name: "Uji Sesi", institution: "Kota Palembang" });
  expect(temporaryPassword).toHaveLength(14);

  const user = await newSignedInPage(browser, "uji.sesi@pekppp.test", temporaryPassword);
  await expect(user).toHaveURL(/\/account\/password$/);
  await user.goto("/loci");
  await expect(user).toHaveURL(/\/account\/password$/);
  await replaceTemporaryPassword(user, temporaryPassword, "SandiBaru2026");
  await expect(user).toHaveURL(/\/loci$/);

  await admin.getByRole("link", { name: "Buka data pengguna" }).click();
  await admin.getByLabel(/Akun aktif/).uncheck();
  await admin.getByRole("button", { name: "Simpan perubahan" }).click();
  await expect(admin.getByRole("status")).toHaveText("Perubahan tersimpan.");

  await user.reload();
  await expect(user).toHaveURL(/\/login$/);
  await signIn(user, "uji.sesi@pekppp.test", "SandiBaru2026");
  await expect(user.getByRole("alert", { name: "Surel atau kata sandi salah." })).toBeVisible();
});

test("the sixth wrong password in a row is locked with a clear message", async ({ page }) => {
  for (let attempt = 1; attempt <= 5; attempt += 1) {
    await signIn(page, "pencoba@pekppp.test", `salah-${attempt}`);
    await expect(page.getByRole("alert", { name: "Surel atau kata sandi salah." })).toBeVisible();
  }
  await signIn(page, "pencoba@pekppp.test", "salah-6");
  await expect(page.getByRole("alert", { name: /Terlalu banyak percobaan masuk yang gagal\. Coba lagi dalam 1 menit\./ })).toBeVisible();
});

test("an admin searches the audit trail", async ({ page }) => {
  await signIn(page, "admin@pekppp.test");
  await page.goto("/admin/audit");
  await page.getByLabel("Tindakan").selectOption("auth.sign-in");
  await page.getByRole("button", { name: "Cari" }).click();
  await expect(page).toHaveURL(/action=auth.sign-in/);
  const rows = page.getByTestId("audit-row");
  await expect(rows.first()).toBeVisible();
  for (const text of await rows.allTextContents()) expect(text).toContain("auth.sign-in");
});

test("every page carries the security headers", async ({ request }) => {
  const response = await request.get("/login");
  const headers = response.headers();
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["x-frame-options"]).toBe("DENY");
});
