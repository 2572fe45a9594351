"use client";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

/** Self-score against verified score per aspect; hidden from screen readers and out of the tab order (the table beside it has the numbers). */
export function AspectComparisonChart({
  data,
  selfLabel,
  verifiedLabel,
}: {
  data: { code: string; self: string; verified: string }[];
  selfLabel: string;
  verifiedLabel: string;
}) {
  const rows = data.map((d) => ({ code: d.code, self: Number(d.self), verified: Number(d.verified) }));
  return (
    <div aria-hidden="true" className="h-64 w-full">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={rows} margin={{ top: 8, right: 8, bottom: 0, left: -16 }} accessibilityLayer={false}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="code" />
          <YAxis domain={[0, 5]} ticks={[0, 1, 2, 3, 4, 5]} interval={0} />
          <Tooltip />
          <Legend />
          <Bar dataKey="self" name={selfLabel} fill="#94a3b8" isAnimationActive={false} />
          <Bar dataKey="verified" name={verifiedLabel} fill="#1d4ed8" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
