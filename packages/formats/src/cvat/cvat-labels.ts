import { type IrAttributeSpec, type IrCategory, type IrValue, LABEL_KINDS, type LabelKind } from '../ir';
import type { IssueLog } from '../issue';
import { childElements, childText, firstChild, type XmlElement } from '../xml/xml-node';
import { xmlLeaf } from '../xml/xml-write';

const INPUT_TYPES = ['select', 'checkbox', 'radio', 'number', 'text'] as const;

/** The first `<labels>` under `<meta>` (task or project), breadth-first. */
export function findLabels(meta: XmlElement | undefined): XmlElement | undefined {
  const queue = meta === undefined ? [] : [meta];
  while (queue.length > 0) {
    const e = queue.shift()!;
    const l = firstChild(e, 'labels');
    if (l !== undefined) return l;
    queue.push(...childElements(e));
  }
  return undefined;
}

/** A `<type>` CVAT declares, or undefined (with a warning) for one it does not. */
function labelKind(l: XmlElement, log: IssueLog): LabelKind | undefined {
  const type = childText(l, 'type');
  if (type === undefined) return undefined;
  const kind = LABEL_KINDS.find((k) => k === type);
  if (kind === undefined)
    log.warn('field_dropped', `label type ${type} is not a CVAT label type`, { line: l.line });
  return kind;
}

/** CVAT `<label>` declarations → IR categories (id = name), with their attribute declarations. */
export function readLabels(labels: XmlElement | undefined, log: IssueLog): IrCategory[] {
  return childElements(labels ?? { name: '', attributes: [], children: [], line: 0, column: 0 }, 'label').map(
    (l) => {
      const name = childText(l, 'name') ?? '';
      const attributes: IrAttributeSpec[] = childElements(firstChild(l, 'attributes') ?? l, 'attribute').map(
        (a) => {
          const t = childText(a, 'input_type') ?? 'text';
          const values = childText(a, 'values') ?? '';
          return {
            name: childText(a, 'name') ?? '',
            inputType: (INPUT_TYPES as readonly string[]).includes(t)
              ? (t as IrAttributeSpec['inputType'])
              : 'text',
            mutable: (childText(a, 'mutable') ?? '').toLowerCase() === 'true',
            values: values === '' ? [] : values.split('\n'),
            defaultValue: childText(a, 'default_value') ?? '',
          };
        },
      );
      const kind = labelKind(l, log);
      const color = childText(l, 'color');
      return {
        id: name,
        name,
        ...(kind === undefined ? {} : { kind }),
        ...(color === undefined ? {} : { color }),
        ...(attributes.length > 0 ? { attributes } : {}),
      };
    },
  );
}

/** A CVAT attribute value (always a string) → typed by its declaration: checkbox → boolean, number → number. */
export function typedValue(spec: IrAttributeSpec | undefined, raw: string): IrValue {
  if (spec?.inputType === 'checkbox' && (raw === 'true' || raw === 'false')) return raw === 'true';
  if (spec?.inputType === 'number' && raw.trim() !== '' && Number.isFinite(Number(raw))) return Number(raw);
  return raw;
}

/** Attribute declarations for the export: the category's own, plus one per undeclared attribute seen. */
export function specsFor(c: IrCategory, seen: ReadonlyMap<string, IrValue>): IrAttributeSpec[] {
  const specs = [...(c.attributes ?? [])];
  for (const [name, v] of seen) {
    if (specs.some((s) => s.name === name)) continue;
    const inputType = typeof v === 'boolean' ? 'checkbox' : typeof v === 'number' ? 'number' : 'text';
    specs.push({
      name,
      inputType,
      mutable: false,
      values: inputType === 'checkbox' ? ['false'] : [],
      defaultValue: inputType === 'checkbox' ? 'false' : '',
    });
  }
  return specs;
}

export function labelXml(c: IrCategory, specs: readonly IrAttributeSpec[], indent: string): string[] {
  const out = [`${indent}<label>`, `${indent}  ${xmlLeaf('name', c.name)}`];
  if (c.color !== undefined) out.push(`${indent}  ${xmlLeaf('color', c.color)}`);
  if (c.kind !== undefined) out.push(`${indent}  ${xmlLeaf('type', c.kind)}`);
  out.push(`${indent}  <attributes>`);
  for (const s of specs)
    out.push(
      `${indent}    <attribute>`,
      `${indent}      ${xmlLeaf('name', s.name)}`,
      `${indent}      ${xmlLeaf('mutable', s.mutable ? 'True' : 'False')}`,
      `${indent}      ${xmlLeaf('input_type', s.inputType)}`,
      `${indent}      ${xmlLeaf('default_value', s.defaultValue)}`,
      `${indent}      ${xmlLeaf('values', s.values.join('\n'))}`,
      `${indent}    </attribute>`,
    );
  out.push(`${indent}  </attributes>`, `${indent}</label>`);
  return out;
}
