import path from "node:path";
import { defineConfig } from "prisma/config";
import { createCliAdapter } from "./prisma/cli-adapter";

// The JavaScript schema engine with a driver adapter keeps every CLI command offline: Prisma 6's
// native engines are downloaded on first use, which these machines cannot do.
export default defineConfig({
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  engine: "js",
  experimental: { adapter: true },
  adapter: async () => createCliAdapter(process.env.DATABASE_URL ?? ""),
});
