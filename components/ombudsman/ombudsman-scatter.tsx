"use client";

import { CartesianGrid, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis } from "recharts";
import type { OmbudsmanPoint } from "@/lib/server/ombudsman/comparison";

const ZONE_COLOUR: Record<OmbudsmanPoint["zone"], string> = { GREEN: "#047857", YELLOW: "#b45309", RED: "#b91c1c" };

/**
 * The PEKPPP index (x, 0–5) against the Ombudsman score (y, 0–100), one dot per institution,
 * coloured by zone. Hidden from screen readers (the table beside it carries the exact values); the
 * tooltip shows the institution and both published values.
 */
export function OmbudsmanScatter({ points, xLabel, yLabel }: { points: OmbudsmanPoint[]; xLabel: string; yLabel: string }) {
  const data = points.map((p) => ({ x: p.index / 100, y: p.score / 100, name: p.name, indexText: p.indexText, scoreText: p.scoreText, zone: p.zone }));
  return (
    <div aria-hidden="true" className="h-72 w-full" data-testid="ombudsman-scatter">
      <ResponsiveContainer width="100%" height="100%">
        <ScatterChart margin={{ top: 8, right: 16, bottom: 16, left: 0 }} accessibilityLayer={false}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis type="number" dataKey="x" name={xLabel} domain={[0, 5]} ticks={[0, 1, 2, 3, 4, 5]} />
          <YAxis type="number" dataKey="y" name={yLabel} domain={[0, 100]} ticks={[0, 25, 50, 75, 100]} width={40} />
          <Tooltip
            content={({ payload }) => {
              const point = payload?.[0]?.payload as (typeof data)[number] | undefined;
              return point ? (
                <div className="rounded border border-slate-300 bg-white px-2 py-1 text-xs shadow">
                  <p className="font-medium">{point.name}</p>
                  <p>
                    {xLabel}: {point.indexText}
                  </p>
                  <p>
                    {yLabel}: {point.scoreText}
                  </p>
                </div>
              ) : null;
            }}
          />
          {(["GREEN", "YELLOW", "RED"] as const).map((zone) => (
            <Scatter key={zone} data={data.filter((d) => d.zone === zone)} fill={ZONE_COLOUR[zone]} isAnimationActive={false} />
          ))}
        </ScatterChart>
      </ResponsiveContainer>
    </div>
  );
}
