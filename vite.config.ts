import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import tailwindcss from '@tailwindcss/vite';

export default defineConfig({
  plugins: [react(), tailwindcss()],
  server: { host: '127.0.0.1', port: 5173 },
  preview: { host: '127.0.0.1', port: 4173 },
  build: { sourcemap: 'hidden', chunkSizeWarningLimit: 900 },
  test: {
    // Both cores: Vitest would otherwise keep one worker on this 2-core machine (decision 023).
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          environment: 'node',
          include: [
            'src/domain/**/*.test.ts',
            'src/api/**/*.test.ts',
            'src/ui/**/*.test.ts',
            'src/features/**/*.test.ts',
            'server/**/*.test.ts',
            'mocks/**/*.test.ts',
            'scripts/**/*.test.ts',
            // The lint rules' own tests.
            'eslint/**/*.test.js',
          ],
          testTimeout: 60_000,
          // One DuckDB thread per store: the two workers would otherwise each claim both cores.
          env: { TACT_DUCKDB_THREADS: '1' },
          // Node tests share no module state but caches keyed by store: one module graph per
          // worker instead of one per file (the import time was most of the run; decision 023).
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'dom',
          environment: 'jsdom',
          include: ['src/**/*.test.tsx'],
          setupFiles: ['./src/test/setup.ts'],
          testTimeout: 30_000,
        },
      },
    ],
  },
});
