import Type from 'typebox';
import { EpochMs, Id } from './common';
import { createValidator } from './validator';

export const Organization = Type.Object(
  { id: Id, name: Type.String({ minLength: 1, maxLength: 200 }), created_at: EpochMs },
  { additionalProperties: false },
);
export type Organization = Type.Static<typeof Organization>;
export const organizationValidator = createValidator(Organization);

export const ROLES = ['admin', 'manager', 'reviewer', 'annotator'] as const;
export const Role = Type.Enum(ROLES);
export type Role = (typeof ROLES)[number];

export const User = Type.Object(
  {
    id: Id,
    org_id: Id,
    email: Type.String({ minLength: 3, maxLength: 320, pattern: '^[^@\\s]+@[^@\\s]+$' }),
    name: Type.String({ minLength: 1, maxLength: 200 }),
    role: Role,
    created_at: EpochMs,
  },
  { additionalProperties: false },
);
export type User = Type.Static<typeof User>;
export const userValidator = createValidator(User);
