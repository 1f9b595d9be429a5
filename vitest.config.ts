import { defineConfig } from 'vitest/config';

// Two projects: `unit` (no network, no root) and `integration` (the lab's real sshd hosts, DESIGN §5).
// `npm test` runs both; the integration project brings the lab up once in its global setup.
export default defineConfig({
  test: {
    clearMocks: true,
    restoreMocks: true,
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts', 'test/contract/**/*.test.ts'],
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.int.test.ts', 'test/lab/**/*.int.test.ts'],
          globalSetup: ['test/lab/global-setup.ts'],
          testTimeout: 180_000,
          hookTimeout: 600_000,
          // Tests share the lab's hosts; files that mutate them run one after another.
          fileParallelism: false,
        },
      },
    ],
  },
});
