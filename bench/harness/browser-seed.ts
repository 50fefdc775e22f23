import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { AnnotationPayload, OntologyDefinition } from '@tessera/schema';
import { createContext, loadConfig } from '@tessera/server';
import sharp from 'sharp';

export const BROWSER_PASSWORD = 'bench correct horse battery';
export const BROWSER_EMAIL = 'labeler@bench.test';
const WIDTH = 1920;
const HEIGHT = 1080;

const ONTOLOGY: OntologyDefinition = {
  classes: [
    { id: 'car', name: 'Car', color: '#e8590c', geometries: ['box', 'polygon'], attributes: [] },
    { id: 'truck', name: 'Truck', color: '#2f9e44', geometries: ['box'], attributes: [] },
  ],
  global_attributes: [],
  guidelines: 'Box every vehicle.',
};

/** `count` boxes on a grid over the image: what a dense street scene's pre-labels look like. */
export function gridBoxes(count: number): AnnotationPayload {
  const columns = Math.ceil(Math.sqrt((count * WIDTH) / HEIGHT));
  const rows = Math.ceil(count / columns);
  const w = WIDTH / columns;
  const h = HEIGHT / rows;
  const objects = Array.from({ length: count }, (_, i) => ({
    id: `p${i}`,
    class_id: i % 3 === 0 ? 'truck' : 'car',
    geometry: {
      type: 'box' as const,
      x: (i % columns) * w + 2,
      y: Math.floor(i / columns) * h + 2,
      w: w - 4,
      h: h - 4,
    },
    attributes: {},
  }));
  return { classifications: [], objects, spans: [], attributes: {} };
}

async function writeScene(dir: string, i: number): Promise<string> {
  const file = `scene-${i}.png`;
  const tint = (i * 47) % 255;
  await sharp({
    create: { width: WIDTH, height: HEIGHT, channels: 3, background: { r: tint, g: 90, b: 160 } },
  })
    .composite([
      {
        input: { create: { width: 400, height: 300, channels: 3, background: { r: 250, g: 250, b: 250 } } },
        left: (i * 97) % (WIDTH - 400),
        top: (i * 61) % (HEIGHT - 300),
      },
    ])
    .png()
    .toFile(join(dir, file));
  return `/assets/${file}`;
}

/**
 * An organization with one labeler (password sign-in, member of both projects): `dense` holds one image task
 * pre-labelled with `boxes` boxes (frame times), `switch` holds `tasks` tasks over distinct images (switch time).
 */
export async function seedBrowserBench(dataDir: string, boxes: number, tasks: number): Promise<void> {
  const ctx = await createContext(loadConfig({ dataDir, env: {} }));
  try {
    const assets = join(dataDir, 'assets');
    mkdirSync(assets, { recursive: true });
    const images = await Promise.all(
      Array.from({ length: Math.min(tasks, 12) }, (_, i) => writeScene(assets, i)),
    );
    const { engine, auth } = ctx;
    const org = await engine.orgs.createOrganization('Browser bench');
    const user = await auth.accounts.createUser(org.id, {
      email: BROWSER_EMAIL,
      name: 'Labeler',
      role: 'annotator',
      password: BROWSER_PASSWORD,
    });
    const item = (uri: string) => ({ media_type: 'image' as const, uri, width: WIDTH, height: HEIGHT });
    for (const [name, count] of [
      ['dense', 1],
      ['switch', tasks],
    ] as const) {
      const project = await engine.projects.createProject(org.id, null, { name, modality: 'image' });
      const draft = await engine.ontologies.createDraft(org.id, project.id, ONTOLOGY);
      await engine.ontologies.publish(org.id, project.id, draft.version);
      await engine.projects.addMember(org.id, project.id, user.id);
      const inputs = Array.from({ length: count }, (_, i) => ({
        type: 'imageannotation',
        unique_id: `${name}-${i}`,
        instruction: 'Box every vehicle',
        item: item(images[i % images.length] as string),
        params: name === 'dense' ? { prelabels: gridBoxes(boxes) } : {},
      }));
      await engine.tasks.createTasks(org.id, project.id, inputs);
    }
  } finally {
    await ctx.db.close();
  }
}
