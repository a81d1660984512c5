// `node scripts/wait-for-file.js FILE`: returns once FILE exists (another process builds it), or
// fails after 3 minutes. For the e2e servers that serve a build another one makes.
import { existsSync } from 'node:fs';

const file = process.argv[2];
if (file === undefined) {
  console.error('Usage: node scripts/wait-for-file.js FILE');
  process.exit(2);
}
const started = Date.now();
while (!existsSync(file)) {
  if (Date.now() - started > 180_000) {
    console.error(`${file} did not appear within 3 minutes.`);
    process.exit(1);
  }
  await new Promise((resolve) => setTimeout(resolve, 250));
}
