// Runs npm scripts side by side (the checks before the tests: type-check, lint, format), each line
// of output prefixed with its script's name; exits non-zero when any of them fails.
import { spawn } from 'node:child_process';

const names = process.argv.slice(2);

function run(name) {
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', '--silent', name], { stdio: ['ignore', 'pipe', 'pipe'] });
    for (const stream of [child.stdout, child.stderr]) {
      let rest = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk) => {
        const lines = (rest + chunk).split('\n');
        rest = lines.pop() ?? '';
        for (const line of lines) process.stdout.write(`[${name}] ${line}\n`);
      });
      stream.on('end', () => {
        if (rest !== '') process.stdout.write(`[${name}] ${rest}\n`);
      });
    }
    child.on('close', (code) => resolve({ name, code: code ?? 1 }));
  });
}

const started = Date.now();
const results = await Promise.all(names.map(run));
const failed = results.filter((r) => r.code !== 0);
for (const { name, code } of failed) console.error(`${name} failed (exit ${code})`);
console.log(`${names.join(', ')}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
process.exit(failed.length > 0 ? 1 : 0);
