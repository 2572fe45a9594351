"use client";

import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { gradeBackground } from "@/components/grade-colours";

/**
 * Bars of how many results fall in each grade, in the grade's colour. The chart is hidden from
 * screen readers and takes no keyboard focus (no accessibility layer): the table next to it
 * (GradeDistribution's) carries the same numbers. The tooltip names the count in the user's language.
 */
export function GradeDistributionChart({ data, countLabel }: { data: { grade: string; count: number }[]; countLabel: string }) {
  return (
    <div aria-hidden="true" className="h-56 w-full">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: -16 }} accessibilityLayer={false}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="grade" />
          <YAxis allowDecimals={false} />
          <Tooltip />
          <Bar dataKey="count" name={countLabel} isAnimationActive={false}>
            {data.map((d) => (
              <Cell key={d.grade} fill={gradeBackground(d.grade)} />
            ))}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
