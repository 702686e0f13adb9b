// Runs file scans in parallel: worker threads when the built worker script is present (dist/), else
// in this thread with overlapping I/O. Results come back in input order either way.
import { existsSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'
import { scanFile, type FileResult, type FileTask } from './file.js'

/** Options of {@link scanFiles}. */
export interface PoolOptions {
  allow: readonly string[]
  /** Worker threads to use; 1 scans in this thread. @default os.availableParallelism() */
  jobs?: number
  /** Built worker entry (`audit-worker.js`); found next to the bundle when omitted, `false` disables workers. */
  workerScript?: string | URL | false
  /** Called after each file. */
  onProgress?: (done: number, total: number) => void
}

/** Below this many files, starting workers (≈100 ms each) costs more than it saves. */
const MIN_FILES_FOR_WORKERS = 200
const BATCH = 64

/** Scan files; one result per file, in the same order. */
export async function scanFiles(files: readonly FileTask[], options: PoolOptions): Promise<FileResult[]> {
  const jobs = Math.max(1, options.jobs ?? availableParallelism())
  const script = options.workerScript === false ? undefined : (options.workerScript ?? findWorkerScript())
  if (jobs > 1 && script && files.length >= MIN_FILES_FOR_WORKERS) return inWorkers(files, options, jobs, script)
  return inThread(files, options)
}

/** The worker entry next to the running bundle (dist/ or dist/chunks/); undefined when running from sources. */
export function findWorkerScript(): URL | undefined {
  for (const candidate of ['./audit-worker.js', '../audit-worker.js']) {
    const url = new URL(candidate, import.meta.url)
    if (url.protocol === 'file:' && existsSync(fileURLToPath(url))) return url
  }
  return undefined
}

async function inThread(files: readonly FileTask[], options: PoolOptions): Promise<FileResult[]> {
  const results: FileResult[] = new Array<FileResult>(files.length)
  let next = 0
  let done = 0
  // A few reads in flight hide disk latency; parsing stays sequential on this thread anyway.
  const lane = async (): Promise<void> => {
    while (next < files.length) {
      const i = next++
      results[i] = await scanFile(files[i] as FileTask, options.allow)
      options.onProgress?.(++done, files.length)
    }
  }
  await Promise.all(Array.from({ length: Math.min(8, files.length) }, lane))
  return results
}

interface BatchReply {
  start: number
  results: FileResult[]
}

async function inWorkers(files: readonly FileTask[], options: PoolOptions, jobs: number, script: string | URL): Promise<FileResult[]> {
  const results: FileResult[] = new Array<FileResult>(files.length)
  const workers = Array.from({ length: Math.min(jobs, Math.ceil(files.length / BATCH)) }, () => new Worker(script, { workerData: { allow: [...options.allow] } }))
  let next = 0
  let done = 0
  try {
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            const send = (): void => {
              if (next >= files.length) return resolve()
              const start = next
              next += BATCH
              worker.postMessage({ start, files: files.slice(start, start + BATCH) })
            }
            worker.on('message', (reply: BatchReply) => {
              reply.results.forEach((r, i) => (results[reply.start + i] = r))
              done += reply.results.length
              options.onProgress?.(done, files.length)
              send()
            })
            worker.once('error', reject)
            worker.once('exit', (code) => (next < files.length || code !== 0 ? reject(new Error(`audit worker exited with code ${code}`)) : resolve()))
            send()
          }),
      ),
    )
  } finally {
    await Promise.all(workers.map((w) => w.terminate()))
  }
  return results
}
