import { EMPTY_PAYLOAD, type OntologyDefinition } from '@tessera/schema';
import { describe, expect, it } from 'vitest';
import { createDraftStore } from './draft-store';
import { createImagePreloader, type PreloadImage } from './image-preloader';
import { initialAnnotation } from './initial-annotation';
import { createMemoryStorage } from './key-value-storage';
import { createLeaseStore } from './lease-store';
import { createOntologyVersions, createTaskOntologies, pinnedVersion } from './ontology-versions';
import { createSwitchMeter } from './switch-meter';
import { createTaskClock } from './task-clock';
import { leaseDto } from './test-leases';

const who = { org: 'org_1', user: 'usr_1' };
const prelabels = {
  classifications: [{ class_id: 'scene', attributes: {} }],
  objects: [],
  spans: [],
  attributes: {},
};

describe('initial annotation', () => {
  it('prefers the draft of this lease, then kept work on the task, then valid pre-labels, then empty', () => {
    const drafts = createDraftStore(createMemoryStorage());
    const lease = leaseDto('t1', 5, undefined, { params: { prelabels } });
    expect(initialAnnotation(lease, who, drafts)).toMatchObject({ source: 'prelabels', payload: prelabels });
    const kept = { ...EMPTY_PAYLOAD, attributes: { q: 'kept' } };
    drafts.save({ key: { ...who, task: 't1', token: 4 }, project: 'cars', payload: kept, elapsed_ms: 900 });
    expect(initialAnnotation(lease, who, drafts)).toMatchObject({
      source: 'kept-draft',
      payload: kept,
      elapsed_ms: 0,
    });
    const own = { ...EMPTY_PAYLOAD, attributes: { q: 'own' } };
    drafts.save({ key: { ...who, task: 't1', token: 5 }, project: 'cars', payload: own, elapsed_ms: 700 });
    expect(initialAnnotation(lease, who, drafts)).toMatchObject({
      source: 'draft',
      payload: own,
      elapsed_ms: 700,
    });
    expect(initialAnnotation(leaseDto('t2'), who, drafts)).toMatchObject({
      source: 'empty',
      prelabelProblem: null,
    });
  });

  it('ignores pre-labels that are not a valid payload, and says why', () => {
    const drafts = createDraftStore(createMemoryStorage());
    const lease = leaseDto('t1', 1, undefined, { params: { prelabels: { objects: 'nope' } } });
    const initial = initialAnnotation(lease, who, drafts);
    expect(initial.source).toBe('empty');
    expect(initial.payload).toEqual(EMPTY_PAYLOAD);
    expect(initial.prelabelProblem).not.toBeNull();
  });
});

describe('ontology versions', () => {
  it('reads the pinned version from taxonomy_version, else falls back', () => {
    expect(pinnedVersion({ taxonomy_version: 'cars@7' }, 1)).toBe(7);
    expect(pinnedVersion({ taxonomy_version: 'my@project@12' }, 1)).toBe(12);
    expect(pinnedVersion({ taxonomy_version: 'cars' }, 3)).toBe(3);
    expect(pinnedVersion({ taxonomy_version: 'cars@0' }, 3)).toBe(3);
  });

  it('fetches each version once, and retries one that failed', async () => {
    const def: OntologyDefinition = { classes: [], global_attributes: [], guidelines: 'g' };
    const calls: number[] = [];
    let fail = true;
    const versions = createOntologyVersions(async (v) => {
      calls.push(v);
      if (fail) throw new Error('down');
      return def;
    });
    await expect(versions.get(2)).rejects.toThrow('down');
    fail = false;
    expect(versions.peek(2)).toBeUndefined();
    await Promise.all([versions.get(2), versions.get(2)]);
    expect(await versions.get(2)).toBe(def);
    expect(versions.peek(2)).toBe(def);
    expect(calls).toEqual([2, 2]);
  });
});

describe('lease store', () => {
  it('keeps the held leases per org, user and project, and drops invalid entries', () => {
    const storage = createMemoryStorage();
    const store = createLeaseStore(storage);
    const owner = { ...who, project: 'cars' };
    expect(store.load(owner)).toEqual([]);
    store.save(owner, [leaseDto('a'), leaseDto('b')]);
    expect(store.load(owner).map((l) => l.task.task_id)).toEqual(['a', 'b']);
    expect(store.load({ ...owner, project: 'bikes' })).toEqual([]);
    storage.setItem('tessera.leases.v1|org_1|usr_1|cars', JSON.stringify([leaseDto('a'), { token: 'x' }]));
    expect(store.load(owner).map((l) => l.task.task_id)).toEqual(['a']);
    store.save(owner, []);
    expect(storage.length).toBe(0);
  });
});

describe('task clock', () => {
  it('counts visible time only and resumes from a restored draft', () => {
    let t = 0;
    const clock = createTaskClock(() => t, 5000);
    t = 1000;
    clock.pause();
    t = 61_000;
    expect(clock.elapsed()).toBe(6000);
    expect(clock.running).toBe(false);
    clock.resume();
    t = 62_000;
    expect(clock.elapsed()).toBe(7000);
  });
});

describe('image preloader', () => {
  it('decodes each url once, reports readiness and failures', async () => {
    const made: string[] = [];
    const preloader = createImagePreloader(() => {
      const img: PreloadImage = {
        src: '',
        decode: () => (img.src.includes('broken') ? Promise.reject(new Error('decode')) : Promise.resolve()),
      };
      made.push('img');
      return img;
    }, 2);
    expect(await preloader.preload('/assets/a.png')).toBe(true);
    expect(await preloader.preload('/assets/a.png')).toBe(true);
    expect(made).toHaveLength(1);
    expect(preloader.ready('/assets/a.png')).toBe(true);
    expect(await preloader.preload('/assets/broken.png')).toBe(false);
    expect(preloader.ready('/assets/broken.png')).toBe(false);
    await preloader.preload('/assets/c.png');
    expect(preloader.ready('/assets/a.png')).toBe(false); // evicted: only the newest 2 are held
  });
});

describe('switch meter', () => {
  it('records the time from submit to the next workspace, once per switch', () => {
    let t = 100;
    const sink: number[] = [];
    const meter = createSwitchMeter(sink, () => t);
    expect(meter.shown()).toBeNull();
    meter.start();
    t = 112.5;
    expect(meter.shown()).toBe(12.5);
    expect(meter.shown()).toBeNull();
    expect(sink).toEqual([12.5]);
  });
});

describe('task ontologies', () => {
  it('uses the pinned version, and asks the project only for a task without one', async () => {
    const defs = new Map<number, OntologyDefinition>([
      [2, { classes: [], global_attributes: [], guidelines: 'v2' }],
      [5, { classes: [], global_attributes: [], guidelines: 'v5' }],
    ]);
    let projectCalls = 0;
    const tasks = createTaskOntologies(
      createOntologyVersions(async (v) => defs.get(v) as OntologyDefinition),
      async () => {
        projectCalls += 1;
        return 5;
      },
    );
    expect((await tasks.get({ taxonomy_version: 'cars@2' })).guidelines).toBe('v2');
    expect(tasks.peek({ taxonomy_version: 'cars@2' })?.guidelines).toBe('v2');
    expect(projectCalls).toBe(0);
    expect(tasks.peek({ taxonomy_version: '' })).toBeUndefined();
    expect((await tasks.get({ taxonomy_version: '' })).guidelines).toBe('v5');
    await tasks.get({ taxonomy_version: 'cars' });
    expect(projectCalls).toBe(1);
    expect(tasks.peek({ taxonomy_version: '' })?.guidelines).toBe('v5');
  });
});
