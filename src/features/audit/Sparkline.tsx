// How a guardrail's flagged count moved across the campaign's audits, oldest to latest: a line
// small enough for a table row, its figures said in its label (the chart itself is decoration).
import { Line, LineChart, YAxis } from 'recharts';

export function Sparkline({ values, label }: { values: readonly number[]; label: string }) {
  if (values.length < 2) return <span className="text-fg-subtle">—</span>;
  const data = values.map((value, i) => ({ i, value }));
  return (
    <span role="img" aria-label={label} title={label} className="inline-block align-middle">
      <LineChart
        width={88}
        height={22}
        data={data}
        margin={{ top: 3, right: 3, bottom: 3, left: 3 }}
      >
        <YAxis hide domain={[0, 'dataMax']} />
        <Line
          type="linear"
          dataKey="value"
          stroke="var(--color-accent-600, #2f5bd3)"
          strokeWidth={1.5}
          dot={false}
          isAnimationActive={false}
        />
      </LineChart>
    </span>
  );
}
