"use client";

import dynamic from "next/dynamic";

/**
 * The head dashboard's charts, drawn in the browser only (issue 17): the dashboard is opened by
 * every head at once, and a chart rendered on the server is only an empty box until the browser
 * measures it anyway. Both are hidden from screen readers; the tables beside them carry the numbers.
 */
export const DeferredAspectComparisonChart = dynamic(() => import("./aspect-comparison-chart").then((m) => m.AspectComparisonChart), {
  ssr: false,
  loading: () => <div aria-hidden="true" className="h-64 w-full" />,
});

export const DeferredTrendChart = dynamic(() => import("./national-trend-chart").then((m) => m.TrendChart), {
  ssr: false,
  loading: () => <div aria-hidden="true" className="h-48 w-full" />,
});
