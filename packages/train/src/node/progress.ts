import type { TrainListener } from '../events.js';

/**
 * Where progress goes: a Node stream such as `process.stderr`, or anything with `write`.
 *
 * @example
 * ```ts
 * const lines: string[] = [];
 * const stream: ProgressStream = { write: (s) => lines.push(s), isTTY: false };
 * ```
 */
export interface ProgressStream {
  write(text: string): unknown;
  /** A terminal gets one self-updating line; anything else gets a log line per logged step. */
  readonly isTTY?: boolean;
}

const BAR_WIDTH = 24;

/**
 * Reports training progress: on a terminal a single line redrawn with `\r` (bar, step/steps,
 * losses, steps/s, ETA); elsewhere (CI logs, files) a plain line per logged step. Evaluations,
 * checkpoints and the end get their own lines, rollbacks and mode collapse a `warning:` line.
 *
 * @example
 * ```ts
 * await train({ ...options, onEvent: [run.listener, progressListener(process.stderr)] });
 * ```
 */
export function progressListener(stream: ProgressStream): TrainListener {
  const tty = stream.isTTY === true;
  let total = 0;
  let barShown = false;
  const line = (text: string): void => {
    stream.write(`${barShown ? '\r\x1b[K' : ''}${text}\n`);
    barShown = false;
  };
  return (event) => {
    switch (event.type) {
      case 'start':
        total = event.steps;
        line(`training ${event.startStep > 0 ? `steps ${event.startStep + 1}–${total}` : `${total} steps`}, batch ${event.batchSize}; parameters: G ${event.parameterCount.generator}, D ${event.parameterCount.discriminator}`);
        break;
      case 'step': {
        const fraction = event.step / total;
        const eta = formatSeconds((total - event.step) / event.stepsPerSecond);
        const numbers = `L_D ${event.lossD.toFixed(4)}  L_G ${event.lossG.toFixed(4)}  ${event.stepsPerSecond.toFixed(1)} steps/s  ETA ${eta}`;
        if (tty) {
          const filled = Math.round(fraction * BAR_WIDTH);
          stream.write(`\r\x1b[K[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}] ${event.step}/${total}  ${numbers}`);
          barShown = true;
        } else {
          line(`step ${event.step}/${total} (${Math.round(fraction * 100)}%)  ${numbers}`);
        }
        break;
      }
      case 'evaluation':
        line(`evaluation at step ${event.step}: ${Object.entries(event.metrics).map(([k, v]) => `${k} ${formatNumber(v)}`).join(', ')}`);
        break;
      case 'checkpoint':
        line(`checkpoint at step ${event.step}: ${event.location}`);
        break;
      case 'rollback':
        line(
          `warning: diverged at step ${event.step}: ${event.reason}; rolled back to step ${event.toStep} (${event.from}), ` +
            `learning rates ×${Number(event.learningRateScale.toPrecision(6))} (rollback ${event.rollbacks})`,
        );
        break;
      case 'mode-collapse':
        line(
          `warning: mode collapse at step ${event.step}: ${event.modesCovered}/${event.modes} modes covered ` +
            `(${event.reason === 'dropped' ? `down from ${event.bestModesCovered}` : 'still low'})`,
        );
        break;
      case 'end':
        line(`done: ${event.steps} steps in ${formatSeconds(event.seconds)}`);
        break;
    }
  };
}

function formatSeconds(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  const s = Math.round(seconds);
  return s < 60 ? `${s}s` : `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
}

function formatNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(4);
}
