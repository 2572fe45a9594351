/** The default size limit of one evidence file: 10 MB (binary megabytes, as file managers show them). */
export const DEFAULT_EVIDENCE_MAX_BYTES = 10 * 1024 * 1024;
/** Upper bound of the setting: sizes are stored in a 32-bit column and uploads are read into memory. */
export const EVIDENCE_MAX_BYTES_CEILING = 1024 * 1024 * 1024;

const UNITS: Record<string, number> = { "": 1, b: 1, kb: 1024, k: 1024, mb: 1024 ** 2, m: 1024 ** 2, gb: 1024 ** 3, g: 1024 ** 3 };

/**
 * The size limit set by EVIDENCE_MAX_BYTES: a whole number of bytes, or with a unit ("25MB",
 * "512 KB"; binary units). Unset or empty gives 10 MB. Anything else is a configuration error,
 * reported rather than silently replaced by the default. Pure: lib/env.ts passes the variable's
 * value and exposes the result as `env.EVIDENCE_MAX_BYTES`.
 */
export function evidenceMaxBytes(vars: { EVIDENCE_MAX_BYTES?: string | undefined }): number {
  const raw = vars.EVIDENCE_MAX_BYTES?.trim();
  if (!raw) return DEFAULT_EVIDENCE_MAX_BYTES;
  const match = /^(\d{1,13})\s*([a-z]*)$/i.exec(raw);
  const unit = match ? UNITS[match[2]!.toLowerCase()] : undefined;
  const bytes = match && unit ? Number(match[1]) * unit : Number.NaN;
  if (!Number.isSafeInteger(bytes) || bytes < 1 || bytes > EVIDENCE_MAX_BYTES_CEILING) {
    throw new Error(`EVIDENCE_MAX_BYTES harus berupa jumlah byte antara 1 dan ${EVIDENCE_MAX_BYTES_CEILING} (boleh dengan KB, MB atau GB), bukan "${raw}".`);
  }
  return bytes;
}
