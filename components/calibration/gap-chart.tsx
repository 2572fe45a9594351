"use client";

import { Bar, BarChart, CartesianGrid, Cell, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

/**
 * Mean gaps (or adjustments) as bars around zero; marked bars (outliers) in amber. Hidden from
 * screen readers and out of the tab order: the table under it has the same numbers.
 */
export function GapChart({ data, seriesLabel }: { data: { label: string; value: number; marked?: boolean }[]; seriesLabel: string }) {
  return (
    <div aria-hidden="true" className="h-56 w-full">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: -16 }} accessibilityLayer={false}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="label" interval="preserveStartEnd" tick={{ fontSize: 11 }} />
          <YAxis tick={{ fontSize: 11 }} />
          <Tooltip />
          <ReferenceLine y={0} stroke="#475569" />
          <Bar dataKey="value" name={seriesLabel} isAnimationActive={false}>
            {data.map((row) => (
              <Cell key={row.label} fill={row.marked ? "#b45309" : "#1d4ed8"} />
            ))}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
