import { getTranslations } from "next-intl/server";

/** The first focusable element of a page: jumps past the header to the main content. */
export async function SkipLink() {
  const t = await getTranslations("app");
  return (
    <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:m-2 focus:rounded focus:bg-white focus:p-2">
      {t("skipToContent")}
    </a>
  );
}
