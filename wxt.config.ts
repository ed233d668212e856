import { resolve } from 'node:path';
import { defineConfig } from 'wxt';
import { ADAPTER_MATCHES } from './lib/crm/adapters/urls';
import { bundleJsonSchema } from './lib/model/bundle';

// `npm run bench` builds with TANDEM_BENCH=1: that build (in .output/bench/) also holds the
// benchmark page; the extension users install never does.
const BENCH = process.env.TANDEM_BENCH === '1';
// The team hub end-to-end test builds with TANDEM_LOOPBACK_HUB=1 (in .output/loopback-hub/):
// the hub on 127.0.0.1 is granted at install, since a test cannot click the browser's
// permission prompt. Never the build users install.
const LOOPBACK_HUB = process.env.TANDEM_LOOPBACK_HUB === '1';

// See README.md ("Architecture") for how the pieces fit together.
export default defineConfig({
  outDir: BENCH ? '.output/bench' : LOOPBACK_HUB ? '.output/loopback-hub' : '.output',
  modules: ['@wxt-dev/module-react', '@wxt-dev/webextension-polyfill'],
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // Least privilege: the supported CRM hosts only. CRMs the user adds and a team hub are
    // optional host permissions requested at run time, one origin at a time.
    host_permissions: [...ADAPTER_MATCHES, ...(LOOPBACK_HUB ? ['http://127.0.0.1/*'] : [])],
    optional_host_permissions: ['https://*/*', 'http://*/*'],
    permissions: ['storage', 'unlimitedStorage', 'scripting', 'alarms'],
    action: { default_title: '__MSG_actionTitle__' },
    commands: {
      'toggle-sidebar': {
        suggested_key: { default: 'Alt+Shift+T' },
        description: '__MSG_commandToggleSidebar__',
      },
    },
    // What an administrator can set by policy (the rep's identity); see README.
    ...(browser === 'firefox' ? {} : { storage: { managed_schema: 'managed_schema.json' } }),
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'tandem@tandem.example',
              strict_min_version: '128.0',
              // Tandem sends nothing anywhere except to a team hub the user configures.
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {}),
  }),
  zip: { name: 'tandem' },
  hooks: {
    'entrypoints:found': (_wxt, infos) => {
      if (BENCH) return;
      const i = infos.findIndex((e) => e.name === 'bench');
      if (i >= 0) infos.splice(i, 1);
    },
    // The bootstrap content script (`crm`, on every page of every supported CRM) uses the
    // browser's own promise-based API instead of webextension-polyfill: see lib/crm/ext-browser.ts.
    'vite:build:extendConfig': (entrypoints, vite) => {
      if (!entrypoints.some((e) => e.name === 'crm')) return;
      const shim = { find: /^wxt\/browser$/, replacement: resolve('lib/crm/ext-browser.ts') };
      vite.resolve ??= {};
      const alias = vite.resolve.alias;
      vite.resolve.alias = Array.isArray(alias)
        ? [shim, ...(alias as { find: string | RegExp; replacement: string }[])]
        : [
            shim,
            ...Object.entries(alias ?? {}).map(([find, replacement]) => ({ find, replacement })),
          ];
    },
    // The workspace bundle's JSON Schema is generated from the zod model at every build.
    'build:publicAssets': (_wxt, files) => {
      files.push({
        relativeDest: 'workspace-bundle.schema.json',
        contents: JSON.stringify(bundleJsonSchema(), null, 2),
      });
    },
  },
});
