import { useEffect, useState } from 'react';

export interface ImageSource {
  /** The decoded image, or null while loading or after a failure. */
  readonly image: HTMLImageElement | null;
  /** The image size in pixels: the item's when given, else the loaded image's natural size. */
  readonly size: { readonly width: number; readonly height: number } | null;
  readonly failed: boolean;
}

/** Loads the task's image; the workspace can start as soon as the size is known (at once if the item has it). */
export function useImageSource(url: string, width: number | null, height: number | null): ImageSource {
  const [state, setState] = useState<ImageSource>(() => ({
    image: null,
    size: width !== null && height !== null ? { width, height } : null,
    failed: false,
  }));
  useEffect(() => {
    let live = true;
    const known = width !== null && height !== null ? { width, height } : null;
    const img = new Image();
    img.decoding = 'async';
    img.onload = () => {
      if (!live) return;
      const natural = { width: img.naturalWidth, height: img.naturalHeight };
      setState({ image: img, size: known ?? natural, failed: false });
    };
    img.onerror = () => {
      if (live) setState((s) => ({ ...s, image: null, failed: true }));
    };
    img.src = url;
    return () => {
      live = false;
      img.onload = null;
      img.onerror = null;
    };
  }, [url, width, height]);
  return state;
}
