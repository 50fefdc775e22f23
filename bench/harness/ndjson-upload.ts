import http from 'node:http';

/** One NDJSON task line, as a customer's export would have it. */
export function ndjsonLine(i: number): string {
  return `{"type":"imageannotation","unique_id":"bench-${i}","instruction":"Box every car","item":{"media_type":"image","uri":"https://example.test/${i}.png","width":640,"height":480}}\n`;
}

/**
 * Streams `tasks` generated lines to `POST /v1/tasks/bulk` in one request (64 KiB writes, waiting for drain),
 * never holding the file; resolves with the parsed response.
 */
export function uploadNdjson(
  url: string,
  key: string,
  project: string,
  tasks: number,
): Promise<{ created: number; invalid: number; duplicates: number }> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${url}/v1/tasks/bulk?project=${encodeURIComponent(project)}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/x-ndjson' },
    });
    req.on('error', reject);
    req.on('response', (res) => {
      let text = '';
      res.on('data', (d: Buffer) => {
        text += d.toString();
      });
      res.on('end', () => {
        if (res.statusCode !== 200) return reject(new Error(`bulk upload: ${res.statusCode} ${text}`));
        resolve(JSON.parse(text) as { created: number; invalid: number; duplicates: number });
      });
    });
    let i = 0;
    const pump = () => {
      while (i < tasks) {
        let chunk = '';
        while (i < tasks && chunk.length < 65_536) chunk += ndjsonLine(++i);
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      req.end();
    };
    pump();
  });
}
