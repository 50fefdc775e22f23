// Public API of @tessera/geometry: pure functions, no I/O. Each file adds its export line below.

export * from './box';
export * from './convex-clip';
export * from './cuboid';
export * from './interpolate';
export * from './polygon';
export * from './polygon-iou';
export * from './polygon-simple';
export * from './rle';
export * from './rle-iou';
export * from './rle-polygon';
export * from './rle-string';
export * from './scale-iou';
export * from './span';
export * from './types';
