import { v7 } from 'uuid';

/** Opaque, time-ordered ids: new rows land at the end of their indexes. */
export function newId(): string {
  return v7();
}

export function pairKey(a: string, b: string): string {
  return a < b ? `${a}:${b}` : `${b}:${a}`;
}
