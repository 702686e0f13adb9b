// Runs file scans in parallel: worker threads when the built worker script is present (dist/), else
// in this thread with overlapping I/O. Results come back in input order either way.
import { existsSync } from 'node:fs'
import { availableParallelism, cpus, loadavg } from 'node:os'
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'
import { scanFile, type FileResult, type FileTask } from './file.js'

/** Options of {@link createPool}. */
export interface PoolOptions {
  allow: readonly string[]
  /** Threads to use (this one included); 1 scans in this thread. @default {@link defaultJobs} */
  jobs?: number
  /** Built worker entry (`audit-worker.js`); found next to the bundle when omitted, `false` disables workers. */
  workerScript?: string | URL | false
  /** Called after each file. */
  onProgress?: (done: number, total: number) => void
}

/** Below this many files, starting a worker (~50 ms of CPU before it scans its first file) costs more than it saves. */
export const MIN_FILES_FOR_WORKERS = 500
const BATCH = 64
/**
 * Batches per worker handed over while this thread is still walking (it cannot hear replies then): enough to
 * keep a started worker busy until the walk ends, few enough that the rest is shared out as usual.
 */
const EARLY_BATCHES = 3

/** Worker threads that may start before all files are known, then scan them with this thread. */
export interface Pool {
  /**
   * Start the workers now (when jobs > 1 and the worker script exists), so their start-up overlaps what this
   * thread does next (walking the rest of the tree). Idempotent.
   */
  start(): void
  /** A file found while walking: started workers may begin on it before {@link Pool.scan}. */
  offer(task: FileTask): void
  /** Scan files (offered or not) in the started workers and this thread, or in this thread alone; then stop the workers. */
  scan(files: readonly FileTask[]): Promise<FileResult[]>
  /** Stop the workers without scanning (the walk failed). */
  close(): Promise<void>
}

/** A started worker and the batches it has not answered yet. */
interface Lane {
  worker: Worker
  batches: Map<number, readonly FileTask[]>
  failed?: Error
  exited?: number
  /** Called after each reply, error or exit: scan() hands out the next batch or settles. */
  changed?: (() => void) | undefined
}

interface BatchReply {
  start: number
  results: FileResult[]
}

/**
 * A {@link Pool} for these options; no thread is started until {@link Pool.start}. The workers plus this thread
 * pull 64-file batches from one queue. This thread works too, so no core waits for the rest of a worker's
 * start-up; each worker keeps two batches in flight so it never waits for this thread to hand out the next one.
 * Results are kept by path and come back in the order scan() was given.
 */
export function createPool(options: PoolOptions): Pool {
  const jobs = Math.max(1, options.jobs ?? defaultJobs())
  let lanes: Lane[] | undefined
  const results = new Map<string, FileResult>()
  const sentEarly = new Set<string>()
  let offered: FileTask[] = []
  let early = 0
  let nextBatch = 0
  let onResult: (() => void) | undefined

  const post = (lane: Lane, batch: readonly FileTask[]): void => {
    const id = nextBatch++
    lane.batches.set(id, batch)
    lane.worker.postMessage({ start: id, files: batch })
  }
  const stop = async (): Promise<void> => {
    const stopping = lanes ?? []
    for (const lane of stopping) lane.changed = undefined
    await Promise.all(stopping.map((lane) => lane.worker.terminate()))
  }

  return {
    start() {
      if (lanes || jobs < 2) return
      const script = options.workerScript === false ? undefined : (options.workerScript ?? findWorkerScript())
      if (!script) return
      lanes = Array.from({ length: jobs - 1 }, () => {
        const lane: Lane = { worker: new Worker(script, { workerData: { allow: [...options.allow] } }), batches: new Map() }
        lane.worker.on('message', (reply: BatchReply) => {
          const batch = lane.batches.get(reply.start) ?? []
          lane.batches.delete(reply.start)
          reply.results.forEach((r, i) => results.set((batch[i] as FileTask).path, r))
          onResult?.()
          lane.changed?.()
        })
        // Listened to from the start: an 'error' nobody listens to would be thrown.
        lane.worker.once('error', (error) => {
          lane.failed ??= error
          lane.changed?.()
        })
        lane.worker.once('exit', (code) => {
          lane.exited = code
          lane.changed?.()
        })
        return lane
      })
    },
    offer(task) {
      if (!lanes || early >= EARLY_BATCHES * lanes.length) return
      offered.push(task)
      if (offered.length < BATCH) return
      const lane = lanes[early % lanes.length] as Lane
      for (const t of offered) sentEarly.add(t.path)
      post(lane, offered)
      offered = []
      early++
    },
    async scan(files) {
      if (!lanes) return inThread(files, options)
      const started = lanes
      try {
        const queue = sentEarly.size ? files.filter((f) => !sentEarly.has(f.path)) : files
        let next = 0
        const take = (): readonly FileTask[] | undefined => {
          if (next >= queue.length) return undefined
          next += BATCH
          return queue.slice(next - BATCH, next)
        }
        onResult = () => options.onProgress?.(results.size, files.length)
        const workerLane = (lane: Lane): Promise<void> =>
          new Promise<void>((resolve, reject) => {
            lane.changed = () => {
              if (lane.failed) return reject(lane.failed)
              if (lane.exited !== undefined) return lane.batches.size ? reject(new Error(`audit worker stopped (exit code ${lane.exited})`)) : resolve()
              while (lane.batches.size < 2) {
                const batch = take()
                if (!batch) break
                post(lane, batch)
              }
              if (lane.batches.size === 0) resolve()
            }
            lane.changed()
          })
        const ownLane = async (): Promise<void> => {
          for (let batch = take(); batch; batch = take()) {
            for (const file of batch) results.set(file.path, await scanFile(file, options.allow))
            onResult?.()
            // Let worker replies in between batches, so they get their next batch without waiting for us.
            await new Promise((r) => setImmediate(r))
          }
        }
        await Promise.all([ownLane(), ...started.map(workerLane)])
        return files.map((f) => results.get(f.path) as FileResult)
      } finally {
        onResult = undefined
        await stop()
      }
    },
    close: stop,
  }
}

/**
 * Threads for the cores that are idle: a worker only pays on a free core. On a busy machine (other builds, a
 * browser test next door) it competes with this thread for the same one and costs its start-up on top
 * (measured on the bench's 2 cores at load 6: 3.0 s with a worker, 1.6 s without). The 1-minute load
 * average is what the system offers; where it reads 0 (Windows), every core counts as idle.
 */
export function defaultJobs(): number {
  const idle = cpus().length - (loadavg()[0] ?? 0)
  return Math.max(1, Math.min(availableParallelism(), 1 + Math.floor(idle)))
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
