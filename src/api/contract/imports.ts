// Importing a retailer's files through the screen (issue 14, docs/import.md): an admin declares the
// files and how to import them, sends each file in chunks, starts the import and follows it until
// its report. The report is the one the command line prints: per file the rows read, accepted and
// rejected, and every problem with its file, line and column.
import { z } from 'zod';
import { decimalInteger } from './decimal.ts';
import { issueParams } from './errors.ts';

/**
 * The tables a retailer's files fill (docs/import.md), in the order they are read and written.
 * `campaigns` are the past campaigns of the sending platform (what a message was part of); they
 * become campaign documents, as the demo's do.
 */
export const IMPORT_TABLES = [
  'customers',
  'identities',
  'consents',
  'preferences',
  'stores',
  'products',
  'store_stock',
  'orders',
  'order_lines',
  'events',
  'messages',
  'holdouts',
  'offers',
  'offer_responses',
  'campaigns',
] as const;
export type ImportTable = (typeof IMPORT_TABLES)[number];

/**
 * The files of a retailer's records per source system, for identity resolution at import: the
 * identities each record holds, and the links between records the retailer's systems know. They
 * are read and checked like the others, then resolved into profiles; nothing of them is stored
 * as such (each identity keeps its record and the rule that linked it).
 */
export const RESOLUTION_TABLES = ['source_records', 'record_links'] as const;
/** Every file of the layout. */
export const LAYOUT_TABLES = [...IMPORT_TABLES, ...RESOLUTION_TABLES] as const;
export type LayoutTable = (typeof LAYOUT_TABLES)[number];

/** What identity resolution did at an import. */
export const importResolution = z.strictObject({
  /** Records in, profiles out. */
  records: z.number().int().nonnegative(),
  profiles: z.number().int().nonnegative(),
  /** On an update: of those profiles, the ones the store held already. */
  joined: z.number().int().nonnegative(),
  /** On an update: stored profiles the records showed to be one with another, merged into it. */
  merged: z.number().int().nonnegative(),
  /** Records that joined a profile, by the rule that brought them. */
  merges: z.strictObject({
    link_table: z.number().int().nonnegative(),
    verified_email: z.number().int().nonnegative(),
    loyalty_card: z.number().int().nonnegative(),
    phone: z.number().int().nonnegative(),
  }),
  /** Profiles holding several loyalty cards or several proved e-mails: to look at. */
  conflicts: z.number().int().nonnegative(),
  /** Devices or cookies seen with several profiles: kept apart, never merged. */
  shared_devices: z.array(
    z.strictObject({ kind: z.string(), value: z.string(), profiles: z.array(z.string()) }),
  ),
  /** Links naming a record no file holds. */
  unknown_links: z.number().int().nonnegative(),
});
export type ImportResolution = z.infer<typeof importResolution>;

/** The import's own problem codes (the others are zod's, for a row the domain's rules refuse). */
export const IMPORT_PROBLEM_CODES = [
  'header_not_utf8',
  'unreadable',
  'unknown_column',
  'missing_column',
  'column_twice',
  'cannot_convert',
  'line_not_utf8',
  'value_count',
  'value_does_not_fit',
  'int_range',
  'no_such_instant',
  'not_instant',
  'not_json',
  'formula',
  'time_order',
  'duplicate_key',
  'unknown_reference',
  'no_layout_file',
  'replace_needs_customers',
] as const;
export type ImportProblemCode = (typeof IMPORT_PROBLEM_CODES)[number];

export const importProblem = z.strictObject({
  file: z.string(),
  /** The line in the file (the header is line 1); null for a problem of the whole file. */
  line: z.number().int().positive().nullable(),
  column: z.string().nullable(),
  /**
   * What is wrong: one of IMPORT_PROBLEM_CODES, or the code of a zod issue of the domain's rules
   * for a row (`invalid_value`, `too_small`…); `params` holds the figures its wording needs.
   */
  code: z.string(),
  params: issueParams,
  /** English, for the command line and logs. */
  message: z.string(),
});
export type ImportProblem = z.infer<typeof importProblem>;

export const fileReport = z.strictObject({
  table: z.string(),
  file: z.string().nullable(),
  read: z.number().int().nonnegative(),
  accepted: z.number().int().nonnegative(),
  rejected: z.number().int().nonnegative(),
});
export type FileReport = z.infer<typeof fileReport>;

