// Runs file scans in parallel: worker threads when the built worker script is present (dist/), else
// in this thread with overlapping I/O. Results come back in input order either way.
import { existsSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'
import { scanFile, type FileResult, type FileTask } from './file.js'

/** Options of {@link createPool}. */
export interface PoolOptions {
  allow: readonly string[]
  /** Worker threads to use; 1 scans in this thread. @default os.availableParallelism() */
  jobs?: number
  /** Built worker entry (`audit-worker.js`); found next to the bundle when omitted, `false` disables workers. */
  workerScript?: string | URL | false
  /** Called after each file. */
  onProgress?: (done: number, total: number) => void
}

/** Below this many files, starting a worker (~50 ms of CPU before it scans its first file) costs more than it saves. */
export const MIN_FILES_FOR_WORKERS = 500
const BATCH = 64

/** Worker threads that may be started before the files are known, then scan them with this thread. */
export interface Pool {
  /**
   * Start the workers now (when jobs > 1 and the worker script exists), so their start-up overlaps what this
   * thread does next (walking the rest of the tree). Idempotent.
   */
  start(): void
  /** Scan files in the started workers and this thread, or in this thread alone if none were started. */
  scan(files: readonly FileTask[]): Promise<FileResult[]>
}

/** A {@link Pool} for these options; no thread is started until {@link Pool.start}. */
export function createPool(options: PoolOptions): Pool {
  const jobs = Math.max(1, options.jobs ?? availableParallelism())
  let workers: Started[] | undefined
  return {
    start() {
      if (workers || jobs < 2) return
      const script = options.workerScript === false ? undefined : (options.workerScript ?? findWorkerScript())
      if (!script) return
      workers = Array.from({ length: jobs - 1 }, () => {
        const started: Started = { worker: new Worker(script, { workerData: { allow: [...options.allow] } }) }
        // Until scan() listens, remember how a worker ended: an 'error' nobody listens to would be thrown.
        started.worker.once('error', (error) => (started.ended ??= error))
        started.worker.once('exit', (code) => (started.ended ??= new Error(`audit worker stopped (exit code ${code})`)))
        return started
      })
    },
    async scan(files) {
      if (!workers) return inThread(files, options)
      try {
        return await inWorkers(files, options, workers)
      } finally {
        await Promise.all(workers.map((w) => w.worker.terminate()))
      }
    },
  }
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

/** A started worker, and how it ended if it did before its lane listened. */
interface Started {
  worker: Worker
  ended?: Error
}

interface BatchReply {
  start: number
  results: FileResult[]
}

/**
 * The workers plus this thread pull 64-file batches from one queue. This thread works too, so the rest of a
 * worker's start-up is not dead time; each worker keeps two batches in flight so it never waits for this
 * thread to hand out the next one.
 */
async function inWorkers(files: readonly FileTask[], options: PoolOptions, workers: readonly Started[]): Promise<FileResult[]> {
  const results: FileResult[] = new Array<FileResult>(files.length)
  let next = 0
  let done = 0
  const take = (): number | undefined => {
    if (next >= files.length) return undefined
    const start = next
    next += BATCH
    return start
  }
  const record = (start: number, batch: readonly FileResult[]): void => {
    batch.forEach((r, i) => (results[start + i] = r))
    done += batch.length
    options.onProgress?.(done, files.length)
  }
  const workerLane = ({ worker, ended }: Started): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      if (ended) return reject(ended)
      let inFlight = 0
      const send = (): void => {
        const start = take()
        if (start === undefined) {
          if (inFlight === 0) resolve()
          return
        }
        inFlight++
        worker.postMessage({ start, files: files.slice(start, start + BATCH) })
      }
      worker.on('message', (reply: BatchReply) => {
        inFlight--
        record(reply.start, reply.results)
        send()
      })
      worker.once('error', reject)
      worker.once('exit', (code) => (inFlight > 0 ? reject(new Error(`audit worker stopped (exit code ${code})`)) : resolve()))
      send()
      send()
    })
  const ownLane = async (): Promise<void> => {
    for (let start = take(); start !== undefined; start = take()) {
      const batch: FileResult[] = []
      for (const file of files.slice(start, start + BATCH)) batch.push(await scanFile(file, options.allow))
      record(start, batch)
      // Let worker replies in between batches, so they get their next batch without waiting for us.
      await new Promise((r) => setImmediate(r))
    }
  }
  await Promise.all([ownLane(), ...workers.map(workerLane)])
  return results
}
