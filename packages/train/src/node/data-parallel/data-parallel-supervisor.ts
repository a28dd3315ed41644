// The data-parallel supervisor thread: it starts the compute workers and watches them. The main
// thread blocks in Atomics.wait while workers compute, so it cannot hear a worker's 'exit' or
// 'error' event; this thread can, and turns one into the FAILED control word, a description on
// the failure port, and a wake-up of the main thread. Terminating it stops its workers.
import { Worker, workerData, type MessagePort } from 'node:worker_threads';
import { DONE, FAILED } from './protocol.js';

interface SupervisorData {
  readonly entry: string;
  readonly ports: readonly MessagePort[];
  readonly failurePort: MessagePort;
  readonly control: SharedArrayBuffer;
  readonly execArgv: readonly string[] | undefined;
  readonly shared: unknown;
}

const { entry, ports, failurePort, control, execArgv, shared } = workerData as SupervisorData;
const words = new Int32Array(control);

const fail = (index: number, reason: string): void => {
  if (Atomics.load(words, FAILED) !== 0) return;
  failurePort.postMessage({ index, reason });
  Atomics.store(words, FAILED, index + 1);
  Atomics.notify(words, DONE);
};

ports.forEach((port, index) => {
  const worker = new Worker(new URL(entry), {
    workerData: { port, index, control, shared },
    transferList: [port],
    ...(execArgv === undefined ? {} : { execArgv: [...execArgv] }),
  });
  worker.on('error', (error) => fail(index, `threw ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`));
  worker.on('exit', (code) => fail(index, `exited with code ${code}`));
});