export const importReport = z.strictObject({
  files: z.array(fileReport),
  problems: z.array(importProblem),
  /** Problems beyond those listed (each file lists its first ones). */
  unlisted: z.number().int().nonnegative(),
  /** Identity resolution, when the files held records per source; null otherwise. */
  resolution: importResolution.nullable(),
  committed: z.boolean(),
});
export type ImportReport = z.infer<typeof importReport>;

/**
 * `update`: the files' rows replace those with the same key and join the others. `replace`: the
 * store holds the files' rows only afterwards (the demo data, or last year's, gone); saved
 * segments, campaigns and the policy stay.
 */
export const importMode = z.enum(['update', 'replace']);
export type ImportMode = z.infer<typeof importMode>;

/** A file of an import: `customers.csv`, `orders.parquet`, or the name a mapping gives. */
export const importFileName = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._-]{0,119}\.(csv|parquet)$/,
    'A file name of letters, digits, ".", "_" or "-", ending in .csv or .parquet.',
  );

/** At most 2 GB a file. */
export const MAX_IMPORT_FILE_BYTES = 2 * 1024 ** 3;
/** Files are sent in chunks of at most this size (one request each). */
export const IMPORT_CHUNK_BYTES = 8 * 1024 ** 2;

export const importCreate = z.strictObject({
  mode: importMode,
  /** Read and check only; nothing is written. */
  check: z.boolean(),
  /** "Today" for the imported data: an ISO instant with its offset. */
  as_of: z.string().max(40),
  /** docs/import.md's mapping (checked by the server), or null. */
  mapping: z.unknown().nullable(),
  files: z
    .array(
      z.strictObject({
        name: importFileName,
        size: z.number().int().nonnegative().max(MAX_IMPORT_FILE_BYTES),
      }),
    )
    .min(1)
    .max(30),
});
export type ImportCreate = z.infer<typeof importCreate>;

/** `PUT /api/imports/:id/files/:name?offset=N`: the chunk's place in the file. */
export const importChunkQuery = z.strictObject({
  offset: decimalInteger(0, MAX_IMPORT_FILE_BYTES, 'offset: the bytes of the file sent before.'),
});

/** Where an import is: files arriving, waiting to start, under way, or ended. */
export const importPhase = z.enum(['uploading', 'running', 'done', 'failed', 'cancelled']);
export type ImportPhase = z.infer<typeof importPhase>;

/** What an import under way does now: read a file, check it, write a table, rebuild, reload. */
export const importStage = z.enum([
  'read',
  'check',
  'resolve',
  'cross_check',
  'write',
  'rebuild',
  'reload',
]);
export type ImportStage = z.infer<typeof importStage>;

export const importStep = z.strictObject({
  stage: importStage,
  /** The table read, checked or written; the derived table rebuilt; null for the whole. */
  table: z.string().nullable(),
});
export type ImportStep = z.infer<typeof importStep>;

export const importJob = z.strictObject({
  import_id: z.string(),
  created_at: z.string(),
  author: z.strictObject({ login: z.string(), name: z.string() }),
  mode: importMode,
  check: z.boolean(),
  as_of: z.string(),
  files: z.array(
    z.strictObject({
      name: z.string(),
      /** The table the file fills. */
      table: z.string(),
      size: z.number().int().nonnegative(),
      received: z.number().int().nonnegative(),
    }),
  ),
  phase: importPhase,
  /** Under way: the steps done of the steps it takes, and the one being done. */
  progress: z.strictObject({
    done: z.number().int().nonnegative(),
    total: z.number().int().positive(),
    step: importStep.nullable(),
  }),
  report: importReport.nullable(),
  /** Why a failed import failed (English, for the log; nothing was written). */
  error: z.string().nullable(),
  finished_at: z.string().nullable(),
});
export type ImportJob = z.infer<typeof importJob>;

export const importsResponse = z.strictObject({
  /**
   * False where there is no database to import into (the browser's demo) or the data sits in
   * ClickHouse, which its own command loads (docs/scale.md): `store` says which.
   */
  available: z.boolean(),
  store: z.enum(['memory', 'duckdb', 'clickhouse']),
  /** "Today" of the data served now, and its customers. */
  as_of: z.string().nullable(),
  customers: z.number().int().nonnegative().nullable(),
  /** The latest imports since the server started, newest first. */
  imports: z.array(importJob),
});
export type ImportsResponse = z.infer<typeof importsResponse>;
