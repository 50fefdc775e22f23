import { taskInputValidator } from '@tessera/schema';
import { describe, expect, it } from 'vitest';
import {
  displayPath,
  fileContentType,
  fileMediaOf,
  fileTask,
  pickFiles,
  sniffImageType,
} from './image-files';

const file = (name: string, type = '', webkitRelativePath = '') => ({ name, type, webkitRelativePath });

describe('image files', () => {
  it('knows PNG, JPEG and WebP by media type or extension', () => {
    expect(fileContentType(file('a.bin', 'image/webp'), 'image')).toBe('image/webp');
    expect(fileContentType(file('A.JPG'), 'image')).toBe('image/jpeg');
    expect(fileContentType(file('scan.tiff', 'image/tiff'), 'image')).toBeNull();
    expect(fileContentType(file('notes'), 'image')).toBeNull();
    expect(fileContentType(file('scan.pdf', 'application/pdf'), 'image')).toBeNull();
  });

  it('takes PDFs, and only PDFs, for a document project', () => {
    expect(fileMediaOf('document')).toBe('document');
    expect(fileMediaOf('image')).toBe('image');
    expect(fileMediaOf('text')).toBe('image');
    expect(fileContentType(file('Scan.PDF'), 'document')).toBe('application/pdf');
    expect(fileContentType(file('scan', 'application/pdf'), 'document')).toBe('application/pdf');
    expect(fileContentType(file('a.png', 'image/png'), 'document')).toBeNull();
    expect(fileContentType(file('constructor'), 'document')).toBeNull();
    expect(fileContentType(file('x.constructor'), 'document')).toBeNull();
    const picked = pickFiles(
      [
        file('b.pdf', 'application/pdf', 'docs/b.pdf'),
        file('a.pdf', '', 'docs/a.pdf'),
        file('cover.png', 'image/png', 'docs/cover.png'),
        file('._a.pdf', '', 'docs/._a.pdf'),
      ],
      'document',
    );
    expect(picked.picked.map(displayPath)).toEqual(['docs/a.pdf', 'docs/b.pdf']);
    expect(picked.skipped.map(displayPath)).toEqual(['docs/cover.png', 'docs/._a.pdf']);
  });

  it('names the type the bytes say, whatever the extension claimed', () => {
    const bytes = (...b: number[]) => new Uint8Array([...b, ...new Array(12).fill(0)]);
    expect(sniffImageType(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a))).toBe('image/png');
    expect(sniffImageType(bytes(0xff, 0xd8, 0xff, 0xe0))).toBe('image/jpeg');
    const webp = new Uint8Array([
      ...new TextEncoder().encode('RIFF'),
      1,
      2,
      3,
      4,
      ...new TextEncoder().encode('WEBP'),
    ]);
    expect(sniffImageType(webp)).toBe('image/webp');
    expect(sniffImageType(new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg">'))).toBeNull();
    expect(sniffImageType(new TextEncoder().encode('GIF89a'))).toBeNull();
    expect(sniffImageType(new Uint8Array(0))).toBeNull();
  });

  it('picks images from a folder in natural path order and skips hidden and other files', () => {
    const picked = pickFiles(
      [
        file('img10.png', 'image/png', 'shots/img10.png'),
        file('img2.png', 'image/png', 'shots/img2.png'),
        file('.DS_Store', '', 'shots/.DS_Store'),
        file('x.png', 'image/png', 'shots/.thumbs/x.png'),
        file('readme.txt', 'text/plain', 'shots/readme.txt'),
      ],
      'image',
    );
    expect(picked.picked.map(displayPath)).toEqual(['shots/img2.png', 'shots/img10.png']);
    expect(picked.skipped.map(displayPath)).toEqual([
      'shots/.DS_Store',
      'shots/.thumbs/x.png',
      'shots/readme.txt',
    ]);
  });

  it('makes a valid image task, with a per-project unique_id from the content hash when asked', () => {
    const asset = {
      uri: '/assets/ab12.png',
      width: 640,
      height: 480,
      content_hash: 'sha256:ab12',
      bytes: 1000,
    };
    const task = fileTask(asset, 'shots/img2.png', {
      type: 'imageannotation',
      projectId: 'prj_1',
      media: 'image',
      dedupe: true,
    });
    expect(task).toEqual({
      type: 'imageannotation',
      unique_id: 'img:prj_1:ab12',
      metadata: { file_name: 'shots/img2.png' },
      item: {
        media_type: 'image',
        uri: '/assets/ab12.png',
        width: 640,
        height: 480,
        content_hash: 'sha256:ab12',
      },
    });
    expect(taskInputValidator.validate(task).ok).toBe(true);
    const plain = fileTask(asset, 'a.png', {
      type: 'imageannotation',
      projectId: 'prj_1',
      media: 'image',
      dedupe: false,
    });
    expect(plain.unique_id).toBeUndefined();
  });

  it('makes a valid document task for an uploaded PDF, without a size', () => {
    const pdf = {
      uri: '/assets/cd34.pdf',
      width: null,
      height: null,
      content_hash: 'sha256:cd34',
      bytes: 588,
    };
    const task = fileTask(pdf, 'docs/a.pdf', {
      type: 'documentannotation',
      projectId: 'prj_2',
      media: 'document',
      dedupe: true,
    });
    expect(task).toEqual({
      type: 'documentannotation',
      unique_id: 'pdf:prj_2:cd34',
      metadata: { file_name: 'docs/a.pdf' },
      item: { media_type: 'document', uri: '/assets/cd34.pdf', content_hash: 'sha256:cd34' },
    });
    expect(taskInputValidator.validate(task).ok).toBe(true);
  });
});
