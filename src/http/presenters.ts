import { Type } from 'typebox';
import type { MemberSummary } from '../domain/members.js';

/** Presenters list exactly which fields leave the server; rows are never sent as they are. */
export const MemberSchema = Type.Object({ id: Type.String(), name: Type.String(), headline: Type.String() });

/** P1: how many connections the viewer shares with the member shown, and up to three of them. */
export const MutualFields = {
  mutualConnections: Type.Integer({
    minimum: 0,
    description: 'Connections the viewer and this member share (P1)',
  }),
  mutualPreview: Type.Array(MemberSchema, {
    maxItems: 3,
    description: 'Up to three of those shared connections, to name them',
  }),
};

export function presentMutual(summary: { count: number; preview: readonly MemberSummary[] }): {
  mutualConnections: number;
  mutualPreview: { id: string; name: string; headline: string }[];
} {
  return { mutualConnections: summary.count, mutualPreview: summary.preview.map(presentMember) };
}

export function presentMember(row: MemberSummary): { id: string; name: string; headline: string } {
  return { id: row.id, name: row.name, headline: row.headline };
}

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

export function isoOrNull(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}

export const Problem = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String(),
    code: Type.String(),
    errors: Type.Optional(Type.Array(Type.Object({ path: Type.String(), message: Type.String() }))),
  },
  { description: 'An RFC 9457 problem document' },
);

/**
 * An id in a path or body. Ids are opaque: any string is accepted and one that names nothing is a
 * 404, never a 400 (src/http/problem.ts maps any invalid path parameter to 404 as well).
 */
export const OpaqueId = Type.String({ maxLength: 1000, description: 'Opaque id' });
