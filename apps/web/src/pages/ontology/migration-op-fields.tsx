import type { MigrationOp } from '@tessera/schema';
import { useState } from 'react';
import { type FieldMessage, pointer } from './field-messages';
import { FieldNote } from './field-note';
import { attributesOf, type MigrationContext, splitTemplate, splitValues } from './migration-ops';

type Op<K extends MigrationOp['op']> = Extract<MigrationOp, { op: K }>;

export interface OpFieldsProps<T extends MigrationOp = MigrationOp> {
  readonly op: T;
  readonly index: number;
  readonly ctx: MigrationContext;
  readonly messages: readonly FieldMessage[];
  readonly onChange: (op: MigrationOp) => void;
}

/** A picker over ids; a current value missing from the list stays selectable, marked as missing. */
function Picker(props: {
  readonly label: string;
  readonly value: string;
  readonly ids: readonly string[];
  readonly testId: string;
  readonly onChange: (id: string) => void;
  /** An extra first choice with the empty value, e.g. "remove the objects". */
  readonly emptyLabel?: string;
}) {
  const { value, ids } = props;
  const missing = value !== '' && !ids.includes(value);
  return (
    <label className="ont-inline">
      {props.label}
      <select data-testid={props.testId} value={value} onChange={(e) => props.onChange(e.target.value)}>
        {props.emptyLabel !== undefined || value === '' ? (
          <option value="">{props.emptyLabel ?? '— pick —'}</option>
        ) : null}
        {missing ? <option value={value}>{value} (missing)</option> : null}
        {ids.map((id) => (
          <option key={id} value={id}>
            {id}
          </option>
        ))}
      </select>
    </label>
  );
}

const ids = (list: readonly { readonly id: string }[]): string[] => list.map((x) => x.id);
const tid = (index: number, field: string): string => `migration-${index}-${field}`;

function RenameClass({ op, index, ctx, messages, onChange }: OpFieldsProps<Op<'rename_class'>>) {
  const at = pointer('/migration', index);
  return (
    <>
      <Picker
        label="from"
        value={op.from}
        ids={ids(ctx.previous.classes)}
        testId={tid(index, 'from')}
        onChange={(from) => onChange({ ...op, from })}
      />
      <FieldNote messages={messages} at={pointer(at, 'from')} />
      <Picker
        label="to"
        value={op.to}
        ids={ids(ctx.next.classes)}
        testId={tid(index, 'to')}
        onChange={(to) => onChange({ ...op, to })}
      />
      <FieldNote messages={messages} at={pointer(at, 'to')} />
    </>
  );
}

function MergeClasses({ op, index, ctx, messages, onChange }: OpFieldsProps<Op<'merge_classes'>>) {
  const at = pointer('/migration', index);
  const toggle = (id: string, on: boolean) =>
    onChange({
      ...op,
      from: on ? [...op.from.filter((x) => x !== id), id] : op.from.filter((x) => x !== id),
    });
  return (
    <>
      <fieldset className="ont-inline-set">
        <legend>merge</legend>
        {ids(ctx.previous.classes).map((id) => (
          <label key={id} className="ont-inline">
            <input
              type="checkbox"
              data-testid={tid(index, `from-${id}`)}
              checked={op.from.includes(id)}
              onChange={(e) => toggle(id, e.target.checked)}
            />
            {id}
          </label>
        ))}
      </fieldset>
      <FieldNote messages={messages} at={pointer(at, 'from')} nested />
      <Picker
        label="into"
        value={op.into}
        ids={ids(ctx.next.classes)}
        testId={tid(index, 'into')}
        onChange={(into) => onChange({ ...op, into })}
      />
      <FieldNote messages={messages} at={pointer(at, 'into')} />
    </>
  );
}

function SplitMapping({ op, index, ctx, onChange }: OpFieldsProps<Op<'split_class'>>) {
  const [extra, setExtra] = useState('');
  const values = [
    ...new Set([...splitValues(ctx.previous, op.from, op.attribute), ...Object.keys(op.mapping)]),
  ];
  const setTarget = (value: string, id: string) => {
    const mapping = Object.fromEntries(Object.entries(op.mapping).filter(([k]) => k !== value));
    onChange({ ...op, mapping: id === '' ? mapping : { ...mapping, [value]: id } });
  };
  return (
    <div className="ont-mapping">
      {values.map((value) => (
        <Picker
          key={value}
          label={`“${value}” →`}
          value={op.mapping[value] ?? ''}
          ids={ids(ctx.next.classes)}
          testId={tid(index, `mapping-${value}`)}
          emptyLabel="(default)"
          onChange={(id) => setTarget(value, id)}
        />
      ))}
      <span className="row">
        <input
          aria-label="Another attribute value"
          placeholder="another value"
          value={extra}
          data-testid={tid(index, 'mapping-new')}
          onChange={(e) => setExtra(e.target.value)}
        />
        <button
          type="button"
          disabled={extra === '' || values.includes(extra)}
          onClick={() => {
            setTarget(extra, op.default || (ctx.next.classes[0]?.id ?? ''));
            setExtra('');
          }}
        >
          Map value
        </button>
      </span>
    </div>
  );
}

