/**
 * The import document (O3, design/api.md "Command line"): its JSON shape, and the checks that
 * need nothing but the file itself. Everything here is pure; importNetwork.ts adds what the
 * database knows and writes.
 */
import { Ajv, type ErrorObject } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { Type, type Static } from 'typebox';
import { DomainError } from '../domain/errors.js';
import { normalizeEmail, normalizeNote, normalizeText } from '../domain/note.js';

/** Refuses an import; every problem names the record it is about, e.g. `invitations[3]`. */
export class ImportError extends Error {
  override name = 'ImportError';
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
  }
}

const Time = Type.Union([Type.String({ format: 'date-time' }), Type.Integer({ minimum: 0 })], {
  description: 'ISO-8601 date-time with a time zone, or epoch milliseconds',
});
const EmailRef = Type.String({ minLength: 1, maxLength: 320 });

const ImportSchema = Type.Object(
  {
    members: Type.Optional(
      Type.Array(
        Type.Object(
          {
            email: Type.String({ format: 'email', maxLength: 320 }),
            password: Type.String({ minLength: 8, maxLength: 200 }),
            name: Type.String({ minLength: 1, maxLength: 100 }),
            headline: Type.Optional(Type.String({ maxLength: 200 })),
            whoCanInvite: Type.Optional(
              Type.Union([Type.Literal('everyone'), Type.Literal('email_required')]),
            ),
            autoWithdrawAfterDays: Type.Optional(
              Type.Union([Type.Integer({ minimum: 1, maximum: 3650 }), Type.Null()]),
            ),
          },
          { additionalProperties: false },
        ),
      ),
    ),
    connections: Type.Optional(
      Type.Array(
        Type.Object(
          { a: EmailRef, b: EmailRef, connectedAt: Type.Optional(Time) },
          { additionalProperties: false },
        ),
      ),
    ),
    invitations: Type.Optional(
      Type.Array(
        Type.Object(
          {
            from: EmailRef,
            to: EmailRef,
            message: Type.Optional(Type.Union([Type.String({ maxLength: 5000 }), Type.Null()])),
            sentAt: Type.Optional(Time),
            status: Type.Optional(
              Type.Union([
                Type.Literal('pending'),
                Type.Literal('accepted'),
                Type.Literal('withdrawn'),
                Type.Literal('ignored'),
              ]),
            ),
            endedAt: Type.Optional(Time),
          },
          { additionalProperties: false },
        ),
      ),
    ),
    blocks: Type.Optional(
      Type.Array(Type.Object({ blocker: EmailRef, blocked: EmailRef }, { additionalProperties: false })),
    ),
  },
  { additionalProperties: false },
);

type RawDocument = Static<typeof ImportSchema>;

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
const validateShape = addFormats(new Ajv({ allErrors: true, strict: false })).compile<RawDocument>(
  ImportSchema,
);

export type ImportStatus = 'pending' | 'accepted' | 'withdrawn' | 'ignored';

/** A reference to a member by email, as written (for messages) and normalized (for matching). */
export interface EmailOf {
  written: string;
  normalized: string;
}

export interface ImportMember {
  label: string;
  email: string;
  emailNormalized: string;
  password: string;
  name: string;
  headline: string;
  whoCanInvite: 'everyone' | 'email_required';
  autoWithdrawAfterDays: number | null;
}

export interface ImportConnection {
  label: string;
  a: EmailOf;
  b: EmailOf;
  connectedAt: number;
}

export interface ImportInvitation {
  label: string;
  from: EmailOf;
  to: EmailOf;
  message: string | null;
  sentAt: number;
  status: ImportStatus;
  /** When it was accepted, withdrawn or ignored (defaults to sentAt); null while pending. */
  endedAt: number | null;
}

export interface ImportBlock {
  label: string;
  blocker: EmailOf;
  blocked: EmailOf;
}

export interface ImportDocument {
  members: ImportMember[];
  connections: ImportConnection[];
  invitations: ImportInvitation[];
  blocks: ImportBlock[];
}

const MAX_SHAPE_PROBLEMS = 10;

/** `/invitations/3/from` → `invitations[3].from`. */
function recordPath(pointer: string): string {
  const parts = pointer.split('/').slice(1);
  return parts.reduce(
    (path, part) => (/^\d+$/.test(part) ? `${path}[${part}]` : path ? `${path}.${part}` : part),
    '',
  );
}

function shapeProblem(error: ErrorObject): string {
  let path = recordPath(error.instancePath);
  if (error.keyword === 'required') path = `${path ? `${path}.` : ''}${String(error.params.missingProperty)}`;
  if (error.keyword === 'additionalProperties') {
    return `${path || 'the file'}: unknown field "${String(error.params.additionalProperty)}"`;
  }
  return `${path || 'the file'}: ${error.message ?? 'is not valid'}`;
}

