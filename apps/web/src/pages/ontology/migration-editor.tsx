import type { Migration } from '@tessera/schema';
import { type Dispatch, useState } from 'react';
import { type FieldMessage, pointer } from './field-messages';
import { FieldNote } from './field-note';
import { MigrationOpFields } from './migration-op-fields';
import {
  MIGRATION_OP_KINDS,
  type MigrationContext,
  type MigrationOpKind,
  newMigrationOp,
} from './migration-ops';
import type { DraftAction } from './ontology-draft';

/**
 * How labels made under the previous version map onto this one, saved with the draft. Ops run in order;
 * "Apply" on a published version rewrites the project's final labels through them.
 */
export function MigrationEditor(props: {
  readonly version: number;
  readonly migration: Migration;
  readonly ctx: MigrationContext;
  readonly messages: readonly FieldMessage[];
  readonly dispatch: Dispatch<DraftAction>;
}) {
  const { version, migration, ctx, messages, dispatch } = props;
  const [kind, setKind] = useState<MigrationOpKind>('rename_class');
  return (
    <section className="card ont-section" aria-labelledby="ont-migration-title" data-testid="migration">
      <h2 id="ont-migration-title">Migration from v{version - 1}</h2>
      <p className="hint">
        How existing labels made under v{version - 1} become labels of v{version}. The ops run in order; an op
        may use a class an earlier op produced. Saved with the draft.
      </p>
      {migration.length === 0 ? <p className="muted">No ops: labels keep their classes.</p> : null}
      <ol className="ont-ops">
        {migration.map((op, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: ops are positions in an ordered list
          <li key={i} className="row ont-op" data-testid={`migration-op-${i}`}>
            <strong>{MIGRATION_OP_KINDS.find((k) => k.kind === op.op)?.label}</strong>
            <MigrationOpFields
              op={op}
              index={i}
              ctx={ctx}
              messages={messages}
              onChange={(next) => dispatch({ type: 'setMigrationOp', index: i, op: next })}
            />
            <FieldNote messages={messages} at={pointer('/migration', i)} />
            <button
              type="button"
              className="danger"
              aria-label={`Remove op ${i + 1}`}
              data-testid={`migration-remove-${i}`}
              onClick={() => dispatch({ type: 'removeMigrationOp', index: i })}
            >
              ✕
            </button>
          </li>
        ))}
      </ol>
      <FieldNote messages={messages} at="/migration" />
      <div className="row">
        <select
          aria-label="Kind of op"
          data-testid="migration-kind"
          value={kind}
          onChange={(e) => setKind(e.target.value as MigrationOpKind)}
        >
          {MIGRATION_OP_KINDS.map((k) => (
            <option key={k.kind} value={k.kind}>
              {k.label}
            </option>
          ))}
        </select>
        <button
          type="button"
          data-testid="migration-add"
          onClick={() => dispatch({ type: 'addMigrationOp', op: newMigrationOp(kind, ctx) })}
        >
          + Op
        </button>
      </div>
    </section>
  );
}
