/**
 * Tandem's local store: IndexedDB through idb, versioned schema, repositories.
 * Only the background service worker opens it; it uses no extension API.
 */
export { openTandemDb } from './db';
export { DB_VERSION, MIGRATIONS, type MigrationStep, type UpgradeTx } from './migrations';
export { normalizeName } from './normalize';
export * from './schema';
export * from './workspace';
export * from './imports';
export * from './leads';
export * from './touches';
export * from './events';
export * from './lead-reads';
export * from './hub-cache';
export * from './ranking';
