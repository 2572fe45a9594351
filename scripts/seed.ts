import { parseArgs } from "node:util";
import { DEFAULT_INSTRUMENT_FILE, readInstrumentFile } from "../prisma/seed/instrument";
import { resetDatabase, seedDatabase } from "../prisma/seed/seed-database";
import { openPortalDatabase } from "./lib/database";
import { UserFacingError, runMain } from "./lib/errors";
import { applyMigrations } from "./lib/migrate";

const USAGE = "Pemakaian: npm run db:seed -- [--institutions N] [--reset] [--instrument berkas.json]";

function readArguments() {
  try {
    return parseArgs({
      options: {
        institutions: { type: "string" },
        reset: { type: "boolean", default: false },
        instrument: { type: "string" },
      },
    }).values;
  } catch (error) {
    throw new UserFacingError(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
  }
}

runMain(async () => {
  const values = readArguments();
  const institutions = values.institutions === undefined ? undefined : Number(values.institutions);
  if (institutions !== undefined && (!Number.isInteger(institutions) || institutions < 3 || institutions > 100_000)) {
    throw new UserFacingError(`--institutions harus bilangan bulat 3–100000, bukan "${values.institutions}".\n${USAGE}`);
  }
  // A bad instrument file is refused before anything is touched, --reset included.
  readInstrumentFile(values.instrument ?? DEFAULT_INSTRUMENT_FILE);
  const database = await openPortalDatabase((line) => console.log(line));
  try {
    if (values.reset) await resetDatabase(database.ownerUrl);
    await applyMigrations(database.ownerUrl);
    const result = await seedDatabase(database.ownerUrl, { institutions, instrumentFile: values.instrument, onlyIfEmpty: !values.reset });
    if (!result.seeded) {
      console.log("Basis data sudah berisi data; tidak ada yang diubah. Gunakan --reset untuk mengisi ulang data demo.");
      return;
    }
    console.log(`Data demo dimuat: ${result.rows.toLocaleString("id-ID")} baris dalam ${(result.milliseconds / 1000).toFixed(1)} dtk.`);
    for (const [table, n] of Object.entries(result.counts)) console.log(`  ${table.padEnd(20)} ${n.toLocaleString("id-ID")}`);
  } finally {
    await database.close();
  }
});
