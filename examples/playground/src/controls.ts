import { lossRegistry } from '@saddle/losses';
import { ACTIVATIONS, BACKENDS, DATA_KINDS, METHODS, PENALTIES, PLAYER_OPTIMIZERS, THEORY_RANGES, type PlaygroundState } from './state.js';

type Field = keyof PlaygroundState;

const CHOICES: Partial<Record<Field, readonly string[]>> = {
  data: DATA_KINDS,
  loss: Object.keys(lossRegistry),
  penalty: PENALTIES,
  method: METHODS,
  playerOptimizer: PLAYER_OPTIMIZERS,
  activation: ACTIVATIONS,
  backend: BACKENDS,
};
const LISTS: readonly Field[] = ['generatorWidths', 'discriminatorWidths'];

function control(field: Field): HTMLInputElement | HTMLSelectElement {
  const element = document.querySelector<HTMLInputElement | HTMLSelectElement>(`[name="${field}"]`);
  if (element === null) throw new Error(`index.html has no control named ${field}`);
  return element;
}

/** Fills the selects from the registries and sets the sliders' ranges (once). */
export function setUpControls(): void {
  for (const [field, options] of Object.entries(CHOICES)) {
    const select = control(field as Field) as HTMLSelectElement;
    select.replaceChildren(...options.map((o) => new Option(o, o)));
  }
  for (const [field, [min, max]] of Object.entries(THEORY_RANGES)) {
    const slider = control(field as Field) as HTMLInputElement;
    slider.min = String(min);
    slider.max = String(max);
  }
}

/** Shows a state in the controls (drawn points live outside the form). */
export function writeControls(state: PlaygroundState): void {
  for (const field of Object.keys(state) as Field[]) {
    if (field === 'points') continue;
    const value = state[field];
    control(field).value = Array.isArray(value) ? value.join(',') : String(value);
    const output = document.querySelector<HTMLOutputElement>(`output[for="${field}"]`);
    if (output !== null) output.value = String(value);
  }
}

/**
 * The state the controls show: the one source of the URL. Numbers are read with `Number`, lists
 * split on commas; whatever the hash codec refuses is reported when the URL is read back.
 */
export function readControls(points: readonly number[]): Record<keyof PlaygroundState, unknown> {
  const state: Record<string, unknown> = { points };
  for (const element of document.querySelectorAll<HTMLInputElement | HTMLSelectElement>('[name]')) {
    const field = element.name as Field;
    if (field in CHOICES) state[field] = element.value;
    else if (LISTS.includes(field)) state[field] = element.value.split(',').map((w) => Number(w.trim()));
    else state[field] = Number(element.value);
  }
  return state as Record<keyof PlaygroundState, unknown>;
}
