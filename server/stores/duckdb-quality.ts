// Data quality on DuckDB (src/domain/analytics/quality.ts says what each figure means): a table of
// every customer's quality, built once per load on first use — the first name judged by the
// domain's own firstNameJunk, registered as a SQL function, the rest in SQL — then the figures
// and the lists are aggregates and pages of it. Held to the domain by the differential test.
import {
  DuckDBScalarFunction,
  VARCHAR,
  type DuckDBConnection,
  type DuckDBValue,
} from '@duckdb/node-api';
import {
  IDENTITY_BUCKETS,
  QUALITY_CONSENT_CHANNELS,
  type QualityFigures,
  type QualityList,
  type QualityListPage,
} from '../../src/domain/analytics/quality.ts';
import { VALID_EMAIL_RE2 } from '../../src/domain/profile/catalogue.ts';
import { MIN_PHONE_DIGITS } from '../../src/domain/segment/facts.ts';
import type { SegmentDefinition } from '../../src/domain/segment/definition.ts';
import {
  FIRST_NAME_JUNK_SQL,
  firstNameJunk,
  junkReasons,
} from '../../src/domain/template/salutation.ts';
import { memberRows, type DashboardContext } from './duckdb-members.ts';
import { runSegmentStatement } from './duckdb-segments.ts';
import { toNumber, toText } from './duckdb-values.ts';

const JUNK_FUNCTION = FIRST_NAME_JUNK_SQL;
export const QUALITY_TABLE = 'quality_customers';

/**
 * Makes firstNameJunk callable from SQL on every connection of the instance: the quality table and
 * the segment engine's `usable_first_name` check call it.
 */
export function registerQualityFunctions(connection: DuckDBConnection): void {
  connection.registerScalarFunction(
    DuckDBScalarFunction.create({
      name: JUNK_FUNCTION,
      returnType: VARCHAR,
      parameterTypes: [VARCHAR, VARCHAR],
      specialHandling: true,
      mainFunction: (_info, input, output) => {
        const names = input.getColumnVector(0);
        const emails = input.getColumnVector(1);
        for (let row = 0; row < input.rowCount; row += 1) {
          const name: unknown = names.getItem(row);
          const email: unknown = emails.getItem(row);
          output.setItem(
            row,
            firstNameJunk(
              typeof name === 'string' ? name : null,
              typeof email === 'string' ? email : null,
            ),
          );
        }
        output.flush();
      },
    }),
  );
}

const digits = (column: string) => `regexp_replace(coalesce(${column}, ''), '[^0-9]', '', 'g')`;

/** (Re)builds the quality table from the loaded tables. */
export async function buildQualityTable(connection: DuckDBConnection): Promise<void> {
  const consent = QUALITY_CONSENT_CHANNELS.map(
    (ch) =>
      `coalesce(max(k.status) FILTER (WHERE k.channel = '${ch}'), 'unknown') AS consent_${ch}`,
  ).join(', ');
  // What only the other profiles tell is segment_customers' (the segment engine's same columns).
  await connection.run(`CREATE OR REPLACE TABLE ${QUALITY_TABLE} AS
    WITH ids AS (SELECT customer_id, count(*) AS n FROM identities GROUP BY customer_id),
    latest AS (
      SELECT customer_id, channel, arg_max(status, "at") AS status
      FROM consents GROUP BY customer_id, channel),
    cons AS (
      SELECT customer_id, ${consent} FROM latest k GROUP BY customer_id)
    SELECT c.customer_id,
      ${JUNK_FUNCTION}(c.first_name, c.email) AS first_name,
      CASE WHEN c.email IS NULL OR c.email = '' THEN 'missing'
           WHEN regexp_matches(c.email, '${VALID_EMAIL_RE2}') THEN 'valid' ELSE 'invalid' END AS email,
      CASE WHEN c.phone IS NULL OR c.phone = '' THEN 'missing'
           WHEN length(${digits('c.phone')}) >= ${MIN_PHONE_DIGITS} THEN 'valid'
           ELSE 'invalid' END AS phone,
      ${QUALITY_CONSENT_CHANNELS.map((ch) => `coalesce(cons.consent_${ch}, 'unknown') AS consent_${ch}`).join(', ')},
      coalesce(ids.n, 0)::INTEGER AS identities,
      c.shared_device, c.duplicate_email, c.duplicate_phone
    FROM segment_customers c
    LEFT JOIN ids USING (customer_id)
    LEFT JOIN cons USING (customer_id)`);
}

/** Each list's customers as a condition on the quality table (alias q). */
export const QUALITY_LIST_SQL: Record<QualityList, string> = {
  first_name_unusable: 'q.first_name IS NOT NULL',
  email_missing: "q.email = 'missing'",
  email_invalid: "q.email = 'invalid'",
  phone_missing: "q.phone = 'missing'",
  phone_invalid: "q.phone = 'invalid'",
  consent_email_unknown: "q.consent_email = 'unknown'",
  consent_sms_unknown: "q.consent_sms = 'unknown'",
  consent_push_unknown: "q.consent_push = 'unknown'",
  consent_phone_unknown: "q.consent_phone = 'unknown'",
  shared_device: 'q.shared_device',
  duplicate_email: 'q.duplicate_email',
  duplicate_phone: 'q.duplicate_phone',
};

