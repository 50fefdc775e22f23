import { taskInputValidator } from '@tessera/schema';
import { describe, expect, it } from 'vitest';
import { csvTasks } from './csv-tasks';
import { defaultsFor } from './task-defaults';

const image = defaultsFor('image');

describe('csvTasks', () => {
  it('turns rows into valid task inputs with metadata from the other columns', () => {
    const text = [
      'image_url,unique_id,priority,instruction,camera,width,height',
      'https://x.test/a.png,a-1,5,Box the cars,front,640,480',
      'https://x.test/b.png,,,,rear,,',
    ].join('\n');
    const { headerError, entries } = csvTasks(text, image);
    expect(headerError).toBeNull();
    expect(entries).toEqual([
      {
        line: 2,
        input: {
          type: 'imageannotation',
          unique_id: 'a-1',
          priority: 5,
          instruction: 'Box the cars',
          metadata: { camera: 'front' },
          item: { media_type: 'image', uri: 'https://x.test/a.png', width: 640, height: 480 },
        },
      },
      {
        line: 3,
        input: {
          type: 'imageannotation',
          metadata: { camera: 'rear' },
          item: { media_type: 'image', uri: 'https://x.test/b.png' },
        },
      },
    ]);
    for (const entry of entries) {
      if ('input' in entry) expect(taskInputValidator.validate(entry.input).ok).toBe(true);
    }
  });

  it('makes text items from a text column, and lets a row choose its task type', () => {
    const { entries } = csvTasks('TEXT,Type\n"Hello, Ada",namedentityrecognition\n', image);
    expect(entries).toEqual([
      {
        line: 2,
        input: {
          type: 'namedentityrecognition',
          item: { media_type: 'text', text: 'Hello, Ada', length: 10 },
        },
      },
    ]);
  });

  it('reports bad rows with their file line and keeps the good ones', () => {
    const text = 'uri,priority,note\n"a.png",high,x\nb.png,1\n,,only note\n"multi\nline.png",2,y\n';
    const { entries } = csvTasks(text, image);
    expect(entries.map((e) => [e.line, 'error' in e ? e.error : 'ok'])).toEqual([
      [2, 'priority must be a whole number from -1000000 to 1000000, got "high"'],
      [3, 'the row has 2 cells, the header has 3'],
      [4, 'the row has neither a uri (or image_url) nor a text'],
      [5, 'ok'],
    ]);
  });

  it('refuses a header without an item column, with a blank or a repeated name', () => {
    expect(csvTasks('name,priority\nx,1', image).headerError).toBe(
      'the header needs a uri (or image_url) or a text column',
    );
    expect(csvTasks('uri,,x\n', image).headerError).toBe('column 2 of the header has no name');
    expect(csvTasks('uri,URI\n', image).headerError).toBe('the header names column "uri" twice');
    expect(csvTasks('', image).headerError).toBe('the file is empty');
  });

  it('skips rows whose cells are all empty', () => {
    expect(csvTasks('uri,note\n,\nx.png,\n', image).entries).toHaveLength(1);
  });
});
