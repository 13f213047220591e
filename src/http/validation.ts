import { Ajv, type Options } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { FastifyRequest, FastifySchemaCompiler } from 'fastify';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

const common: Options = { useDefaults: true, allErrors: false, strict: false };

// Query strings and path params are text on the wire, so they are coerced ("20" → 20).
// JSON bodies are not: {"limit": "20"} is a wrong type and is refused. Unknown body fields are
// refused too (schemas say additionalProperties: false) rather than silently dropped.
const coercing = addFormats(new Ajv({ ...common, coerceTypes: 'array' }));
const exact = addFormats(new Ajv({ ...common, coerceTypes: false }));

export const validatorCompiler: FastifySchemaCompiler<object> = ({ schema, httpPart }) =>
  (httpPart === 'body' ? exact : coercing).compile(schema);

/**
 * A preValidation hook that trims these top-level string fields of a JSON body, so that the
 * schema's `maxLength` (code points, as Ajv counts them) refuses exactly what the domain refuses:
 * a note's length is counted after trimming surrounding white space (design/api.md).
 */
export function trimmedBeforeValidation(...fields: string[]) {
  return async (request: FastifyRequest): Promise<void> => {
    const body: unknown = request.body;
    if (typeof body !== 'object' || body === null || Array.isArray(body)) return;
    const record = body as Record<string, unknown>;
    for (const field of fields) {
      const value = record[field];
      if (typeof value === 'string') record[field] = value.trim();
    }
  };
}
