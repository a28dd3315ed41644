// The page: controls ⇄ state ⇄ URL hash, one training worker per run, and the views.
import './style.css';
import { DRAWN_PLANE } from './build-run.js';
import { readControls, setUpControls, writeControls } from './controls.js';
import type { Frame, FromWorker, ToWorker } from './messages.js';
import { EVALUATION } from './messages.js';
import { formatHash, parseHash, roundCoordinate, type PlaygroundState, type StateIssue } from './state.js';
import { renderLandscape, renderPhaseDiagram, renderSolvableGan } from './theory.js';
import { drawDataView } from './views/data-view.js';
import { LossChart } from './views/loss-chart.js';
import { fromPixel, type Plane } from './views/plane.js';
import { drawTransportView } from './views/transport-view.js';

/** Fields that only change the theory panels or the frame rate: no new run. */
const LIVE_FIELDS: readonly (keyof PlaygroundState)[] = ['stepsPerFrame', 'eta', 'tau', 'tauTilde', 'landscapeY1'];
const THEORY_FIELDS: readonly (keyof PlaygroundState)[] = ['eta', 'tau', 'tauTilde', 'landscapeY1'];

const byId = <T extends HTMLElement>(id: string): T => {
  const element = document.getElementById(id);
  if (element === null) throw new Error(`index.html has no #${id}`);
  return element as T;
};
const dataCanvas = byId<HTMLCanvasElement>('view-data');
const transportCanvas = byId<HTMLCanvasElement>('view-transport');
const lossChart = new LossChart(byId<HTMLCanvasElement>('view-loss'));
const playButton = byId<HTMLButtonElement>('play');

interface RunView {
  readonly ready: Extract<FromWorker, { type: 'ready' }>;
  frame: Frame | undefined;
}

let state: PlaygroundState;
let points: number[] = [];
let worker: Worker | undefined;
let runs = 0;
let startedAt = 0;
let playing = false;
let view: RunView | undefined;
let drawPending = false;
let runIssues: StateIssue[] = [];
let urlIssues: StateIssue[] = [];

function setText(id: string, text: string, data: Record<string, string> = {}): void {
  const element = byId(id);
  element.textContent = text;
  Object.assign(element.dataset, data);
}

function showIssues(): void {
  const list = byId<HTMLUListElement>('issues');
  list.replaceChildren(
    ...[...urlIssues, ...runIssues].map((issue) => {
      const item = document.createElement('li');
      item.textContent = `${issue.field}: ${issue.value === '' ? '(empty)' : issue.value} — ${issue.fix}`;
      return item;
    }),
  );
}

/** The state the controls show, through the hash codec (refused values fall back and are reported). */
function stateFromControls(): { state: PlaygroundState; issues: StateIssue[] } {
  return parseHash(formatHash(readControls(points) as unknown as PlaygroundState));
}

function writeUrl(): void {
  history.replaceState(null, '', formatHash(state));
}

function setPlaying(next: boolean): void {
  playing = next;
  playButton.textContent = next ? 'Pause' : 'Play';
  send({ type: next ? 'play' : 'pause' });
}

function send(message: ToWorker): void {
  worker?.postMessage(message);
}

/** A new run from the current state: a fresh worker, so reset with the same seed replays exactly. */
function startRun(): void {
  worker?.terminate();
  view = undefined;
  runIssues = [];
  showIssues();
  lossChart.clear();
  playing = false;
  playButton.textContent = 'Play';
  for (const id of ['status-step', 'status-modes', 'status-quality', 'status-rate', 'status-losses', 'status-backend', 'status-parameters', 'status-ready', 'status-first-step']) {
    const element = byId(id);
    element.textContent = '–';
    for (const key of Object.keys(element.dataset)) delete element.dataset[key];
  }
  // The first run counts from navigation start (page load included), later ones from the click.
  startedAt = runs === 0 ? 0 : performance.now();
  runs += 1;
  worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
  worker.onmessage = (event: MessageEvent<FromWorker>) => receive(event.data);
  worker.onerror = (event) => {
    runIssues.push({ field: 'worker', value: state.backend, fix: event.message });
    showIssues();
  };
  send({ type: 'start', state, wasmBase: new URL('tfjs-wasm/', document.baseURI).href });
  scheduleDraw();
}

function receive(message: FromWorker): void {
  if (message.type === 'ready') {
    view = { ready: message, frame: undefined };
    const ms = Math.round(performance.now() - startedAt);
    setText('status-ready', `${ms} ms`, { ms: String(ms) });
    setText('status-backend', message.backend, { backend: message.backend });
    setText('status-parameters', `${message.parameterCount.generator} / ${message.parameterCount.discriminator}`);
  } else if (message.type === 'frame') {
    if (view === undefined) return;
    const { frame } = message;
    view.frame = frame;
    lossChart.push(frame.steps, frame.lossD, frame.lossG);
    const modes = view.ready.centers.length;
    setText('status-step', String(frame.step), { step: String(frame.step) });
    setText('status-modes', `${frame.modesCovered} / ${modes}`, { covered: String(frame.modesCovered), modes: String(modes) });
    setText('status-quality', `${(100 * frame.highQualityFraction).toFixed(1)} % within ${EVALUATION.radiusInStd}σ`);
    if (frame.stepsPerSecond > 0) setText('status-rate', frame.stepsPerSecond.toFixed(0));
    const last = frame.lossD.length - 1;
    if (last >= 0) {
      const [lossD, lossG] = [frame.lossD[last] as number, frame.lossG[last] as number];
      setText('status-losses', `${lossD.toFixed(4)} / ${lossG.toFixed(4)}`, { lossD: String(lossD), lossG: String(lossG) });
    }
    scheduleDraw();
  } else if (message.type === 'first-step') {
    const ms = Math.round(message.milliseconds);
    setText('status-first-step', `${ms} ms`, { ms: String(ms) });
  } else {
    runIssues.push({ field: message.field ?? 'run', value: message.message, fix: message.fix ?? 'change the settings and try again' });
    showIssues();
  }
}

