"use client";

import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

/**
 * A line of published values across cycles (national index, or one institution's index). Values
 * arrive as published strings and are plotted as numbers only for the line's height; the table
 * next to the chart carries the exact published values for screen readers. The chart is hidden
 * from them and out of the tab order (no accessibility layer); its tooltip shows the published value.
 */
export function TrendChart({ points, seriesLabel }: { points: { label: string; value: string | null }[]; seriesLabel: string }) {
  const data = points.map((p) => ({ label: p.label, value: p.value === null ? null : Number(p.value), published: p.value }));
  return (
    <div aria-hidden="true" className="h-48 w-full">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data} margin={{ top: 8, right: 16, bottom: 0, left: -16 }} accessibilityLayer={false}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="label" />
          <YAxis domain={[0, 5]} ticks={[0, 1, 2, 3, 4, 5]} interval={0} />
          <Tooltip formatter={(_value, _name, item) => [(item.payload as { published: string | null }).published ?? "—", seriesLabel]} />
          <Line type="monotone" dataKey="value" name={seriesLabel} stroke="#1d4ed8" strokeWidth={2} dot isAnimationActive={false} connectNulls />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
