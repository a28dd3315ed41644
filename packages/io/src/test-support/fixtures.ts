import { readFileSync } from 'node:fs';

/** The bytes of a file under src/__fixtures__/ (committed, so tests run on a clean checkout). */
export function fixture(path: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(`../__fixtures__/${path}`, import.meta.url)));
}

/** The parsed JSON of a file under src/__fixtures__/. */
export function fixtureJson<T>(path: string): T {
  return JSON.parse(new TextDecoder().decode(fixture(path))) as T;
}
