import { createInterface } from 'node:readline';
import { createClient, TesseraApiError } from '@tessera/client';
import { markedBox } from './marked-box';

/**
 * A worker process for fault tests: an annotator using the SDK, driven one JSON command per stdin line
 * (`lease`, `submit`, `heartbeat`, `clock`), answering one JSON line per command on stdout. It prints
 * `{"ready": pid}` first. Configured by TESSERA_URL and TESSERA_KEY.
 */
type Command =
  | { readonly op: 'lease'; readonly project: string; readonly count?: number }
  | { readonly op: 'submit'; readonly task_id: string; readonly token: number; readonly mark?: number }
  | { readonly op: 'heartbeat'; readonly task_id: string; readonly token: number }
  | { readonly op: 'clock' };

const client = createClient({
  baseUrl: process.env.TESSERA_URL as string,
  apiKey: process.env.TESSERA_KEY as string,
  retries: 0,
});

async function execute(command: Command): Promise<unknown> {
  switch (command.op) {
    case 'lease':
      return client.leaseTasks({ project: command.project, count: command.count ?? 1 });
    case 'submit':
      return client.submitAnnotation({
        task_id: command.task_id,
        token: command.token,
        annotations: markedBox(command.mark ?? 0),
      });
    case 'heartbeat':
      return client.heartbeat({ task_id: command.task_id, token: command.token });
    case 'clock':
      return { now: Date.now() };
  }
}

async function answer(line: string): Promise<string> {
  try {
    return JSON.stringify({ ok: true, body: await execute(JSON.parse(line) as Command) });
  } catch (error) {
    if (error instanceof TesseraApiError) {
      return JSON.stringify({ ok: false, status: error.status, code: error.code });
    }
    return JSON.stringify({ ok: false, status: 0, code: (error as Error).message });
  }
}

process.stdout.write(`${JSON.stringify({ ready: process.pid })}\n`);
const lines = createInterface({ input: process.stdin });
let chain = Promise.resolve();
lines.on('line', (line) => {
  chain = chain.then(async () => {
    process.stdout.write(`${await answer(line)}\n`);
  });
});
lines.on('close', () => {
  void chain.then(() => process.exit(0));
});
