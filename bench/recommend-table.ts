// Prints the offline evaluation of the recommendation strategies (bench/recommend.ts's figures).
const asRecord = (v: unknown): Record<string, unknown> =>
  typeof v === 'object' && v !== null ? Object.fromEntries(Object.entries(v)) : {};
const pct = (x: unknown) => (typeof x === 'number' ? `${(x * 100).toFixed(1)} %` : '?');
const int = (x: unknown) => (typeof x === 'number' ? Math.round(x).toLocaleString('en') : '?');

export function printRecommendationTable(result: Record<string, unknown>): void {
  const stats = asRecord(result.statistics);
  console.log(
    `\nRecommendations, offline (demo data: ${int(result.customers)} customers; statistics counted from orders up to ` +
      `${String(result.cutOff).slice(0, 10)}, then each customer's top 5 against what they bought in the next ${int(result.horizonDays)} days)`,
  );
  console.log(
    `  ${int(result.evaluated)} customers evaluated (bought in those days and before them; ${int(result.buyersAfter)} bought in them), ` +
      `channel email (${int(result.sellable)} products on sale online at the cut-off), offer ${JSON.stringify(result.offer)}`,
  );
  console.log(
    `  co-purchase statistics: ${int(stats.customers)} customers, ${int(stats.products)} products, ${int(stats.links)} links kept ` +
      `(window ${int(stats.windowDays)} days), counted in ${int(stats.ms)} ms`,
  );
  console.log(
    `  ${'strategy'.padEnd(22)} ${'hit@3'.padStart(7)} ${'hit@5'.padStart(7)} ${'customers'.padStart(10)} ${'catalogue'.padStart(10)} ${'time'.padStart(8)}`,
  );
  const rows = Array.isArray(result.rows) ? result.rows : [];
  for (const row of rows) {
    const r = asRecord(row);
    console.log(
      `  ${String(r.name).padEnd(22)} ${pct(r.hitRate3).padStart(7)} ${pct(r.hitRate5).padStart(7)} ` +
        `${pct(r.customersCovered).padStart(10)} ${pct(r.catalogueCovered).padStart(10)} ${`${int(r.ms)} ms`.padStart(8)}`,
    );
  }
  console.log(
    '  (hit@k: customers who bought one of the first k; customers: given at least one product;\n' +
      '   catalogue: distinct products recommended over those on sale; most_popular is the baseline)',
  );
}
