import type { IrDataset, IrObject } from './ir';
import type { IssueLog } from './issue';

/**
 * The dataset's objects grouped by image id, in dataset order. An object naming a category the dataset does
 * not declare is an export error (it is left out): exports never invent a class.
 */
export function objectsByImage(dataset: IrDataset, log: IssueLog): Map<string, IrObject[]> {
  const categories = new Set(dataset.categories.map((c) => c.id));
  const byImage = new Map<string, IrObject[]>();
  for (const o of dataset.objects) {
    if (!categories.has(o.categoryId)) {
      log.error('dangling_reference', `object ${o.id} names a missing category: left out`);
      continue;
    }
    const list = byImage.get(o.imageId) ?? [];
    list.push(o);
    byImage.set(o.imageId, list);
  }
  return byImage;
}
