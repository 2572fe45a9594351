import { expect, test, type APIRequestContext } from "@playwright/test";
import { TWO_INSTANCE_FIXTURE } from "../../scripts/lib/e2e-fixtures";
import { scriptedSignIn } from "./scripted-http";
import { workerPort } from "./stacks";
import { signIn, signedInPage } from "./support";

// Issue 20: two instances of the portal on one PostgreSQL and one evidence folder behave as one.
// scripts/e2e-server.ts starts the second instance of this worker's stack on the port after the
// first. Cookies belong to the host, not the port, so one browser context is signed in on both.
const port = workerPort();
const first = `http://127.0.0.1:${port}`;
const second = `http://127.0.0.1:${port + 1}`;

interface StoredAnswer {
  version: number;
  justification: string;
}

/** One autosave of an indicator's answer on the given instance. */
async function save(request: APIRequestContext, instance: string, assessmentId: string, justification: string, baseVersion: number) {
  const response = await request.post(`${instance}/api/assessments/${assessmentId}/answers`, {
    headers: { origin: instance },
    data: { indicatorCode: "1.a.Ak", level: 3, justification, baseVersion },
  });
  return { status: response.status(), body: (await response.json()) as { answer?: StoredAnswer; current?: StoredAnswer } };
}

test("a save on one instance makes a stale save on the other a conflict, not an overwrite", async ({ browser }) => {
  const page = await signedInPage(browser, TWO_INSTANCE_FIXTURE.evaluatorEmail);
  await expect(page).toHaveURL(/\/loci/);
  const href = await page.getByTestId("locus-card").filter({ hasText: TWO_INSTANCE_FIXTURE.locusName }).getByRole("link").first().getAttribute("href");
  const assessmentId = href!.split("/").pop()!;
  const request = page.context().request;

  const fromFirst = await save(request, first, assessmentId, "Disimpan lewat instans pertama.", 0);
  expect(fromFirst.status).toBe(200);
  const version = fromFirst.body.answer!.version;

  // The second instance saw the answer at the version the first one started from: refused.
  const stale = await save(request, second, assessmentId, "Disimpan lewat instans kedua dari versi lama.", 0);
  expect(stale.status).toBe(409);
  expect(stale.body.current).toMatchObject({ version, justification: "Disimpan lewat instans pertama." });

  // On the current version the second instance saves, and the first reads what it stored.
  const fresh = await save(request, second, assessmentId, "Disimpan lewat instans kedua.", version);
  expect(fresh.status).toBe(200);
  await page.goto(`${first}/assessments/${assessmentId}`);
  await expect(page.locator("#justification-1\\.a\\.Ak")).toHaveValue("Disimpan lewat instans kedua.");
  await page.context().close();
});

test("an award rule changed on one instance is applied by the other at once", async ({ page }) => {
  await signIn(page, "admin@pekppp.test");
  await page.goto(`${first}/admin/awards`);
  const topKota = page.getByTestId("award-rule").filter({ has: page.locator('input[value="Terbaik Kota"]') });
  await topKota.getByRole("spinbutton").fill("1");
  await topKota.getByRole("spinbutton").press("Enter");
  await expect(page.getByRole("status").filter({ hasText: "Aturan disimpan." })).toBeVisible();
  try {
    await page.goto(`${second}/results/awards`);
    await expect(page.getByTestId("award-top-kota").getByTestId("award-row").first()).toContainText(/termasuk 1 teratas/);
    await expect(page.getByTestId("award-top-kota")).not.toContainText("Peringkat 2 ");
  } finally {
    await page.goto(`${first}/admin/awards`);
    await page.getByRole("button", { name: "Kembalikan ke aturan bawaan" }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Kembalikan ke aturan bawaan" }).click();
    await expect(page.getByTestId("rules-source")).toContainText("bawaan portal");
  }
  await page.goto(`${second}/admin/awards`);
  await expect(page.getByTestId("rules-source")).toContainText("bawaan portal");
});

test("signing out everywhere on one instance ends the session used on the other", async ({ browser }) => {
  const [laptopContext, phoneContext] = await Promise.all([browser.newContext({ locale: "id-ID" }), browser.newContext({ locale: "id-ID" })]);
  const [laptop, phone] = [await laptopContext.newPage(), await phoneContext.newPage()];
  await signIn(laptop, TWO_INSTANCE_FIXTURE.evaluatorEmail);
  await phone.goto(`${second}/login`);
  await phone.getByLabel("Surel").fill(TWO_INSTANCE_FIXTURE.evaluatorEmail);
  await phone.getByLabel("Kata sandi").fill("pekppp-demo");
  await phone.getByRole("button", { name: "Masuk" }).click();
  await expect(phone).toHaveURL(new RegExp(`^${second}/loci`));

  await laptop.goto(`${first}/account/password`);
  await laptop.getByRole("button", { name: "Keluar dari semua perangkat" }).click();
  await expect(laptop).toHaveURL(/\/login$/);
  await phone.goto(`${second}/loci`);
  await expect(phone).toHaveURL(new RegExp(`^${second}/login`));
  await Promise.all([laptopContext.close(), phoneContext.close()]);
});

test("failed sign-ins of one account count across both instances", async () => {
  const email = `dua.instans.${Date.now()}@pekppp.test`;
  // A script of its own loopback address (scripted-http.ts), so the address limit stays out of it.
  const from = "127.13.0.9";
  // Five wrong passwords, alternating between the instances: the sixth is refused on the other.
  for (let attempt = 1; attempt <= 5; attempt += 1) {
    const location = await scriptedSignIn(attempt % 2 === 0 ? second : first, from, from, email, `salah-${attempt}`);
    expect(location).toContain("error=CredentialsSignin");
    expect(location).not.toContain("throttled");
  }
  expect(await scriptedSignIn(second, from, from, email, "salah-6")).toContain("code=throttled");
});
