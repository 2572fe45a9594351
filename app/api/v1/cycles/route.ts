import { ZApiCyclesQuery } from "@/lib/schemas/api";
import { apiRoute } from "@/lib/server/api/route";
import { listApiCycles } from "@/lib/server/api/views";

export const GET = apiRoute("/api/v1/cycles", { query: ZApiCyclesQuery }, ({ actor, query }) => listApiCycles(actor, query));