function shapeProblems(errors: ErrorObject[]): string[] {
  // A union reports one error per branch; keep the first per path, which is the most telling.
  const seen = new Set<string>();
  const problems: string[] = [];
  for (const error of errors) {
    if (error.keyword === 'anyOf') continue;
    const problem = shapeProblem(error);
    const path = problem.slice(0, problem.indexOf(':'));
    if (seen.has(path)) continue;
    seen.add(path);
    problems.push(problem);
  }
  return problems.slice(0, MAX_SHAPE_PROBLEMS);
}

/**
 * Checks the shape and everything the file alone can tell (formats, note rules, times in order,
 * no self-references, unique new emails), and returns it normalized. Throws ImportError.
 */
export function parseImportDocument(raw: unknown, now: number): ImportDocument {
  if (!validateShape(raw)) throw new ImportError(shapeProblems(validateShape.errors ?? []));
  const problems: string[] = [];
  const check = <T>(label: string, work: () => T): T | undefined => {
    try {
      return work();
    } catch (error) {
      if (error instanceof DomainError || error instanceof ImportError) {
        problems.push(`${label}: ${error.message.replace(/^\/(\w+): /, '$1 ')}`);
        return undefined;
      }
      throw error;
    }
  };
  const time = (label: string, field: string, value: string | number | undefined, fallback: number) => {
    if (value === undefined) return fallback;
    const ms = typeof value === 'number' ? value : Date.parse(value);
    if (!Number.isSafeInteger(ms)) throw new ImportError([`${field} is not a valid time`]);
    if (ms > now) throw new ImportError([`${field} ${new Date(ms).toISOString()} is in the future`]);
    return ms;
  };
  const ref = (written: string): EmailOf => ({ written, normalized: normalizeEmail(written) });
  const distinct = (label: string, a: EmailOf, b: EmailOf, fields: string) => {
    if (a.normalized === b.normalized) {
      throw new ImportError([`${fields} are the same member "${a.written}"`]);
    }
    return label;
  };

  const members: ImportMember[] = [];
  const emails = new Map<string, string>();
  (raw.members ?? []).forEach((m, i) => {
    const label = `members[${i}]`;
    const member = check(label, () => {
      const emailNormalized = normalizeEmail(m.email);
      const earlier = emails.get(emailNormalized);
      if (earlier) throw new ImportError([`email "${m.email}" is already used by ${earlier}`]);
      emails.set(emailNormalized, label);
      return {
        label,
        email: m.email.trim(),
        emailNormalized,
        password: m.password,
        name: normalizeText(m.name, '/name', { min: 1, max: 100 }),
        headline: normalizeText(m.headline ?? '', '/headline', { min: 0, max: 200 }),
        whoCanInvite: m.whoCanInvite ?? 'everyone',
        autoWithdrawAfterDays: m.autoWithdrawAfterDays ?? null,
      } satisfies ImportMember;
    });
    if (member) members.push(member);
  });

  const connections: ImportConnection[] = [];
  (raw.connections ?? []).forEach((c, i) => {
    const label = `connections[${i}]`;
    const connection = check(label, () => ({
      label: distinct(label, ref(c.a), ref(c.b), 'a and b'),
      a: ref(c.a),
      b: ref(c.b),
      connectedAt: time(label, 'connectedAt', c.connectedAt, now),
    }));
    if (connection) connections.push(connection);
  });

  const invitations: ImportInvitation[] = [];
  (raw.invitations ?? []).forEach((inv, i) => {
    const label = `invitations[${i}]`;
    const invitation = check(label, (): ImportInvitation => {
      distinct(label, ref(inv.from), ref(inv.to), 'from and to');
      const status = inv.status ?? 'pending';
      const sentAt = time(label, 'sentAt', inv.sentAt, now);
      if (status === 'pending' && inv.endedAt !== undefined) {
        throw new ImportError(['endedAt is only for accepted, withdrawn or ignored invitations']);
      }
      const endedAt = status === 'pending' ? null : time(label, 'endedAt', inv.endedAt, sentAt);
      if (endedAt !== null && endedAt < sentAt) throw new ImportError(['endedAt is before sentAt']);
      return {
        label,
        from: ref(inv.from),
        to: ref(inv.to),
        message: normalizeNote(inv.message),
        sentAt,
        status,
        endedAt,
      };
    });
    if (invitation) invitations.push(invitation);
  });

  const blocks: ImportBlock[] = [];
  (raw.blocks ?? []).forEach((b, i) => {
    const label = `blocks[${i}]`;
    const block = check(label, () => ({
      label: distinct(label, ref(b.blocker), ref(b.blocked), 'blocker and blocked'),
      blocker: ref(b.blocker),
      blocked: ref(b.blocked),
    }));
    if (block) blocks.push(block);
  });

  if (problems.length > 0) throw new ImportError(problems.slice(0, MAX_SHAPE_PROBLEMS));
  return { members, connections, invitations, blocks };
}
