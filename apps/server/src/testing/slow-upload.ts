import { request } from 'node:http';

/** How a request that never finished sending its body ended. */
export interface SlowUploadEnd {
  /** The status the server answered with, or null when the connection closed without an answer. */
  readonly status: number | null;
  readonly retryAfter: string | null;
  /** Epoch ms. */
  readonly endedAt: number;
}

/**
 * A bulk NDJSON upload that sends one task line every `everyMs` and never ends by itself: an in-flight
 * request that outlives any drain timeout. Resolves when the server answers or the connection closes.
 */
export function slowUpload(
  baseUrl: string,
  apiKey: string,
  project: string,
  everyMs = 100,
): Promise<SlowUploadEnd> {
  return new Promise((resolve) => {
    let timer: ReturnType<typeof setInterval> | undefined;
    let settled = false;
    const finish = (status: number | null, retryAfter: string | null) => {
      if (settled) return;
      settled = true;
      clearInterval(timer);
      resolve({ status, retryAfter, endedAt: Date.now() });
    };
    const req = request(`${baseUrl}/v1/tasks/bulk?project=${project}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/x-ndjson' },
    });
    req.on('response', (res) => {
      res.resume();
      const retryAfter = res.headers['retry-after'];
      finish(res.statusCode ?? null, typeof retryAfter === 'string' ? retryAfter : null);
      req.destroy();
    });
    req.on('error', () => finish(null, null));
    req.on('close', () => finish(null, null));
    let n = 0;
    timer = setInterval(() => {
      const line = {
        type: 'imageannotation',
        item: { media_type: 'image', width: 10, height: 10 },
        unique_id: `slow-${n++}`,
      };
      req.write(`${JSON.stringify(line)}\n`);
    }, everyMs);
  });
}
