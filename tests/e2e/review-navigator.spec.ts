import { expect, test } from "@playwright/test";
import { signedInPage } from "./support";

/**
 * Issue 19 item 2: the verifier's review page has a jump list with each indicator's state, and the
 * open indicator is kept in the address, so a reload lands on the same indicator.
 */
test("a verifier jumps straight to an indicator from the navigator, reloads, and lands on the same indicator", async ({ browser }) => {
  const verifier = await signedInPage(browser, "verifikator@pekppp.test");
  await verifier.goto("/verification");
  const locusUrl = (await verifier.getByTestId("queue-row").first().getByRole("link").first().getAttribute("href"))!;
  await verifier.goto(`${locusUrl}/review`);
  await expect(verifier.getByTestId("review-indicator")).toHaveAttribute("data-code", "1.a.Ak");

  // One click from the jump list, instead of sixteen presses of n.
  const navigator = verifier.getByRole("navigation", { name: "Daftar indikator" });
  const entry = navigator.getByRole("link", { name: /^17\.c\.As ?: / });
  await expect(entry).toHaveAccessibleName(/\((Belum diverifikasi|Terverifikasi, sama dengan mandiri|Terverifikasi, berbeda dari mandiri)\)$/);
  await entry.click();
  const card = verifier.getByTestId("review-indicator");
  await expect(card).toHaveAttribute("data-code", "17.c.As");
  await expect(entry).toHaveAttribute("aria-current", "true");
  await expect(card.getByRole("heading", { level: 2 })).toBeFocused();
  // The heading reads code and title apart ("17.c.As: …"), not as one run-on word.
  await expect(card.getByRole("heading", { level: 2 })).toHaveAccessibleName(/^17\.c\.As ?: \S/);
  await expect(verifier).toHaveURL(/[?&]indicator=17\.c\.As$/);

  await verifier.reload();
  await expect(verifier.getByTestId("review-indicator")).toHaveAttribute("data-code", "17.c.As");
  await expect(verifier.getByTestId("review-position")).toContainText("Indikator ");
  // n still steps on from there, and the address follows.
  await verifier.getByTestId("review-indicator").getByRole("heading", { level: 2 }).click();
  await verifier.keyboard.press("n");
  const next = await verifier.getByTestId("review-indicator").getAttribute("data-code");
  expect(next).not.toBe("17.c.As");
  await expect(verifier).toHaveURL(new RegExp(`[?&]indicator=${next!.replaceAll(".", "\\.")}$`));
});
