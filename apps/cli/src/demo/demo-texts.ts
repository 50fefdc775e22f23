import { existsSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { seededRandom } from '@tessera/db';

const PEOPLE = [
  'Ada Lovelace',
  'Grace Hopper',
  'Alan Turing',
  'Katherine Johnson',
  'Edsger Dijkstra',
  'Barbara Liskov',
];
const ORGS = [
  'Acme Robotics',
  'Northwind Labs',
  'the City Council',
  'Globex',
  'the Open Data Institute',
  'Initech',
];
const PLACES = ['London', 'Lagos', 'Montreal', 'Osaka', 'Valparaíso', 'Tallinn', 'Nairobi'];
const DATES = ['last Tuesday', 'on 3 March 2025', 'in spring', 'on Friday', 'in 2019', 'yesterday'];
const TEMPLATES = [
  '{person} joined {org} in {place} {date}.',
  '{org} opened a new office in {place} {date}, led by {person}.',
  '{date}, {person} presented the results of {org} to an audience in {place}.',
  'Engineers from {org} met {person} in {place} {date} to discuss the dataset.',
  '{person} left {place} {date} after three years at {org}.',
];

export function textFileName(index: number): string {
  return `text-${String(index).padStart(4, '0')}.txt`;
}

/** Snippet `index`: a short sentence naming a person, an organization, a place and a date (deterministic). */
export function demoSnippet(index: number): string {
  const random = seededRandom(7_919 * index + 3);
  const pick = (xs: readonly string[]) => xs[Math.floor(random.next() * xs.length)] as string;
  const text = pick(TEMPLATES)
    .replace('{person}', pick(PEOPLE))
    .replace('{org}', pick(ORGS))
    .replace('{place}', pick(PLACES))
    .replace('{date}', pick(DATES));
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Writes `text-0001.txt` … into `dir` (existing files are kept). */
export async function writeTextSnippets(dir: string, count: number): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (let index = 1; index <= count; index += 1) {
    const path = join(dir, textFileName(index));
    if (existsSync(path)) continue;
    const tmp = `${path}.${process.pid}.tmp`;
    await writeFile(tmp, `${demoSnippet(index)}\n`);
    await rename(tmp, path);
  }
}
