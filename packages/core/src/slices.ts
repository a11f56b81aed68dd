/**
 * Work done in slices, so that building something for a long transcript (the time index, the lines'
 * estimated sizes) is never one long task: each slice does at most a budget of work, counted in units
 * (one unit is one element visited by one pass), and the page gets to render and handle input between
 * slices. Counting units instead of reading a clock keeps a slice's size the same on any machine, and
 * lets tests check it.
 */

/** Work done in slices: `step(budget)` does at most `budget` units and says whether the work is finished. */
export interface SlicedBuild<T> {
  /** Does at most `budget` units of work (a positive integer, or Infinity for the rest at once); true once done. */
  step(budget: number): boolean
  /** Whether the work is finished. */
  readonly done: boolean
  /** What the work built; throws before it is done. */
  result(): T
}

/**
 * The budget of the slice a builder is in. A loop over `from..to` asks for its share with `take` and runs
 * its body up to the index it returns, in a tight loop; when that is short of `to`, the budget is gone and
 * the builder yields (then asks again). `inRuns` is that loop.
 */
export interface WorkMeter {
  /** The end of the next run of `from..to` this slice may do (`from` when its budget is gone); spends it. */
  take(from: number, to: number): number
}

/**
 * A pass over `0..n` in runs: `run(from, to)` does elements `from..to-1` (in a plain function, which the
 * engine optimizes as any loop, where a loop inside a generator stays slow), as far as the slice's
 * budget reaches, yielding between slices. `run` returning false ends the pass early; so does the
 * result, false.
 */
export function* inRuns(
  meter: WorkMeter,
  n: number,
  run: (from: number, to: number) => boolean | undefined,
): Generator<void, boolean, void> {
  for (let i = 0; i < n; ) {
    const stop = meter.take(i, n)
    if (stop > i && run(i, stop) === false) return false
    i = stop
    if (i < n) yield
  }
  return true
}

/**
 * Turns a generator that yields whenever its `WorkMeter` runs out into a `SlicedBuild`. With an infinite
 * budget it never yields: the one-shot build is the same code.
 */
export function slicedBuild<T>(build: (meter: WorkMeter) => Generator<void, T, void>): SlicedBuild<T> {
  let left = 0
  const meter: WorkMeter = {
    take(from, to) {
      const stop = left >= to - from ? to : from + left
      left -= stop - from
      return stop
    },
  }
  const steps = build(meter)
  let done = false
  let value: T | undefined
  return {
    step(budget) {
      if (done) return true
      if (!(budget >= 1)) throw new RangeError(`A slice's budget must be at least 1 (got ${budget}).`)
      left = budget
      const next = steps.next()
      if (next.done === true) {
        done = true
        value = next.value
      }
      return done
    },
    get done() {
      return done
    },
    result() {
      if (!done) throw new Error('The sliced build is not finished.')
      return value as T
    },
  }
}

/** Runs `run` in a later task of its own; returns the cancel. */
export type SliceScheduler = (run: () => void) => () => void

interface PostTaskScheduler {
  postTask(run: () => void, options: { priority: string; signal: AbortSignal }): Promise<unknown>
}

/**
 * The next task: `scheduler.postTask` where there is one (Chromium, Firefox: no 4 ms clamp after nested
 * timers, and tasks of the page's input and rendering go first), else `setTimeout(0)`.
 */
export const nextTask: SliceScheduler = (run) => {
  const scheduler = (globalThis as { scheduler?: Partial<PostTaskScheduler> }).scheduler
  if (typeof scheduler?.postTask === 'function' && typeof AbortController === 'function') {
    const controller = new AbortController()
    scheduler
      .postTask(run, { priority: 'user-visible', signal: controller.signal })
      // An aborted task rejects with an AbortError: that is the cancel. Anything else a slice threw is
      // reported as an unhandled rejection, as a timer's exception would be.
      .catch((error: unknown) => {
        if (!(error instanceof Error && error.name === 'AbortError')) throw error
      })
    return () => controller.abort()
  }
  const timer = setTimeout(run, 0)
  return () => clearTimeout(timer)
}

/**
 * Units of work in one slice. A unit is one element visited by one pass (a cue read, an array slot
 * written), a few nanoseconds to a few tens: a slice stays well under a frame even on a slow phone,
 * and a transcript of a few thousand lines is built in one.
 */
export const SLICE_BUDGET = 50_000

/** Options of `runInSlices`. */
export interface RunInSlicesOptions<T> {
  /** Units of work a slice (default `SLICE_BUDGET`). */
  budget?: number | undefined
  /** Where each slice runs (default `nextTask`). */
  schedule?: SliceScheduler | undefined
  /** Called with the result in the task of the last slice. */
  onDone: (result: T) => void
}

/**
 * Runs `build` one slice per task, starting in the next task, until it is done; then `onDone`. Returns
 * the cancel: no slice runs after it, and `onDone` is never called.
 */
export function runInSlices<T>(build: SlicedBuild<T>, options: RunInSlicesOptions<T>): () => void {
  const budget = options.budget ?? SLICE_BUDGET
  const schedule = options.schedule ?? nextTask
  let cancelled = false
  let cancelNext: (() => void) | null = null
  const slice = () => {
    cancelNext = null
    if (cancelled) return
    if (build.step(budget)) options.onDone(build.result())
    else cancelNext = schedule(slice)
  }
  cancelNext = schedule(slice)
  return () => {
    cancelled = true
    cancelNext?.()
    cancelNext = null
  }
}
