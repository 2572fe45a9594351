import { getTranslations } from "next-intl/server";
import { DataTable } from "@/components/ui/table";
import { apiDocument } from "@/lib/server/api/openapi";

export async function generateMetadata() {
  return { title: (await getTranslations("api.reference"))("title") };
}

interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  description?: string;
  schema?: { type?: string; enum?: unknown[]; $ref?: string };
}
interface Operation {
  summary?: string;
  description?: string;
  security?: Record<string, unknown>[];
  parameters?: Parameter[];
}
interface SchemaObject {
  type?: string | string[];
  properties?: Record<string, SchemaObject>;
  description?: string;
  enum?: unknown[];
  $ref?: string;
  items?: SchemaObject;
  anyOf?: SchemaObject[];
}

const slug = (path: string) => path.replace(/[^a-z0-9]+/gi, "-");

/** A schema's type in a few words: "string", "Institution[]", "KL | PROVINSI | …", "integer | null". */
function typeOf(schema: SchemaObject | undefined): string {
  if (!schema) return "";
  if (schema.$ref) return schema.$ref.split("/").pop() ?? "";
  if (schema.enum) return schema.enum.map(String).join(" | ");
  if (schema.anyOf) return schema.anyOf.map(typeOf).join(" | ");
  if (schema.type === "array") return `${typeOf(schema.items)}[]`;
  return Array.isArray(schema.type) ? schema.type.join(" | ") : (schema.type ?? "object");
}

/**
 * Public (PUBLIC_PAGES): the reference of the read API /api/v1, rendered by the portal itself from
 * the generated OpenAPI document (no script from elsewhere: the portal may have no internet).
 */
export default async function DevelopersPage() {
  const t = await getTranslations("api.reference");
  const document = apiDocument();
  const paths = Object.entries(document.paths ?? {}) as [string, { get: Operation }][];
  const schemas = Object.entries((document.components?.schemas ?? {}) as Record<string, SchemaObject>);
  return (
    <main id="main" className="mx-auto max-w-4xl space-y-6 px-4 py-8">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p>{t("intro")}</p>
      <p>{t("auth")}</p>
      <p>
        <a href="/api/v1/openapi.json" className="text-brand-700 underline">
          {t("document")}
        </a>
      </p>
      <h2 className="text-xl font-semibold">{t("endpoints")}</h2>
      {paths.map(([path, { get }]) => (
        <section key={path} aria-labelledby={`ep-${slug(path)}`} className="space-y-2 rounded-xl border border-slate-200 bg-white p-4">
          <h3 id={`ep-${slug(path)}`} className="font-semibold">
            {get.summary}
          </h3>
          <p className="break-all font-mono text-sm">GET {path}</p>
          <p className="text-sm">
            {t("colWho")}: {get.security?.some((s) => Object.keys(s).length === 0) ? t("public") : t("token")}
          </p>
          <p className="whitespace-pre-line text-sm text-slate-700">{get.description}</p>
          {get.parameters?.length ? (
            <DataTable caption={`${t("colParameters")}: ${get.summary}`} headers={[t("colName"), t("colIn"), t("colRequired"), t("colTypeDescription")]}>
              {get.parameters.map((p) => (
                <tr key={`${p.in}-${p.name}`}>
                  <td className="px-4 py-2 font-mono">{p.name}</td>
                  <td className="px-4 py-2">{p.in}</td>
                  <td className="px-4 py-2">{p.required ? t("required") : ""}</td>
                  <td className="px-4 py-2">{[typeOf(p.schema), p.description].filter(Boolean).join(" · ")}</td>
                </tr>
              ))}
            </DataTable>
          ) : null}
        </section>
      ))}
      <h2 className="text-xl font-semibold">{t("fields")}</h2>
      {schemas.map(([name, schema]) => (
        <section key={name} aria-labelledby={`schema-${name}`} className="space-y-2">
          <h3 id={`schema-${name}`} className="font-mono font-semibold">
            {name}
          </h3>
          {schema.description ? <p className="text-sm">{schema.description}</p> : null}
          {schema.properties ? (
            <DataTable caption={name} headers={[t("colField"), t("colType"), t("colDescription")]}>
              {Object.entries(schema.properties).map(([field, property]) => (
                <tr key={field}>
                  <td className="px-4 py-2 font-mono">{field}</td>
                  <td className="px-4 py-2">{typeOf(property)}</td>
                  <td className="px-4 py-2">{property.description ?? ""}</td>
                </tr>
              ))}
            </DataTable>
          ) : (
            <p className="text-sm">{typeOf(schema)}</p>
          )}
        </section>
      ))}
    </main>
  );
}