function SplitClass(props: OpFieldsProps<Op<'split_class'>>) {
  const { op, index, ctx, messages, onChange } = props;
  const at = pointer('/migration', index);
  return (
    <>
      <Picker
        label="split"
        value={op.from}
        ids={ids(ctx.previous.classes)}
        testId={tid(index, 'from')}
        onChange={(from) => onChange(splitTemplate(ctx, from, attributesOf(ctx.previous, from)[0]?.id ?? ''))}
      />
      <FieldNote messages={messages} at={pointer(at, 'from')} />
      <Picker
        label="by attribute"
        value={op.attribute}
        ids={ids(attributesOf(ctx.previous, op.from))}
        testId={tid(index, 'attribute')}
        onChange={(a) => onChange({ ...splitTemplate(ctx, op.from, a), default: op.default })}
      />
      <FieldNote messages={messages} at={pointer(at, 'attribute')} />
      <SplitMapping {...props} />
      <FieldNote messages={messages} at={pointer(at, 'mapping')} nested />
      <Picker
        label="otherwise"
        value={op.default}
        ids={ids(ctx.next.classes)}
        testId={tid(index, 'default')}
        onChange={(d) => onChange({ ...op, default: d })}
      />
      <FieldNote messages={messages} at={pointer(at, 'default')} />
      <label className="ont-inline">
        <input
          type="checkbox"
          data-testid={tid(index, 'drop_attribute')}
          checked={op.drop_attribute !== false}
          onChange={(e) => onChange({ ...op, drop_attribute: e.target.checked })}
        />
        drop the attribute
      </label>
    </>
  );
}

function DeleteClass({ op, index, ctx, messages, onChange }: OpFieldsProps<Op<'delete_class'>>) {
  const at = pointer('/migration', index);
  return (
    <>
      <Picker
        label="delete"
        value={op.class_id}
        ids={ids(ctx.previous.classes)}
        testId={tid(index, 'class_id')}
        onChange={(class_id) => onChange({ ...op, class_id })}
      />
      <FieldNote messages={messages} at={pointer(at, 'class_id')} />
      <Picker
        label="its objects"
        value={op.remap_to ?? ''}
        ids={ids(ctx.next.classes)}
        testId={tid(index, 'remap_to')}
        emptyLabel="are removed"
        onChange={(id) => onChange({ ...op, remap_to: id === '' ? null : id })}
      />
      <FieldNote messages={messages} at={pointer(at, 'remap_to')} />
    </>
  );
}

function RenameAttribute({ op, index, ctx, messages, onChange }: OpFieldsProps<Op<'rename_attribute'>>) {
  const at = pointer('/migration', index);
  const pickClass = (id: string) => {
    const classId = id === '' ? null : id;
    const from = attributesOf(ctx.previous, classId)[0]?.id ?? '';
    onChange({ ...op, class_id: classId, from, to: attributesOf(ctx.next, classId)[0]?.id ?? '' });
  };
  return (
    <>
      <Picker
        label="of"
        value={op.class_id ?? ''}
        ids={ids(ctx.previous.classes)}
        testId={tid(index, 'class_id')}
        emptyLabel="global attributes"
        onChange={pickClass}
      />
      <FieldNote messages={messages} at={pointer(at, 'class_id')} />
      <Picker
        label="from"
        value={op.from}
        ids={ids(attributesOf(ctx.previous, op.class_id))}
        testId={tid(index, 'from')}
        onChange={(from) => onChange({ ...op, from })}
      />
      <FieldNote messages={messages} at={pointer(at, 'from')} />
      <Picker
        label="to"
        value={op.to}
        ids={ids(attributesOf(ctx.next, op.class_id))}
        testId={tid(index, 'to')}
        onChange={(to) => onChange({ ...op, to })}
      />
      <FieldNote messages={messages} at={pointer(at, 'to')} />
    </>
  );
}

/** The fields of one migration op, with pickers over the previous and the new version's classes. */
export function MigrationOpFields(props: OpFieldsProps) {
  const { op } = props;
  switch (op.op) {
    case 'rename_class':
      return <RenameClass {...props} op={op} />;
    case 'merge_classes':
      return <MergeClasses {...props} op={op} />;
    case 'split_class':
      return <SplitClass {...props} op={op} />;
    case 'delete_class':
      return <DeleteClass {...props} op={op} />;
    case 'rename_attribute':
      return <RenameAttribute {...props} op={op} />;
  }
}