function currentPlane(): Plane {
  return view === undefined ? DRAWN_PLANE : view.ready;
}

function scheduleDraw(): void {
  if (drawPending) return;
  drawPending = true;
  requestAnimationFrame(() => {
    drawPending = false;
    const plane = currentPlane();
    const radius = EVALUATION.radiusInStd * (view?.ready.std ?? state.std);
    if (view === undefined) {
      const drawn = Float32Array.from(points);
      const centers = Array.from({ length: points.length / 2 }, (_, i) => [points[2 * i] as number, points[2 * i + 1] as number] as const);
      drawDataView(dataCanvas, { plane, dimension: 2, real: state.data === 'drawn' ? drawn : new Float32Array(0), generated: undefined, heat: undefined, centers: state.data === 'drawn' ? centers : [], radius });
      drawTransportView(transportCanvas, plane, 2, new Float32Array(0), undefined);
      return;
    }
    const { ready, frame } = view;
    drawDataView(dataCanvas, { plane, dimension: ready.dimension, real: ready.real, generated: frame?.generated, heat: frame?.heat, centers: ready.centers, radius });
    drawTransportView(transportCanvas, plane, ready.dimension, ready.real, frame?.transport);
  });
}

let theoryPending = false;
/** Redraws the theory panels once per animation frame (an ODE solve can take a few hundred ms). */
function renderTheory(): void {
  if (theoryPending) return;
  theoryPending = true;
  requestAnimationFrame(() => {
    theoryPending = false;
    renderSolvableGan(state, byId('theory-ode'), byId('theory-phase'));
    renderPhaseDiagram(state, byId('theory-phase-diagram'));
    renderLandscape(state, byId('theory-landscape'));
  });
}

/** Shows a state (from a link or the controls), writes the URL from the controls, and starts a run. */
function load(next: PlaygroundState, issues: StateIssue[]): void {
  points = [...next.points];
  writeControls(next);
  const fromControls = stateFromControls();
  state = fromControls.state;
  urlIssues = [...issues, ...fromControls.issues];
  showIssues();
  writeUrl();
  renderTheory();
  startRun();
}

/** A control changed: update the URL, then restart the run or only what the field affects. */
function onControlsChanged(): void {
  const previous = state;
  const next = stateFromControls();
  state = next.state;
  urlIssues = next.issues;
  if (next.issues.length > 0) writeControls(state);
  showIssues();
  writeUrl();
  const changed = (Object.keys(state) as (keyof PlaygroundState)[]).filter((k) => String(state[k]) !== String(previous[k]));
  for (const field of THEORY_FIELDS) {
    const output = document.querySelector<HTMLOutputElement>(`output[for="${field}"]`);
    if (output !== null) output.value = String(state[field]);
  }
  if (changed.some((k) => THEORY_FIELDS.includes(k))) renderTheory();
  if (changed.includes('stepsPerFrame')) send({ type: 'stepsPerFrame', value: state.stepsPerFrame });
  if (changed.some((k) => !LIVE_FIELDS.includes(k))) startRun();
}

setUpControls();
document.addEventListener('change', (event) => {
  if ((event.target as HTMLElement).closest('[name]') !== null) onControlsChanged();
});
for (const slider of document.querySelectorAll<HTMLInputElement>('input[type="range"]')) slider.addEventListener('input', onControlsChanged);
playButton.addEventListener('click', () => setPlaying(!playing));
byId('step').addEventListener('click', () => {
  if (playing) setPlaying(false);
  send({ type: 'step' });
});
byId('reset').addEventListener('click', startRun);
byId('clear-points').addEventListener('click', () => {
  points = [];
  onControlsChanged();
});
dataCanvas.addEventListener('click', (event) => {
  if (state.data !== 'drawn') return;
  const box = dataCanvas.getBoundingClientRect();
  const px = ((event.clientX - box.left) * dataCanvas.width) / box.width;
  const py = ((event.clientY - box.top) * dataCanvas.height) / box.height;
  const [x, y] = fromPixel(dataCanvas, DRAWN_PLANE, px, py);
  points = [...points, roundCoordinate(x), roundCoordinate(y)];
  onControlsChanged();
});
window.addEventListener('hashchange', () => {
  if (location.hash === formatHash(state)) return;
  const { state: next, issues } = parseHash(location.hash);
  load(next, issues);
});

const initial = parseHash(location.hash);
load(initial.state, initial.issues);

// Offline: the build's service worker caches every file of the app (see build/offline-assets.ts).
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  navigator.serviceWorker.register('./sw.js').catch((error: unknown) => {
    urlIssues.push({ field: 'offline', value: 'service worker', fix: `not registered (${String(error)}); the app still works online` });
    showIssues();
  });
}
