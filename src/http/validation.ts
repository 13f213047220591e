import { Ajv, type Options } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { FastifySchemaCompiler } from 'fastify';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

const common: Options = { useDefaults: true, allErrors: false, strict: false };

// Query strings and path params are text on the wire, so they are coerced ("20" → 20).
// JSON bodies are not: {"limit": "20"} is a wrong type and is refused. Unknown body fields are
// refused too (schemas say additionalProperties: false) rather than silently dropped.
const coercing = addFormats(new Ajv({ ...common, coerceTypes: 'array' }));
const exact = addFormats(new Ajv({ ...common, coerceTypes: false }));

export const validatorCompiler: FastifySchemaCompiler<object> = ({ schema, httpPart }) =>
  (httpPart === 'body' ? exact : coercing).compile(schema);
