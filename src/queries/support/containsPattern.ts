/** `%text%` for LIKE, with the person's own % _ \ taken literally (ESCAPE '\' in both dialects). */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
