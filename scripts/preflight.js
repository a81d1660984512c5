// `npm start` runs this before it builds the app: when a Tact server is already running on the
// port or on the database file, it says so in one line and stops, instead of rebuilding dist/
// under that server (which then answered 404 for the app while the build ran).
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { DuckDBInstance } from '@duckdb/node-api';

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? '127.0.0.1';
const file = process.env.TACT_DB ?? 'data/tact.duckdb';

function portFree() {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, host, () => probe.close(() => resolve(true)));
  });
}

if (Number.isInteger(port) && port > 0 && !(await portFree())) {
  console.error(
    `Port ${port} on ${host} is in use: is Tact already running? Stop it first, or set PORT.`,
  );
  process.exit(1);
}
if (existsSync(file)) {
  try {
    const instance = await DuckDBInstance.create(file, { access_mode: 'READ_ONLY' });
    instance.closeSync();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/lock/i.test(message)) {
      const pid = /PID (\d+)/.exec(message)?.[1];
      console.error(
        `${file} is already open in another process${pid ? ` (PID ${pid})` : ''}: ` +
          'is Tact already running? Stop it first, or set TACT_DB to another file.',
      );
      process.exit(1);
    }
  }
}
