import { expect, test, type APIResponse, type Browser, type Page } from "@playwright/test";
import idEvidence from "../../lib/i18n/messages/id/evidence.json" with { type: "json" };
import { signIn } from "./support";

const TEN_MB = 10 * 1024 * 1024;

/** A minimal PDF (header, one catalog, trailer): what the content check looks for. */
const pdf = (note = "bukti") => Buffer.from(`%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% ${note}\ntrailer << /Root 1 0 R >>\n%%EOF\n`);

/** Signs the evaluator of Kota Palembang in and returns its draft (ADMINISTRATIF) locus's assessment id. */
async function evaluatorDraft(page: Page) {
  await signIn(page, "evaluator.palembang@pekppp.test");
  await page.goto("/loci");
  const card = page.getByTestId("locus-card").filter({ has: page.getByText("Draf", { exact: true }) });
  await expect(card).toHaveCount(1);
  const href = await card.getByRole("link").getAttribute("href");
  expect(href).toMatch(/^\/assessments\/[0-9a-f-]{36}$/);
  return href!.split("/").pop()!;
}

/** Uploads through the evidence route with the page's session, as the panel's fetch does (same origin). */
function upload(page: Page, assessmentId: string, file: { name: string; mimeType: string; buffer: Buffer }, origin?: string) {
  return page.request.post(`/api/assessments/${assessmentId}/evidence`, {
    headers: { origin: origin ?? new URL(page.url()).origin },
    multipart: { indicatorCode: "1.a.Ak", file },
  });
}

async function expectRefusal(response: APIResponse, status: number, key: string) {
  expect(response.status()).toBe(status);
  const body = await response.json();
  expect(body.error).toBe(key);
  // What the user reads: one sentence of the catalogue.
  const sentence = (idEvidence.evidence as Record<string, string>)[key.replace(/^evidence\./, "")];
  // Placeholders and the dot of an extension (".{ext}") are not sentence ends.
  expect(sentence?.replace(/\.\{\w+\}/g, "").replace(/\{[^}]*\}/g, "X")).toMatch(/^[^.!?]+[.!?]$/);
  return body as { error: string; values?: Record<string, string | number> };
}

async function signedInPage(browser: Browser, email: string) {
  const page = await (await browser.newContext({ locale: "id-ID" })).newPage();
  await signIn(page, email);
  return page;
}

test("a PDF is stored, and served back with its sniffed type, nosniff and a sandbox", async ({ page }) => {
  const assessmentId = await evaluatorDraft(page);
  const bytes = pdf("unduh");
  const created = await upload(page, assessmentId, { name: "Laporan Survei 2025.pdf", mimeType: "application/pdf", buffer: bytes });
  expect(created.status()).toBe(201);
  const item = await created.json();
  expect(item).toMatchObject({
    kind: "FILE",
    indicatorCode: "1.a.Ak",
    safeName: "Laporan Survei 2025.pdf",
    mimeType: "application/pdf",
    sizeBytes: bytes.length,
  });

  const download = await page.request.get(`/api/evidence/${item.id}`);
  expect(download.status()).toBe(200);
  const headers = download.headers();
  expect(headers["content-type"]).toBe("application/pdf");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["cache-control"]).toBe("private, no-store");
  expect(headers["content-disposition"]).toBe(`inline; filename="Laporan Survei 2025.pdf"; filename*=UTF-8''Laporan%20Survei%202025.pdf`);
  expect(headers["content-security-policy"]).toBe("default-src 'none'; sandbox; frame-ancestors 'self'");
  expect(headers["x-frame-options"]).toBe("SAMEORIGIN");
  expect(Buffer.from(await download.body()).equals(bytes)).toBe(true);
});

test("another institution's evaluator, and a signed-out visitor, cannot download it", async ({ page, browser }) => {
  const assessmentId = await evaluatorDraft(page);
  const item = await (await upload(page, assessmentId, { name: "rahasia.pdf", mimeType: "application/pdf", buffer: pdf("rahasia") })).json();
  const foreign = await signedInPage(browser, "evaluator.kemenkes@pekppp.test");
  const refused = await foreign.request.get(`/api/evidence/${item.id}`);
  expect(refused.status()).toBe(404);
  expect(await refused.text()).not.toContain("rahasia");
  const unknown = await foreign.request.get("/api/evidence/00000000-0000-4000-8000-000000000000");
  expect(unknown.status()).toBe(404);
  const anonymous = await (await browser.newContext()).request.get(`/api/evidence/${item.id}`);
  expect(anonymous.status()).toBe(401);
});

