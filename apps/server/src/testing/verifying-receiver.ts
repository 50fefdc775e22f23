import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

/** One delivery as the receiver saw it. */
export interface Delivery {
  readonly webhookId: string;
  readonly body: string;
  readonly verified: boolean;
}

export interface VerifyingReceiver {
  readonly url: string;
  readonly deliveries: Delivery[];
  /** Sets the secret deliveries are verified with (known once the endpoint is created). */
  setSecret(secret: string): void;
  close(): Promise<void>;
}

function headerMap(headers: IncomingHttpHeaders): Record<string, string> {
  return {
    'webhook-id': String(headers['webhook-id']),
    'webhook-timestamp': String(headers['webhook-timestamp']),
    'webhook-signature': String(headers['webhook-signature']),
  };
}

/**
 * A webhook receiver on 127.0.0.1 that verifies every delivery with the independent `standardwebhooks`
 * package and answers 204 (400 when verification fails). `beforeAnswer(n)` runs before the nth (0-based)
 * answer is sent, so a test can crash the sender while it waits for the response.
 */
export async function startVerifyingReceiver(
  beforeAnswer: (n: number) => Promise<void> = async () => undefined,
): Promise<VerifyingReceiver> {
  const deliveries: Delivery[] = [];
  let secret = '';
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      let verified = true;
      try {
        new Webhook(secret).verify(body, headerMap(req.headers));
      } catch {
        verified = false;
      }
      const n = deliveries.length;
      deliveries.push({ webhookId: String(req.headers['webhook-id']), body, verified });
      void beforeAnswer(n).then(() => {
        if (!res.destroyed) res.writeHead(verified ? 204 : 400).end();
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    deliveries,
    setSecret(value) {
      secret = value;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
