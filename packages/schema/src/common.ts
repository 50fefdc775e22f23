import Type from 'typebox';

/** Epoch milliseconds (UTC). Records store time as numbers; the wire format renders RFC 3339. */
export const EpochMs = Type.Integer({ minimum: 0 });
export const Id = Type.String({ minLength: 1, maxLength: 128 });
export const Slug = Type.String({ minLength: 1, maxLength: 64, pattern: '^[a-z0-9][a-z0-9_.-]*$' });
export const JsonObject = Type.Record(Type.String(), Type.Unknown());
export const Color = Type.String({ pattern: '^#[0-9a-fA-F]{6}$' });
export const Nullable = <T extends Type.TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
