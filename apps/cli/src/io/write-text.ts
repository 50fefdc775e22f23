/** Writes text to stdout (or another stream) and resolves once it is flushed. */
export function writeText(text: string, out: NodeJS.WritableStream = process.stdout): Promise<void> {
  return new Promise((resolve, reject) => out.write(text, (e) => (e ? reject(e) : resolve())));
}
