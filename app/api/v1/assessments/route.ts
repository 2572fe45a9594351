import { ZApiAssessmentsQuery } from "@/lib/schemas/api";
import { apiRoute } from "@/lib/server/api/route";
import { listApiAssessments } from "@/lib/server/api/views";

export const GET = apiRoute("/api/v1/assessments", { query: ZApiAssessmentsQuery }, ({ actor, query }) => listApiAssessments(actor, query));
