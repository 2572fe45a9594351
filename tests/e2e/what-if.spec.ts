import { expect, test } from "@playwright/test";
import { signedInPage } from "./support";

// The what-if planner (issue 18) the head's dashboard leads to: every locus of Kota Palembang in the
// running cycle, and the institution index. Everything is a projection computed in the browser:
// nothing is saved, so the test leaves no trace for the other journeys.

const HEAD = "pimpinan.palembang@pekppp.test";

test("a head applies the suggested steps and the projection reaches the next grade, for a locus and for the institution", async ({ browser }) => {
  test.setTimeout(60_000);
  const page = await signedInPage(browser, HEAD);
  await page.goto("/dashboard");
  // The dashboard leads to the planner, a page of its own.
  await page.getByTestId("what-if-entry").getByRole("link", { name: "Perencana what-if (proyeksi)" }).click();
  await expect(page).toHaveURL(/\/dashboard\/what-if\?cycle=/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Perencana what-if: Kota Palembang");
  const planner = page.getByTestId("what-if");
  await expect(planner).toBeVisible();
  await expect(planner.getByRole("heading", { name: "Perencana what-if" })).toBeVisible();
  await expect(planner).toContainText("Proyeksi");
  await expect(planner).toContainText("bukan hasil resmi");

  // The locus: one below the top grade (which of the demo's loci are depends on the journeys run
  // before on the same database); its projection starts at its current index; the plan names the next grade.
  const plan = planner.getByTestId("locus-plan");
  const choice = planner.getByRole("combobox", { name: "Lokus", exact: true });
  for (const value of await choice.locator("option").evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value))) {
    await choice.selectOption(value);
    await expect(planner.getByTestId("current-index")).toBeVisible();
    if ((await plan.count()) > 0) break;
  }
  const current = (await planner.getByTestId("current-index").textContent())!;
  await expect(planner.getByTestId("projected-index")).toHaveText(current);
  const title = (await plan.locator("p").first().textContent())!;
  const grade = /predikat (\S+) \(/.exec(title)?.[1];
  expect(grade).toBeTruthy();
  // With the keyboard: focus the button and press Enter.
  await plan.getByRole("button", { name: "Terapkan langkah yang disarankan" }).focus();
  await page.keyboard.press("Enter");
  await expect(planner.getByTestId("projected-index")).toContainText(` · ${grade} (`);
  // A target level chosen by hand changes the projection at once; resetting brings back today's.
  await planner.getByRole("button", { name: "Kembalikan ke tingkat saat ini" }).click();
  await expect(planner.getByTestId("projected-index")).toHaveText(current);

  // The institution: the mean of its loci, planned over all of them.
  const institution = planner.getByTestId("institution-what-if");
  await expect(institution).toBeVisible();
  const institutionPlan = institution.getByTestId("institution-plan");
  const institutionGrade = /predikat (\S+) \(/.exec((await institutionPlan.locator("p").first().textContent())!)?.[1];
  expect(institutionGrade).toBeTruthy();
  await institutionPlan.getByRole("button", { name: "Terapkan langkah yang disarankan" }).click();
  await expect(institution.getByTestId("institution-projection")).toContainText(
    new RegExp(`proyeksi \\d\\.\\d\\d · ${institutionGrade!.replace("-", "\\-")}$`),
  );
});

test("an evaluator opens its locus's planner, chooses a target level and sees the projection change", async ({ browser }) => {
  const page = await signedInPage(browser, "evaluator.palembang@pekppp.test");
  await page.goto("/loci");
  await page.getByTestId("locus-card").first().getByRole("link").first().click();
  await page.getByTestId("what-if-link").click();
  const planner = page.getByTestId("what-if");
  await expect(planner).toBeVisible();
  const current = (await planner.getByTestId("current-index").textContent())!;
  // The indicator whose step helps most, set to level 5 with the keyboard-operable select.
  const first = planner.getByTestId("what-if-row").first();
  const code = (await first.getAttribute("data-code"))!;
  await planner.getByLabel(`Tingkat sasaran ${code}`, { exact: true }).selectOption("5");
  await expect(planner.getByTestId("projected-index")).not.toHaveText(current);
});
