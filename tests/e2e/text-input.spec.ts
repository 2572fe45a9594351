import { expect, test } from "@playwright/test";
import { signedInPage } from "./support";

// Issue 13, defects 11 and 12 in the running portal: a NUL in a justification or a search is a 4xx
// with its message (or, on a page, an ignored filter), never a 500; the default rankings XLSX downloads.

test("a justification holding a NUL or a broken character is refused with its message, not a server error", async ({ browser, baseURL }) => {
  const page = await signedInPage(browser, "evaluator.palembang@pekppp.test");
  await page.goto("/loci");
  const href = await page.getByTestId("locus-card").filter({ hasText: "Draf" }).first().getByRole("link").getAttribute("href");
  for (const bad of ["Surat keputusan\u0000", "Surat keputusan \ud800"]) {
    const response = await page.request.post(`/api/assessments${href!.slice("/assessments".length)}/answers`, {
      headers: { origin: new URL(baseURL!).origin, "content-type": "application/json" },
      // JSON.stringify writes the unpaired surrogate as the escape "\ud800", as a browser would.
      data: JSON.stringify({ indicatorCode: "1.a.Ak", level: 3, justification: bad, baseVersion: 0 }),
    });
    expect(response.status()).toBe(422);
    expect(await response.json()).toMatchObject({
      error: "validation.textInvalidCharacters",
      fieldErrors: { justification: ["validation.textInvalidCharacters"] },
    });
  }
});

test("a search holding a NUL is refused by an export with its message, and ignored by a page", async ({ browser, request }) => {
  const exported = await request.get("/api/results/rankings?format=csv&q=Kota%00");
  expect(exported.status()).toBe(422);
  expect(await exported.json()).toMatchObject({ error: "validation.textInvalidCharacters" });

  const verifier = await signedInPage(browser, "verifikator@pekppp.test");
  const queue = await verifier.goto("/verification?status=ALL&q=Palembang%00");
  expect(queue?.status()).toBe(200);
  await expect(verifier.getByTestId("queue-row").first()).toBeVisible();
});

test("the rankings of the default group (K/L) download as XLSX", async ({ request }) => {
  const response = await request.get("/api/results/rankings?format=xlsx");
  expect(response.status()).toBe(200);
  expect(response.headers()["content-disposition"]).toMatch(
    /^attachment; filename="peringkat-[a-z0-9-]+\.xlsx"; filename\*=UTF-8''peringkat-[a-z0-9-]+\.xlsx$/,
  );
});
