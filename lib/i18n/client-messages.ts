/**
 * The catalogue namespaces sent to the browser on pages outside the signed-in portal (published
 * results, sign-in, the F-03 survey, the Berita Acara check, error pages): only what their client
 * components translate. Every page used to carry the whole catalogue (about 100 kB of the
 * 230 kB of a results page, issue 17); the signed-in portal's layout still provides all of it.
 * tests/unit/client-messages.test.ts holds this list to the client components those pages reach.
 */
export const PUBLIC_CLIENT_NAMESPACES = ["app", "common", "downloads", "errors", "login", "signOff", "survey", "validation"] as const;

/** The given top-level namespaces of a catalogue. */
export function pickNamespaces<T extends Record<string, unknown>>(messages: T, namespaces: readonly string[]): Partial<T> {
  return Object.fromEntries(namespaces.filter((n) => n in messages).map((n) => [n, messages[n]])) as Partial<T>;
}
