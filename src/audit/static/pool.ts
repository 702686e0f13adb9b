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
  /**
   * Threads to use (this one included); 1 scans in this thread. Given, the workers start as soon as
   * {@link Pool.start} is called. @default {@link defaultJobs}, started only once the work is seen to need them
   * (see `startWorkers`)
   */
  jobs?: number
  /** Built worker entry (`audit-worker.js`); found next to the bundle when omitted, `false` disables workers. */
  workerScript?: string | URL | false
  /** Called after each file. */
  onProgress?: (done: number, total: number) => void
  /**
   * When workers start: `'told'` at {@link Pool.start}, `'needed'` once {@link workersPay} says so during the scan.
   * @default 'told' when `jobs` is given, else 'needed'
   */
  startWorkers?: 'told' | 'needed' | { sampleMs: number; payAboveMs: number }
}

/** Below this many files, starting a worker (~50 ms of CPU before it scans its first file) costs more than it saves. */
export const MIN_FILES_FOR_WORKERS = 500
/**
 * With the default thread count, workers start only when this thread, having scanned for {@link SAMPLE_MS},
 * projects more than this much work left. A worker costs far more than its start-up: it compiles and warms up
 * the scanner from cold and keeps its own memos (on the bench's 2 cores: 0.5 CPU-s for 3,000 mixed files). It
 * paid on 3,000 built pages (60 MB, 1.1 s of scanning) and lost on 3,000 mixed source files (21 MB, 0.7 s).
 */
export const WORKERS_PAY_ABOVE_MS = 900
/** Scanning time after which the projection is trusted (a few batches: the first files also warm the JIT up). */
const SAMPLE_MS = 60

/**
 * Do workers pay, now that this thread has scanned `done` files in `spentMs`, with `left` files to go? True when
 * the scan has run long enough to trust its rate and the work left at that rate exceeds `payAboveMs`.
 *
 * @example workersPay(100, 500, 5000) // true: 1,000 ms left at 0.2 ms a file
 */
export function workersPay(spentMs: number, done: number, left: number, sampleMs = SAMPLE_MS, payAboveMs = WORKERS_PAY_ABOVE_MS): boolean {
  return done > 0 && spentMs >= sampleMs && (left * spentMs) / done > payAboveMs
}
const BATCH = 64
/**
 * Batches per worker handed over while this thread is still walking (it cannot hear replies then): enough to
 * keep a started worker busy until the walk ends, few enough that the rest is shared out as usual.
 */
const EARLY_BATCHES = 3

/** Worker threads that may start before all files are known, then scan them with this thread. */
export interface Pool {
  /**
   * Start the workers now (when jobs > 1 were asked for and the worker script exists), so their start-up overlaps
   * what this thread does next (walking the rest of the tree); with the default thread count this does nothing
   * and {@link Pool.scan} starts them once the work is seen to need them. Idempotent.
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
  // Jobs asked for start when told; the default waits until the work is seen to need them.
  const when = options.startWorkers ?? (options.jobs !== undefined ? 'told' : 'needed')
  const asked = when === 'told'
  const { sampleMs, payAboveMs } = typeof when === 'object' ? when : { sampleMs: SAMPLE_MS, payAboveMs: WORKERS_PAY_ABOVE_MS }
  let lanes: Lane[] | undefined
  let noScript = false
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

  const launch = (): void => {
    if (lanes || jobs < 2 || noScript) return
    const script = options.workerScript === false ? undefined : (options.workerScript ?? findWorkerScript())
    if (!script) {
      noScript = true
      return
    }
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
  }

  return {
    start() {
      if (asked) launch()
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
      if (!lanes && (asked || jobs < 2 || noScript)) return inThread(files, options)
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
        const workers: Promise<void>[] = []
        // Awaited once this thread is done; handled from the start, so a worker failing meanwhile is not unhandled.
        const watch = (started: Lane[]): void => {
          for (const lane of started) {
            const run = workerLane(lane)
            run.catch(() => {})
            workers.push(run)
          }
        }
        watch(lanes ?? [])
        const began = performance.now()
        const ownLane = async (): Promise<void> => {
          for (let batch = take(); batch; batch = take()) {
            for (const file of batch) results.set(file.path, await scanFile(file, options.allow))
            onResult?.()
            if (!lanes) {
              // Default thread count: start the workers once the work left is seen to need them.
              if (workersPay(performance.now() - began, next, queue.length - next, sampleMs, payAboveMs)) {
                launch()
                watch(lanes ?? [])
              }
              if (!lanes) continue
            }
            // Let worker replies in between batches, so they get their next batch without waiting for us.
            await new Promise((r) => setImmediate(r))
          }
        }
        await ownLane()
        // Workers started late are in the list by now: this thread found the queue empty after starting them.
        await Promise.all(workers)
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
