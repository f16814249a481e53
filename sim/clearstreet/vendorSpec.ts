import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { createOpenApiContract } from '../shared/openApiContract';
import type { OpenApiContract, OpenApiDocument } from '../shared/openApiContract';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Clear Street's own OpenAPI file lives beside the repository, never inside it: contract tests skip where it is absent. */
export const CLEAR_STREET_SPEC_PATH = path.resolve(REPO_ROOT, '..', 'shared', 'specs', 'clear-street-trading-openapi.yml');

export function clearStreetSpecPresent(): boolean {
  return existsSync(CLEAR_STREET_SPEC_PATH);
}

export function loadClearStreetContract(): OpenApiContract {
  return createOpenApiContract(parse(readFileSync(CLEAR_STREET_SPEC_PATH, 'utf8')) as OpenApiDocument, 'clear-street-trading-openapi.json');
}
