/**
 * How the parse time of the pathological inputs (test/pathological-inputs.ts) grows: each is timed at two
 * sizes eight times apart, n/4 and 2n. The test counts their work, which is the same on any machine; this
 * times them, which also shows what counting cannot see: a regular expression's own backtracking and the
 * engine's costs (garbage collection, string flattening, caches). A linear parse grows about 8-fold, and
 * more once the input outgrows the young generation or the caches; a quadratic one 64-fold. Ratios over
 * 32 are marked. The last line times a known quadratic scanner (/\s+$/ on a run of spaces) the same way.
 *
 *   node --expose-gc --import tsx packages/core/bench/growth.ts [part of a name, e.g. "srt"]
 *
 * Timing: the process's CPU time (not wall time), one warm-up run of each size, then rounds that
 * alternate the two sizes (a burst of load hits both), each run after a full garbage collection (one size
 * does not pay for the other's garbage), and the minimum of each size's runs. Still, run it on an idle
 * machine.
 */
import { TranscriptParseError } from '../src/errors.js'
import type { TranscriptFormat } from '../src/model.js'
import { parseTranscript } from '../src/parse.js'
import { inputs, MB } from '../test/pathological-inputs.js'

const gc = (globalThis as { gc?: () => void }).gc
if (gc === undefined) throw new Error('run with node --expose-gc')

/** Sizes n/4 and 2n. */
const SPREAD = 8
const MARK = 32
const ROUNDS = 4
// Enough repetitions that one timed run of the small input lasts about 30 ms: a 1 ms parse timed once is
// mostly clock resolution.
const MIN_RUN_MS = 30

function cpuMs(): number {
  const u = process.cpuUsage()
  return (u.user + u.system) / 1000
}

function timeRuns(run: () => void, reps: number): number {
  gc!()
  const started = cpuMs()
  for (let r = 0; r < reps; r++) run()
  return (cpuMs() - started) / reps
}

/** The least disturbed CPU time of one run of `small` and of `large`. */
function growth(small: () => void, large: () => void): { small: number; large: number } {
  const first = timeRuns(small, 1)
  timeRuns(large, 1)
  const reps = Math.max(1, Math.ceil(MIN_RUN_MS / Math.max(0.01, first)))
  let best = { small: Number.POSITIVE_INFINITY, large: Number.POSITIVE_INFINITY }
  for (let round = 0; round < ROUNDS; round++) {
    best = {
      small: Math.min(best.small, timeRuns(small, reps)),
      large: Math.min(best.large, timeRuns(large, reps)),
    }
  }
  return best
}

const parse = (source: string, format: TranscriptFormat) => () => {
  try {
    parseTranscript(source, { format })
  } catch (e) {
    if (!(e instanceof TranscriptParseError)) throw e
  }
}

function report(name: string, sizes: [number, number], ms: { small: number; large: number }): void {
  const ratio = ms.large / ms.small
  const mb = (chars: number) => `${(chars / MB).toFixed(2)} MB`
  console.log(
    `${name.padEnd(52)} ${mb(sizes[0]).padStart(8)} ${ms.small.toFixed(2).padStart(8)} ms ` +
      `${mb(sizes[1]).padStart(9)} ${ms.large.toFixed(2).padStart(8)} ms ${ratio.toFixed(1).padStart(6)}x` +
      (ratio > MARK ? `  over ${MARK}x` : ''),
  )
}

const only = process.argv[2] ?? ''
for (const { name, format, build, n } of inputs) {
  const label = `${format}: ${name}`
  if (!label.includes(only)) continue
  const small = build((2 * n) / SPREAD)
  const large = build(2 * n)
  report(label, [small.length, large.length], growth(parse(small, format), parse(large, format)))
}

// V8 tries /\s+$/ from every space of a run that does not end the string: k^2/2 steps.
const spaces = (k: number) => `${' '.repeat(k)}x`
const trimEnd = (s: string) => () => void s.replace(/\s+$/, '')
const [few, many] = [spaces(1_000), spaces(1_000 * SPREAD)]
report('control: /\\s+$/ on a run of spaces', [few.length, many.length], growth(trimEnd(few), trimEnd(many)))
