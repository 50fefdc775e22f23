import { taskInputValidator } from '@tessera/schema';
import { describe, expect, it } from 'vitest';
import { displayPath, imageContentType, imageTask, pickImages, sniffImageType } from './image-files';

const file = (name: string, type = '', webkitRelativePath = '') => ({ name, type, webkitRelativePath });

describe('image files', () => {
  it('knows PNG, JPEG and WebP by media type or extension', () => {
    expect(imageContentType(file('a.bin', 'image/webp'))).toBe('image/webp');
    expect(imageContentType(file('A.JPG'))).toBe('image/jpeg');
    expect(imageContentType(file('scan.tiff', 'image/tiff'))).toBeNull();
    expect(imageContentType(file('notes'))).toBeNull();
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
    const picked = pickImages([
      file('img10.png', 'image/png', 'shots/img10.png'),
      file('img2.png', 'image/png', 'shots/img2.png'),
      file('.DS_Store', '', 'shots/.DS_Store'),
      file('x.png', 'image/png', 'shots/.thumbs/x.png'),
      file('readme.txt', 'text/plain', 'shots/readme.txt'),
    ]);
    expect(picked.images.map(displayPath)).toEqual(['shots/img2.png', 'shots/img10.png']);
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
    const task = imageTask(asset, 'shots/img2.png', {
      type: 'imageannotation',
      projectId: 'prj_1',
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
    const plain = imageTask(asset, 'a.png', { type: 'imageannotation', projectId: 'prj_1', dedupe: false });
    expect(plain.unique_id).toBeUndefined();
  });
});
