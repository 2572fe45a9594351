import { expect, test, type Page } from "@playwright/test";
import { scriptedSignIn, send } from "./scripted-http";
import { signIn } from "./support";

// Issue 13, defect 5, over real connections: a script rotating X-Forwarded-For is still one client.
// It connects from a loopback address of its own (127.13.0.x: Linux routes all of 127/8 to the
// loopback), so its limits never touch the browser tests' 127.0.0.1. TRUSTED_PROXY_HOPS is 0.

async function auditAddresses(page: Page, actor: string) {
  await page.goto(`/admin/audit?actor=${encodeURIComponent(actor)}`);
  const rows = page.getByTestId("audit-row");
  await expect(rows.first()).toBeVisible();
  return (await rows.locator("td:last-child").allInnerTexts()).map((text) => text.trim());
}

test("rotating X-Forwarded-For neither escapes the sign-in address lockout nor writes the forged address into the audit trail", async ({ page, baseURL }) => {
  test.setTimeout(120_000);
  const from = "127.13.0.7";
  for (let i = 0; i < 20; i += 1) {
    const location = await scriptedSignIn(baseURL!, from, `10.77.${i}.1`, `penebak${i}@pekppp.test`, "bukan-sandinya");
    expect(location).toContain("error=CredentialsSignin");
    expect(location).not.toContain("throttled");
  }
  // The right password of a real account, from yet another forged address: the address is locked.
  expect(await scriptedSignIn(baseURL!, from, "10.77.99.1", "admin@pekppp.test", "pekppp-demo")).toContain("code=throttled");

  // The admin, from the browser's own address, reads the failures: each with the script's real address.
  await signIn(page, "admin@pekppp.test");
  await expect(page).toHaveURL(/\/admin\/cycles$/);
  const addresses = await auditAddresses(page, "penebak");
  expect(addresses).toHaveLength(20);
  expect(new Set(addresses)).toEqual(new Set([from]));
});

test("rotating X-Forwarded-For does not escape the F-03 limit of 20 responses an hour per address", async ({ browser, baseURL }) => {
  test.setTimeout(180_000);
  // The verifier opens a link on a locus of another institution than the one the survey test uses.
  const verifier = await (await browser.newContext({ locale: "id-ID" })).newPage();
  await signIn(verifier, "verifikator@pekppp.test");
  await verifier.goto("/verification");
  const row = verifier.getByTestId("queue-row").filter({ hasNotText: "Kota Palembang" }).filter({ hasNotText: "Final" }).last();
  await verifier.goto((await row.getByRole("link").first().getAttribute("href"))!);
  const panel = verifier.getByTestId("survey-panel");
  await panel.getByRole("button", { name: "Buat tautan survei" }).click();
  const url = await panel.getByTestId("survey-link").first().getByLabel("Tautan publik").inputValue();

  // One real answer from a browser, held back at the network: what the page posts (the action id
  // and the body), to be sent again by a script.
  const phone = await (await browser.newContext({ locale: "id-ID" })).newPage();
  await phone.goto(new URL(url).pathname);
  const items = phone.getByRole("group", { name: /^\d+\. / });
  await expect(items).toHaveCount(14);
  for (const item of await items.all()) await item.getByText("Baik", { exact: true }).click();
  let captured: { headers: Record<string, string>; body: string } | null = null;
  await phone.route("**/survey/**", async (route) => {
    const request = route.request();
    if (request.method() !== "POST") return route.continue();
    captured = { headers: await request.allHeaders(), body: request.postData() ?? "" };
    return route.abort();
  });
  await phone.getByRole("button", { name: "Kirim jawaban" }).click();
  await expect.poll(() => captured).not.toBeNull();
  const { headers, body } = captured!;
  const path = new URL(url).pathname;
  const action = {
    "next-action": headers["next-action"]!,
    "content-type": headers["content-type"]!,
    accept: "text/x-component",
    origin: new URL(baseURL!).origin,
  };

  // 21 "new browsers" (no cookie) from one connection, each claiming another address.
  const from = "127.13.0.8";
  const outcomes: string[] = [];
  for (let i = 0; i < 21; i += 1) {
    const reply = await send(baseURL!, from, path, { method: "POST", headers: { ...action, "x-forwarded-for": `10.66.${i}.1` }, body });
    expect(reply.status).toBe(200);
    outcomes.push(/"outcome":"(\w+)"/.exec(reply.body)?.[1] ?? reply.body);
  }
  expect(outcomes).toEqual([...Array(20).fill("ok"), "throttled"]);
});
