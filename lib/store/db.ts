import { openDB } from 'idb';
import { DB_VERSION, runMigrations, upgradeFailure, type UpgradeTx } from './migrations';
import type { TandemDB, TandemDb } from './schema';

/**
 * Opens (creating or upgrading) Tandem's database. Only the background service worker calls this;
 * the store uses plain IndexedDB so it also runs in unit tests and benchmark pages.
 *
 * `version` exists for tests that build an old schema (e.g. open at 1, then at `DB_VERSION`).
 */
export async function openTandemDb(name = 'tandem', version = DB_VERSION): Promise<TandemDb> {
  if (!Number.isInteger(version) || version < 1 || version > DB_VERSION) {
    throw new RangeError(`schema version must be 1 to ${DB_VERSION}, got ${version}`);
  }
  let upgradeTx: UpgradeTx | undefined;
  try {
    return await openDB<TandemDB>(name, version, {
      upgrade(db, oldVersion, newVersion, tx) {
        upgradeTx = tx;
        runMigrations(db, tx, oldVersion, newVersion ?? version);
      },
      // A newer version is waiting (an extension update, or a test reopening at a higher
      // version): close this connection rather than block its upgrade forever.
      blocking(_current, _blocked, event) {
        (event.target as IDBDatabase).close();
      },
    });
  } catch (error) {
    const failure = upgradeTx && upgradeFailure(upgradeTx);
    if (failure !== undefined) throw failure;
    throw error;
  }
}
