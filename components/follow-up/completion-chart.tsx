"use client";

import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

/**
 * Horizontal bars of the follow-up completion rate (percent) per group. Hidden from screen
 * readers and out of the tab order (no accessibility layer): the table beside it
 * (CompletionSection's) carries the same numbers exactly.
 */
export function CompletionChart({ data, seriesLabel }: { data: { label: string; percent: number }[]; seriesLabel: string }) {
  return (
    <div aria-hidden="true" className="w-full" style={{ height: Math.max(120, data.length * 26 + 40) }}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} layout="vertical" margin={{ top: 4, right: 16, bottom: 4, left: 8 }} accessibilityLayer={false}>
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" domain={[0, 100]} unit="%" />
          <YAxis type="category" dataKey="label" width={180} interval={0} tick={{ fontSize: 12 }} />
          <Tooltip formatter={(value) => `${String(value)}%`} />
          <Bar dataKey="percent" name={seriesLabel} fill="#047857" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