function memberFilter(ctx: DashboardContext, definition: SegmentDefinition | null) {
  if (definition === null) return { sql: 'TRUE', params: [] };
  const members = memberRows(ctx, definition);
  return { sql: `q.customer_id IN (${members.ids})`, params: members.params };
}

/**
 * The quality figures as one row of counts over the quality table (alias q), in the SQL DuckDB and
 * ClickHouse both speak; qualityFiguresOf reads them back.
 */
export function qualityFigureColumns(): string[] {
  const count = (name: string, where: string) =>
    `(count(*) FILTER (WHERE ${where}))::BIGINT AS ${name}`;
  return [
    'count(*)::BIGINT AS customers',
    count('fn_usable', 'q.first_name IS NULL'),
    ...junkReasons.map((r) => count(`fn_${r}`, `q.first_name = '${r}'`)),
    ...['email', 'phone'].flatMap((f) =>
      ['valid', 'invalid', 'missing'].map((s) => count(`${f}_${s}`, `q.${f} = '${s}'`)),
    ),
    ...QUALITY_CONSENT_CHANNELS.flatMap((ch) =>
      ['granted', 'withdrawn', 'unknown'].map((s) =>
        count(`consent_${ch}_${s}`, `q.consent_${ch} = '${s}'`),
      ),
    ),
    ...Array.from({ length: IDENTITY_BUCKETS + 1 }, (_, n) =>
      count(`ids_${n}`, n === IDENTITY_BUCKETS ? `q.identities >= ${n}` : `q.identities = ${n}`),
    ),
    count('shared_device', 'q.shared_device'),
    count('duplicate_email', 'q.duplicate_email'),
    count('duplicate_phone', 'q.duplicate_phone'),
  ];
}

/** The figures from the row of qualityFigureColumns (`n` reads a column by name). */
export function qualityFiguresOf(n: (name: string) => number): QualityFigures {
  return {
    customers: n('customers'),
    first_name: {
      usable: n('fn_usable'),
      unusable: junkReasons.map((reason) => ({ reason, customers: n(`fn_${reason}`) })),
    },
    email: { valid: n('email_valid'), invalid: n('email_invalid'), missing: n('email_missing') },
    phone: { valid: n('phone_valid'), invalid: n('phone_invalid'), missing: n('phone_missing') },
    consent: QUALITY_CONSENT_CHANNELS.map((channel) => ({
      channel,
      granted: n(`consent_${channel}_granted`),
      withdrawn: n(`consent_${channel}_withdrawn`),
      unknown: n(`consent_${channel}_unknown`),
    })),
    identities: Array.from({ length: IDENTITY_BUCKETS + 1 }, (_, identities) => ({
      identities,
      customers: n(`ids_${identities}`),
    })),
    shared_device: n('shared_device'),
    duplicate_email: n('duplicate_email'),
    duplicate_phone: n('duplicate_phone'),
  };
}

export async function qualityFigures(
  connection: DuckDBConnection,
  ctx: DashboardContext,
  definition: SegmentDefinition | null,
): Promise<QualityFigures> {
  const members = memberFilter(ctx, definition);
  const [row] = await runSegmentStatement(connection, {
    sql: `SELECT ${qualityFigureColumns().join(', ')} FROM ${QUALITY_TABLE} q WHERE ${members.sql}`,
    params: members.params,
  });
  return qualityFiguresOf((name) => toNumber(row?.[name] ?? null));
}

const textOrNull = (v: DuckDBValue | undefined) =>
  v === null || v === undefined ? null : toText(v);

export async function qualityList(
  connection: DuckDBConnection,
  ctx: DashboardContext,
  definition: SegmentDefinition | null,
  list: QualityList,
  page: { limit: number; offset: number },
): Promise<QualityListPage> {
  const members = memberFilter(ctx, definition);
  const where = `${QUALITY_LIST_SQL[list]} AND ${members.sql}`;
  const [total] = await runSegmentStatement(connection, {
    sql: `SELECT count(*)::BIGINT AS n FROM ${QUALITY_TABLE} q WHERE ${where}`,
    params: members.params,
  });
  const rows = await runSegmentStatement(connection, {
    sql: `SELECT q.customer_id, c.first_name, c.last_name, c.email, c.phone
          FROM ${QUALITY_TABLE} q JOIN customers c ON c.customer_id = q.customer_id
          WHERE ${where} ORDER BY q.customer_id
          LIMIT ${Math.trunc(page.limit)} OFFSET ${Math.trunc(page.offset)}`,
    params: members.params,
  });
  return {
    total: toNumber(total?.n ?? null),
    customers: rows.map((r) => ({
      customer_id: toText(r.customer_id ?? null),
      first_name: textOrNull(r.first_name),
      last_name: textOrNull(r.last_name),
      email: textOrNull(r.email),
      phone: textOrNull(r.phone),
    })),
  };
}
