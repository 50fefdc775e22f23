import { testDatabases } from '@tessera/db';
import { afterEach, describe, expect, it } from 'vitest';
import { createUserStore } from '../auth/user-store';
import { createTestApp, type TestApp } from '../testing/test-app';

/**
 * Found by T5: the password upsert (`ON CONFLICT (user_id) DO UPDATE`) could overwrite the credential of a
 * user of another organization if a caller ever passed one; its DO UPDATE now requires the same org_id.
 */
describe.each(testDatabases())('T5 password upsert guard on $dialect', (db) => {
  let t: TestApp;
  afterEach(async () => t?.dispose());

  it("never overwrites another organization's password, and still updates its own", async () => {
    t = await createTestApp(db);
    const alpha = await t.tenant('Alpha');
    const beta = await t.tenant('Beta');
    const users = createUserStore(t.ctx.db.client);
    await users.setPassword(alpha.orgId, alpha.adminUserId, 'alpha-hash-1', 1);
    await users.setPassword(beta.orgId, alpha.adminUserId, 'beta-hash', 2);
    expect(await users.passwordHash(alpha.orgId, alpha.adminUserId)).toBe('alpha-hash-1');
    expect(await users.passwordHash(beta.orgId, alpha.adminUserId)).toBeNull();
    await users.setPassword(alpha.orgId, alpha.adminUserId, 'alpha-hash-2', 3);
    expect(await users.passwordHash(alpha.orgId, alpha.adminUserId)).toBe('alpha-hash-2');
  });
});
