import { expect, test } from "@playwright/test";
import { signedInPage } from "./support";

// Explain my score (issue 18): the head follows "Bagaimana angka ini dihitung?" from the index of
// its finalised cycle on the dashboard and reads the same index taken apart, formula by formula.
// Read-only: the journey leaves no trace for the others. One locus is taken apart at a time, the
// others one click away (issue 17). The arithmetic itself is held by tests/unit/explain.property.test.ts
// and tests/integration/explain.test.ts.

test("a head opens the explanation of its institution index from the dashboard and reads every formula with the actual values", async ({ browser }) => {
  const page = await signedInPage(browser, "pimpinan.palembang@pekppp.test");
  await page.goto("/dashboard");
  const card = page.getByTestId("finalised-cycle");
  const index = (await card.getByTestId("institution-index").textContent())!.trim();
  await card.getByTestId("explain-link").click();
  await expect(page).toHaveURL(/\/dashboard\/explain\?cycle=/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Bagaimana indeks");

  const institution = page.getByTestId("explain-institution");
  await expect(institution.getByTestId("explain-institution-published")).toHaveText(index);
  // The mean of every locus, written with their exact indices: "(a + b + c) ÷ 3 = x"; one locus at a time is taken apart (issue 17).
  const choices = page.getByTestId("explain-locus-link");
  const count = await choices.count();
  expect(count).toBeGreaterThan(1);
  await expect(institution.getByTestId("explain-institution-mean")).toContainText(new RegExp(`\\) ÷ ${count} = `));
  const loci = page.getByTestId("explain-locus");
  await expect(loci).toHaveCount(1);
  await expect(choices.first()).toHaveAttribute("aria-current", "page");

  // A locus: the index rule, F-02 as the sum of the aspects' parts, every indicator as weight × level.
  const first = loci.first();
  await expect(first.getByTestId("explain-f02")).toContainText(/F-02 = Σ .*= \d+\.\d\d/);
  await expect(first.getByTestId("explain-indicator").first()).toContainText(/\d\.\d\d × \d = \d\.\d\d/);
  await expect(first.getByRole("columnheader", { name: "Catatan verifikator" }).first()).toBeVisible();
  await expect(first.getByText(/Dibulatkan setengah ke atas ke dua desimal: .* → \d\.\d\d \(predikat/).first()).toBeVisible();

  // Another locus is one click away: its own explanation, with the index the picker lists for it, and the same institution mean.
  const second = choices.nth(1);
  const secondName = (await second.locator("span").first().textContent())!.trim();
  const listed = (await second.getByTestId("explain-locus-link-published").textContent())!.trim();
  await second.click();
  await expect(page).toHaveURL(/[?&]locus=/);
  await expect(loci).toHaveCount(1);
  await expect(loci.first().getByRole("heading").first()).toHaveText(secondName);
  await expect(loci.first().getByTestId("explain-published")).toHaveText(listed);
  await expect(institution.getByTestId("explain-institution-published")).toHaveText(index);
});
