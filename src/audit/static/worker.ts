// Worker-thread entry of the static audit: scans the batches of files the pool sends.
import { isMainThread, parentPort, workerData } from 'node:worker_threads'
import { scanFile, type FileTask } from './file.js'

/** Serve batches `{ start, files }` with `{ start, results }` until the pool terminates us. */
export function serveBatches(): void {
  const allow = (workerData as { allow: string[] }).allow
  parentPort?.on('message', (batch: { start: number; files: FileTask[] }) => {
    void Promise.all(batch.files.map((f) => scanFile(f, allow))).then((results) => parentPort?.postMessage({ start: batch.start, results }))
  })
}

if (!isMainThread && parentPort) serveBatches()
