import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

// Unit and component tests: WXT's in-memory fake browser, fake-indexeddb, happy-dom.
export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    environment: 'happy-dom',
    setupFiles: ['fake-indexeddb/auto', './test/setup.ts'],
    restoreMocks: true,
  },
});
