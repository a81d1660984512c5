// Data quality on DuckDB (src/domain/analytics/quality.ts says what each figure means): a table of
// every customer's quality, built once per load on first use — the first name judged by the
// domain's own firstNameJunk, registered as a SQL function, the rest in SQL — then the figures
// and the lists are aggregates and pages of it. Held to the domain by the differential test.
import { z } from 'zod';
import {
  DuckDBScalarFunction,
  VARCHAR,
  type DuckDBConnection,
  type DuckDBValue,
} from '@duckdb/node-api';
import {
  IDENTITY_BUCKETS,
  QUALITY_CONSENT_CHANNELS,
  qualityFiguresOfGroups,
  type QualityFigures,
  type QualityGroup,
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

const contact = z.enum(['valid', 'invalid', 'missing']);
const consentState = z.enum(['granted', 'withdrawn', 'unknown']);
const count = z.union([z.number(), z.bigint(), z.string()]).transform(Number);
/** A row of QUALITY_GROUPS_SQL, as DuckDB or ClickHouse gives it. */
const groupRow = z.object({
  first_name: z.enum(junkReasons).nullable(),
  email: contact,
  phone: contact,
  consent_email: consentState,
  consent_sms: consentState,
  consent_push: consentState,
  consent_phone: consentState,
  identities: count,
  shared_device: z.boolean(),
  duplicate_email: z.boolean(),
  duplicate_phone: z.boolean(),
  customers: count,
});

/**
 * The quality table's customers (alias q) counted by their quality, in the SQL DuckDB and
 * ClickHouse both speak: a few hundred groups a request reads, whose figures the domain adds up
 * (qualityFiguresOfGroups), rather than a count per figure over every customer.
 */
export const qualityGroupsSql = (where: string) =>
  `SELECT q.first_name, q.email, q.phone, ${QUALITY_CONSENT_CHANNELS.map((c) => `q.consent_${c}`).join(', ')},
          least(q.identities, ${IDENTITY_BUCKETS}) AS identities,
          q.shared_device, q.duplicate_email, q.duplicate_phone, count(*) AS customers
     FROM ${QUALITY_TABLE} q WHERE ${where} GROUP BY ALL`;

/** A group row read back (any other shape is a defect of ours: thrown). */
export function qualityGroupOf(row: Record<string, unknown>): QualityGroup {
  const r = groupRow.parse(row);
  return {
    row: {
      first_name: r.first_name,
      email: r.email,
      phone: r.phone,
      consent: {
        email: r.consent_email,
        sms: r.consent_sms,
        push: r.consent_push,
        phone: r.consent_phone,
      },
      identities: r.identities,
      shared_device: r.shared_device,
      duplicate_email: r.duplicate_email,
      duplicate_phone: r.duplicate_phone,
    },
    customers: r.customers,
  };
}

export async function qualityFigures(
  connection: DuckDBConnection,
  ctx: DashboardContext,
  definition: SegmentDefinition | null,
): Promise<QualityFigures> {
  const members = memberFilter(ctx, definition);
  const groups = await runSegmentStatement(connection, {
    sql: qualityGroupsSql(members.sql),
    params: members.params,
  });
  return qualityFiguresOfGroups(groups.map(qualityGroupOf));
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
