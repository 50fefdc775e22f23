/** The part of `HTMLImageElement` preloading needs (tests pass a fake). */
export interface PreloadImage {
  src: string;
  decode(): Promise<void>;
}

export interface ImagePreloader {
  /** Starts fetching and decoding `url` (once); resolves true when decoded, false when it failed. */
  preload(url: string): Promise<boolean>;
  /** Whether `url` was decoded. */
  ready(url: string): boolean;
}

/**
 * Fetches and decodes the images of the next tasks while the annotator works on the current one, so the next
 * workspace shows its image at once (the browser serves it from its memory cache). Holds the newest `limit`
 * images so they are not collected before use.
 */
export function createImagePreloader(create: () => PreloadImage, limit = 8): ImagePreloader {
  const started = new Map<string, Promise<boolean>>();
  const images = new Map<string, PreloadImage>();
  const decoded = new Set<string>();
  return {
    preload(url) {
      const known = started.get(url);
      if (known !== undefined) return known;
      const img = create();
      img.src = url;
      images.set(url, img);
      for (const old of images.keys()) {
        if (images.size <= limit) break;
        images.delete(old);
        started.delete(old);
        decoded.delete(old);
      }
      const done = img.decode().then(
        () => {
          decoded.add(url);
          return true;
        },
        () => false,
      );
      started.set(url, done);
      return done;
    },
    ready: (url) => decoded.has(url),
  };
}
