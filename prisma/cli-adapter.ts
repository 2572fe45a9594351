import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";

// Driver adapter for the Prisma CLI only (migrate, diff, studio); the app builds its own in
// lib/server/db.ts. It works around three defects of @prisma/adapter-pg 6.19.3 on the JavaScript
// schema engine (see ../shared/notes/toolchain.md):
// 1. catalog columns of type `name` (OID 19) and `"char"` (OID 18) cannot be decoded → read as text;
// 2. the shadow database reuses the main connection string, so it is the real database;
// 3. the shadow database is dropped while its pool is still open;
// 4. executeScript splits a migration on every ";", which breaks dollar-quoted function bodies
//    (the audit trigger) → send the script whole; PostgreSQL's simple protocol runs it in order.

const TEXT_OID = 25;
const UNDECODABLE_CATALOG_OIDS = new Set([18, 19]);

interface FieldLike {
  dataTypeID: number;
}

function retypeCatalogFields<T>(result: T): T {
  const fields = (result as { fields?: FieldLike[] } | undefined)?.fields;
  for (const field of fields ?? []) {
    if (UNDECODABLE_CATALOG_OIDS.has(field.dataTypeID)) field.dataTypeID = TEXT_OID;
  }
  return result;
}

class CatalogFriendlyClient extends pg.Client {
  // pg's overloads are many: the pool calls the callback form, the adapter's transactions the
  // promise form. Both get their result fields retyped.
  override query(...args: unknown[]): never {
    const last = args.at(-1);
    if (typeof last === "function") {
      const callback = last as (error: unknown, result: unknown) => void;
      args[args.length - 1] = (error: unknown, result: unknown) => callback(error, retypeCatalogFields(result));
    }
    const pending = (super.query as (...a: unknown[]) => unknown)(...args);
    if (pending instanceof Promise) return pending.then(retypeCatalogFields) as never;
    return pending as never;
  }
}

function withDatabase(connectionString: string, database: string) {
  const url = new URL(connectionString);
  url.pathname = `/${database}`;
  return url.toString();
}

type Adapter = Awaited<ReturnType<PrismaPg["connect"]>>;

function runScriptsWhole(adapter: Adapter): Adapter {
  const driver = adapter.underlyingDriver() as pg.Pool;
  return Object.assign(adapter, {
    executeScript: async (script: string) => {
      await driver.query(script);
    },
  });
}

class CliPrismaPg extends PrismaPg {
  constructor(private readonly connectionString: string) {
    super(new pg.Pool({ connectionString, allowExitOnIdle: true, Client: CatalogFriendlyClient }));
  }

  override async connect() {
    return runScriptsWhole(await super.connect());
  }

  override async connectToShadowDb() {
    const main = await this.connect();
    const database = `prisma_migrate_shadow_db_${globalThis.crypto.randomUUID().replaceAll("-", "")}`;
    await main.executeScript(`CREATE DATABASE "${database}"`);
    const shadowFactory = new PrismaPg(
      new pg.Pool({
        connectionString: withDatabase(this.connectionString, database),
        allowExitOnIdle: true,
        Client: CatalogFriendlyClient,
      }),
      { disposeExternalPool: true },
    );
    const shadow = runScriptsWhole(await shadowFactory.connect());
    const dispose = shadow.dispose.bind(shadow);
    return Object.assign(shadow, {
      dispose: async () => {
        await dispose();
        await main.executeScript(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
        await main.dispose();
      },
    });
  }
}

export function createCliAdapter(connectionString: string) {
  return new CliPrismaPg(connectionString);
}
