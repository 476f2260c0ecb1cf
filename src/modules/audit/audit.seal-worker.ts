// The audit sealer's own thread (see audit.sealer.ts): its own connection, its own timer, so
// hashing thousands of rows a second after a deadline rush never holds up the API's event loop.
import { parentPort, workerData } from 'node:worker_threads';
import { createDatabase } from '../../db/client.js';
import { sealAllPending } from './audit.service.js';

export interface SealWorkerOptions {
  databaseUrl: string;
  intervalMs: number;
  batchSize: number;
}

/** What the worker tells the API thread: sealing failed (logged there; the next tick retries). */
export interface SealWorkerMessage {
  type: 'error';
  message: string;
}

const port = parentPort!;
const { databaseUrl, intervalMs, batchSize } = workerData as SealWorkerOptions;
const database = await createDatabase({ databaseUrl, poolSize: 1 });
let running: Promise<void> | undefined;

const timer = setInterval(() => {
  if (running) return;
  running = sealAllPending(database.db, { limit: batchSize, wait: false })
    .then(
      () => undefined,
      (err: unknown) => port.postMessage({ type: 'error', message: err instanceof Error ? err.message : String(err) } satisfies SealWorkerMessage),
    )
    .finally(() => {
      running = undefined;
    });
}, intervalMs);

port.on('message', (message) => {
  if (message !== 'stop') return;
  clearInterval(timer);
  // Let a pass in progress commit, then close the connection; the thread then ends by itself.
  void (async () => {
    await running;
    await database.close();
    port.close();
  })();
});
