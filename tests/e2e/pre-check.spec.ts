import { expect, test } from "@playwright/test";
import { PRE_CHECK_FIXTURE } from "../../scripts/lib/e2e-fixtures";
import { signedInPage } from "./support";

/**
 * Issue 18, evidence pre-check: the verifier sees the flags of a submitted locus, per indicator
 * with their severity in words, and their count in the queue. The locus (scripts/lib/e2e-fixtures.ts)
 * was submitted with a level above 0 without evidence and a file another regency also holds; it
 * had never been checked, so the queue says so until the verifier first opens it.
 */
test("a verifier sees pre-check flags on a submitted locus with a duplicated file and a level without evidence", async ({ browser }) => {
  test.setTimeout(120_000);
  const institution = PRE_CHECK_FIXTURE.institutionName;
  const verifier = await signedInPage(browser, PRE_CHECK_FIXTURE.verifierEmail);
  const queue = `/verification?${new URLSearchParams({ status: "SUBMITTED", q: institution })}`;
  await verifier.goto(queue);
  const row = verifier.getByTestId("queue-row").filter({ hasText: institution });
  await expect(row).toHaveCount(1);
  // Never checked until a verifier opens it; an earlier spec (the accessibility sweep opens the
  // queue's first locus) may have opened it already. The first-open run itself is an integration test.
  await expect(row.getByTestId("pre-check-count")).toHaveText(/^(Belum diperiksa|2 temuan)$/);

  await row.getByRole("link", { name: "Verifikasi", exact: true }).click();
  const panel = verifier.getByTestId("pre-check");
  await expect(panel.getByRole("heading", { level: 2 })).toHaveText("Pra-periksa bukti dukung · 2 temuan");
  const level = panel.locator("[data-rule=LEVEL_WITHOUT_EVIDENCE]");
  await expect(level).toContainText("Tinggi");
  await expect(level).toContainText("Level 4 dipilih tanpa satu pun bukti dukung.");
  const file = panel.locator("[data-rule=FILE_USED_BY_OTHER_INSTITUTION]");
  await expect(file).toContainText(
    `Berkas “${PRE_CHECK_FIXTURE.sharedFileName}” identik (hash yang sama) dengan bukti dukung pada 1 lokus milik instansi lain`,
  );
  // The other institution is counted, never named.
  await expect(panel).not.toContainText(PRE_CHECK_FIXTURE.twinInstitutionName);
  // Grouped per indicator, each group linking to its indicator in the review.
  const groups = panel.getByTestId("pre-check-indicator");
  await expect(groups).toHaveCount(2);
  const first = (await groups.first().getAttribute("data-indicator"))!;
  await expect(groups.first().getByRole("link", { name: `Indikator ${first}` })).toHaveAttribute("href", new RegExp(`indicator=${encodeURIComponent(first)}$`));

  await verifier.goto(queue);
  await expect(row.getByTestId("pre-check-count")).toHaveText("2 temuan");
});
