import { type Organization, type Role, type User, userValidator } from '@tessera/schema';
import { NotFoundError, ValidationError } from './errors';
import type { EngineDeps } from './ports';

export interface NewUser {
  readonly email: string;
  readonly name: string;
  readonly role: Role;
}

/** Organizations (tenants) and their users. */
export function createOrganizationService(deps: EngineDeps) {
  const { store, clock, ids } = deps;
  return {
    async createOrganization(name: string): Promise<Organization> {
      const org: Organization = { id: ids.next('org'), name, created_at: clock.now() };
      if (name.trim() === '' || name.length > 200) {
        throw new ValidationError([
          { path: '/name', code: 'invalid', message: 'must be 1 to 200 characters' },
        ]);
      }
      await store.write((tx) => tx.orgs.insert(org));
      return org;
    },

    async createUser(orgId: string, input: NewUser): Promise<User> {
      const user: User = { id: ids.next('usr'), org_id: orgId, ...input, created_at: clock.now() };
      const checked = userValidator.validate(user);
      if (!checked.ok) throw new ValidationError(checked.issues);
      await store.write(async (tx) => {
        if ((await tx.orgs.get(orgId)) === undefined) throw new NotFoundError('organization', orgId);
        await tx.users.insert(user);
      });
      return user;
    },
  };
}
export type OrganizationService = ReturnType<typeof createOrganizationService>;