test("an HTML page named .pdf is refused as a wrong type, whatever the browser claims", async ({ page }) => {
  const assessmentId = await evaluatorDraft(page);
  const response = await upload(page, assessmentId, {
    name: "x.pdf",
    mimeType: "application/pdf",
    buffer: Buffer.from("<!DOCTYPE html><script>alert(document.cookie)</script>"),
  });
  const body = await expectRefusal(response, 415, "evidence.typeNotAllowed");
  expect(body.values).toMatchObject({ name: "x.pdf" });
});

test("a PNG renamed .pdf is refused because its name and content disagree", async ({ page }) => {
  const assessmentId = await evaluatorDraft(page);
  const png = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==", "base64");
  const body = await expectRefusal(
    await upload(page, assessmentId, { name: "foto.pdf", mimeType: "application/pdf", buffer: png }),
    415,
    "evidence.typeMismatch",
  );
  expect(body.values).toMatchObject({ name: "foto.pdf", ext: "pdf", detected: "PNG" });
});

test("a file over the 10 MB limit is refused with 413, by its size or by the request's length", async ({ page }) => {
  const assessmentId = await evaluatorDraft(page);
  const justOver = Buffer.concat([pdf(), Buffer.alloc(TEN_MB + 1 - pdf().length, 0x20)]);
  const body = await expectRefusal(
    await upload(page, assessmentId, { name: "besar.pdf", mimeType: "application/pdf", buffer: justOver }),
    413,
    "evidence.fileTooLarge",
  );
  expect(body.values).toEqual({ name: "besar.pdf", size: TEN_MB + 1, limit: TEN_MB });

  const farOver = Buffer.concat([pdf(), Buffer.alloc(TEN_MB * 2, 0x20)]);
  const early = await expectRefusal(
    await upload(page, assessmentId, { name: "sangat-besar.pdf", mimeType: "application/pdf", buffer: farOver }),
    413,
    "evidence.requestTooLarge",
  );
  expect(early.values).toEqual({ limit: TEN_MB });
});

test("a file named ../../x.pdf is stored and served as x.pdf", async ({ page }) => {
  const assessmentId = await evaluatorDraft(page);
  const created = await upload(page, assessmentId, { name: "../../x.pdf", mimeType: "application/pdf", buffer: pdf("jalur") });
  expect(created.status()).toBe(201);
  const item = await created.json();
  expect(item.safeName).toBe("x.pdf");
  const download = await page.request.get(`/api/evidence/${item.id}`);
  expect(download.headers()["content-disposition"]).toBe(`inline; filename="x.pdf"; filename*=UTF-8''x.pdf`);
});

test("a link is added as JSON, and a javascript: link is refused", async ({ page }) => {
  const assessmentId = await evaluatorDraft(page);
  const origin = new URL(page.url()).origin;
  const added = await page.request.post(`/api/assessments/${assessmentId}/evidence`, {
    headers: { origin },
    data: { indicatorCode: "1.a.Ak", url: "https://jdih.palembang.go.id/sk/12", title: "SK Wali Kota" },
  });
  expect(added.status()).toBe(201);
  expect(await added.json()).toMatchObject({ kind: "LINK", url: "https://jdih.palembang.go.id/sk/12", title: "SK Wali Kota", safeName: null });
  const refused = await page.request.post(`/api/assessments/${assessmentId}/evidence`, {
    headers: { origin },
    data: { indicatorCode: "1.a.Ak", url: "javascript:alert(1)" },
  });
  await expectRefusal(refused, 422, "evidence.linkInvalid");
});

test("an upload posted from another origin is refused, even with a valid session", async ({ page }) => {
  const assessmentId = await evaluatorDraft(page);
  const response = await upload(page, assessmentId, { name: "jahat.pdf", mimeType: "application/pdf", buffer: pdf() }, "https://situs-jahat.example");
  expect(response.status()).toBe(403);
  expect((await response.json()).error).toBe("errors.crossOrigin");
});
