/**
 * Guidelines as plain-text paragraphs: blank lines separate paragraphs, single newlines stay line breaks
 * inside one. The page renders the strings as text nodes, so markup in the guidelines is shown, never run.
 */
export function guidelineParagraphs(text: string): string[][] {
  const paragraphs: string[][] = [];
  let current: string[] = [];
  for (const raw of text.replaceAll('\r\n', '\n').split('\n')) {
    const line = raw.trimEnd();
    if (line.trim() === '') {
      if (current.length > 0) paragraphs.push(current);
      current = [];
    } else current.push(line);
  }
  if (current.length > 0) paragraphs.push(current);
  return paragraphs;
}
