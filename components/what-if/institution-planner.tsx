"use client";

import dynamic from "next/dynamic";

/**
 * The head's planner of a whole institution, rendered in the browser only (issue 17): its fewest
 * steps to the next grade searches every locus of the institution with exact rationals, a few
 * hundred milliseconds of server time per dashboard request when rendered on the server too. The
 * browser computes it anyway (hydration runs the same code), so the server now sends only its data.
 */
export const InstitutionPlanner = dynamic(() => import("./what-if-planner").then((m) => m.WhatIfPlanner), { ssr: false });
