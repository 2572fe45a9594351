/**
 * The shared text schemas every schema with free text uses (justifications, notes, names, titles,
 * reasons, search queries): `text()` for a field, `searchText()` for a query parameter. The rule
 * lives in lib/domain/text.ts so that the domain's own schemas (instrument, evidence link) use it
 * too; this module is where lib/schemas takes it from.
 */
export { isStorableText, searchText, TEXT_INVALID_CHARACTERS, text } from "@/lib/domain/text";
