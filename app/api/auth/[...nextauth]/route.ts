import { handlers } from "@/lib/server/auth/config";
import { libraryRoute } from "@/lib/server/http/library-route";

// While the database cannot be reached, 503 with Retry-After like every other route (issue 13).
export const GET = libraryRoute("/api/auth/[...nextauth]", handlers.GET);
export const POST = libraryRoute("/api/auth/[...nextauth]", handlers.POST);
