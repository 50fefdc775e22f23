import { createValidator, LeaseDto } from '@tessera/schema';
import { type KeyValueStorage, readJson, writeJson } from './key-value-storage';

const leaseValidator = createValidator(LeaseDto);

/** Who holds the leases, in which project (the label page of one project). */
export interface LeaseOwner {
  readonly org: string;
  readonly user: string;
  readonly project: string;
}

/**
 * The leases an annotator holds in one project, saved so a reload resumes them: the server never leases a task
 * to someone who already holds it, so forgetting them would strand those tasks (and the drafts under their
 * tokens) until the leases expire.
 */
export interface LeaseStore {
  load(owner: LeaseOwner): LeaseDto[];
  /** False when the storage refused the write. */
  save(owner: LeaseOwner, leases: readonly LeaseDto[]): boolean;
}

const part = (s: string): string => encodeURIComponent(s);
export const leaseStorageKey = (o: LeaseOwner): string =>
  `tessera.leases.v1|${part(o.org)}|${part(o.user)}|${part(o.project)}`;

export function createLeaseStore(storage: KeyValueStorage): LeaseStore {
  return {
    load(owner) {
      const value = readJson(storage, leaseStorageKey(owner));
      if (!Array.isArray(value)) return [];
      return value.filter((l): l is LeaseDto => leaseValidator.check(l));
    },
    save(owner, leases) {
      if (leases.length === 0) {
        storage.removeItem(leaseStorageKey(owner));
        return true;
      }
      return writeJson(storage, leaseStorageKey(owner), leases);
    },
  };
}
