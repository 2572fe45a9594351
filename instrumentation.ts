import type { Instrumentation } from "next";

/**
 * A request that failed while rendering a page (or in a route or action, before its own wrapper
 * could answer): one log line with the request id proxy.ts gave it and the error's digest, which
 * the error page shows as the reference (app/error.tsx).
 */
export const onRequestError: Instrumentation.onRequestError = async (error, request, context) => {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { logger } = await import("./lib/server/logger");
  const header = request.headers["x-request-id"];
  logger.error(
    {
      err: error,
      digest: (error as { digest?: string }).digest,
      requestId: Array.isArray(header) ? header[0] : header,
      method: request.method,
      path: request.path,
      route: context.routePath,
      routeType: context.routeType,
    },
    "request failed",
  );
};
