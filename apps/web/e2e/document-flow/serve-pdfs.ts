import type { BrowserContext } from 'playwright-core';

/** Where the test's PDFs live: a same-origin path the e2e server itself does not serve. */
export const PDF_PATH = '/e2e-docs/';

/**
 * Answers the context's requests under `PDF_PATH` from `files` (by file name) inside the browser, so no PDF
 * is ever served by Tessera and no request leaves the machine; unknown names get a 404. Returns the names
 * requested so far, in order.
 */
export async function servePdfs(
  context: BrowserContext,
  files: Readonly<Record<string, Uint8Array>>,
): Promise<string[]> {
  const requested: string[] = [];
  await context.route(`**${PDF_PATH}*`, async (route) => {
    const name = new URL(route.request().url()).pathname.slice(PDF_PATH.length);
    requested.push(name);
    const body = Object.hasOwn(files, name) ? files[name] : undefined;
    if (body === undefined) {
      await route.fulfill({ status: 404, contentType: 'text/plain', body: 'no such document' });
      return;
    }
    await route.fulfill({ status: 200, contentType: 'application/pdf', body: Buffer.from(body) });
  });
  return requested;
}
