/**
 * No catastrophic slowdowns: inputs of 1-10 MB built to hit the worst case of a scanner (one huge line,
 * a million arrows, deep nesting, half a million blank lines, and per-format ones) parse or fail with a
 * TranscriptParseError in time linear in their size. Each input is timed at two sizes eight times apart,
 * n/4 and 2n: the time may grow at most 32-fold (n^1.67), where a quadratic scanner's grows 64-fold.
 * A linear parse does not grow exactly 8-fold: the cost per byte steps up by as much as 2.5x once the
 * garbage outgrows the young generation or the input outgrows the CPU caches (measured: 0.22 us per unit
 * below 125,000 unterminated entities, 0.5 us from 500,000 on). A doubling alone measured up to 3.6x in CI,
 * too close to a quadratic's 4x; eight-fold, linear stayed under about 22x. The last test times a known
 * quadratic scanner the same way and must see it fail the bound.
 *
 * Timing on a shared machine: the process's CPU time (not wall time), one warm-up run of each size,
 * then rounds that alternate the two sizes (so that a burst of load hits both), each run after a full
 * garbage collection (so that one size does not pay for the other's garbage), and the minimum of each
 * size's runs, the run least disturbed by other work.
 */
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { TranscriptParseError } from '../src/errors.js'
import type { Transcript, TranscriptFormat } from '../src/model.js'
import { parseTranscript } from '../src/parse.js'
import { collapseWhitespace, normalizeNewlines } from '../src/text.js'

// Rounds of timed runs; inputs whose parse takes long get fewer (their runs are steadier anyway).
const ROUNDS = 4
const SLOW_ROUNDS = 2
const SLOW_MS = 150
// While the ratio is over the bound, more rounds (the minimum only improves); a quadratic scanner stays
// at 64 however long it is sampled, a burst of load on the large runs does not. The quadratic control
// gets more rounds while it is under the bound, for the same reason the other way round.
const MORE_ROUNDS = 6
/** Sizes n/4 and 2n: eight times apart. */
const SPREAD = 8
const MAX_RATIO = 32

// A full collection between runs, without asking for --expose-gc on the command line.
setFlagsFromString('--expose-gc')
const gc = runInNewContext('gc') as () => void

interface Pathological {
  name: string
  format: TranscriptFormat
  /** The input for size parameter n; the base n gives 1-5 MB; timed at n/4 and 2n (at most 10 MB). */
  build: (n: number) => string
  n: number
  /** What must hold of the outcome (a transcript, or null when it was rejected). */
  check: (t: Transcript | null, n: number) => void
}

const rejectedOrAny = (): void => {}
const cueCount = (count: (n: number) => number) => (t: Transcript | null, n: number) => {
  expect(t, 'parsed').not.toBeNull()
  expect(t!.cues.length).toBe(count(n))
}
const oneCueOfLength = (min: (n: number) => number) => (t: Transcript | null, n: number) => {
  expect(t, 'parsed').not.toBeNull()
  expect(t!.cues.length).toBe(1)
  expect(t!.cues[0]!.text.length).toBeGreaterThanOrEqual(min(n))
}

const VTT = 'WEBVTT\n\n'
const vttCue = '00:00:01.000 --> 00:00:02.000\n'
const srtCue = '1\n00:00:01,000 --> 00:00:02,000\n'
const word = 'word '
const MB = 1024 * 1024

const inputs: Pathological[] = [
  // A single 5 MB line (timed at 0.6 MB and 5 MB), in every format.
  {
    name: 'a single huge untimed line',
    format: 'text',
    n: 2.5 * MB,
    build: (n) => `00:00:00 ${'a'.repeat(n)}`,
    check: oneCueOfLength((n) => n),
  },
  {
    name: 'a single huge line without a timestamp',
    format: 'text',
    n: 2.5 * MB,
    build: (n) => word.repeat(n / word.length),
    check: rejectedOrAny,
  },
  {
    name: 'a single huge cue line',
    format: 'vtt',
    n: 2.5 * MB,
    build: (n) => `${VTT}${vttCue}${word.repeat(n / word.length)}`,
    check: oneCueOfLength((n) => n - 1),
  },
  {
    name: 'a single huge header line',
    format: 'vtt',
    n: 2.5 * MB,
    build: (n) => `WEBVTT ${'x'.repeat(n)}\n\n${vttCue}hello`,
    check: cueCount(() => 1),
  },
  {
    name: 'a single huge cue line',
    format: 'srt',
    n: 2.5 * MB,
    build: (n) => `${srtCue}${word.repeat(n / word.length)}`,
    check: oneCueOfLength((n) => n - 1),
  },
  {
    name: 'a single huge body',
    format: 'json',
    n: 2.5 * MB,
    build: (n) =>
      JSON.stringify({
        version: '1.0.0',
        segments: [{ startTime: 1, endTime: 2, body: word.repeat(n / 5) }],
      }),
    check: oneCueOfLength((n) => n - 1),
  },
  {
    name: 'a single huge paragraph',
    format: 'html',
    n: 2.5 * MB,
    build: (n) =>
      `<html><body><cite>A:</cite><time>0:00</time><p>${word.repeat(n / word.length)}</p></body></html>`,
    check: oneCueOfLength((n) => n - 1),
  },
  // A million arrows (timed at 0.75 MB and 6 MB).
  {
    name: 'a million arrows on one line',
    format: 'vtt',
    n: 1_000_000,
    build: (n) => `${VTT}${'-->'.repeat(n)}\n`,
    check: rejectedOrAny,
  },
  {
    name: '400,000 arrows, one a line',
    format: 'vtt',
    n: 400_000,
    build: (n) => `${VTT}${'-->\n'.repeat(n)}`,
    check: rejectedOrAny,
  },
  {
    name: 'a million arrows in a cue text',
    format: 'vtt',
    n: 1_000_000,
    build: (n) => `${VTT}${vttCue}${'--> '.repeat(n)}`,
    check: rejectedOrAny,
  },
  {
    name: 'a million arrows on one line',
    format: 'srt',
    n: 1_000_000,
    build: (n) => `1\n${'-->'.repeat(n)}\n`,
    check: rejectedOrAny,
  },
  {
    name: '400,000 arrows, one a line',
    format: 'srt',
    n: 400_000,
    build: (n) => `${srtCue}${'-->\n'.repeat(n)}`,
    check: rejectedOrAny,
  },
  {
    name: 'a million arrows',
    format: 'text',
    n: 1_000_000,
    build: (n) => `00:00:00 ${'--> '.repeat(n)}`,
    check: cueCount(() => 1),
  },
  // 100,000 nested tags (timed at 25,000 and 200,000).
  {
    name: '100,000 nested tags in a cue',
    format: 'vtt',
    n: 100_000,
    build: (n) => `${VTT}${vttCue}${'<b>'.repeat(n)}deep${'</b>'.repeat(n)}`,
    check: cueCount(() => 1),
  },
  {
    name: '100,000 unclosed voice tags in a cue',
    format: 'vtt',
    n: 100_000,
    build: (n) => `${VTT}${vttCue}${'<v A><c.x><i>'.repeat(n)}deep`,
    check: cueCount(() => 1),
  },
  {
    name: '100,000 nested tags in a cue',
    format: 'srt',
    n: 100_000,
    build: (n) => `${srtCue}${'<font color="red">'.repeat(n)}deep${'</font>'.repeat(n)}`,
    check: cueCount(() => 1),
  },
  {
    name: '100,000 nested tags',
    format: 'html',
    n: 100_000,
    build: (n) =>
      `<html><body>${'<div>'.repeat(n)}<cite>A:</cite><time>0:00</time><p>deep</p>${'</div>'.repeat(n)}`,
    check: rejectedOrAny,
  },
  {
    name: '300,000 nested arrays',
    format: 'json',
    n: 300_000,
    build: (n) => `{"segments":${'['.repeat(n)}${']'.repeat(n)}}`,
    check: rejectedOrAny,
  },
  {
    name: '100,000 nested objects',
    format: 'json',
    n: 100_000,
    build: (n) => `${'{"segments":'.repeat(n)}[]${'}'.repeat(n)}`,
    check: rejectedOrAny,
  },
  {
    name: '300,000 nested brackets',
    format: 'text',
    n: 300_000,
    build: (n) => `00:00:00 ${'[('.repeat(n)}`,
    check: cueCount(() => 1),
  },
  // Half a million blank lines (timed at 125,000 and a million).
  ...(['text', 'vtt', 'srt', 'json', 'html'] as const).map(
    (format): Pathological => ({
      name: '500,000 blank lines',
      format,
      n: 500_000,
      build: (n) =>
        ({
          text: `00:00:00 a${'\n'.repeat(n)}00:00:01 b`,
          vtt: `${VTT}${vttCue}a${'\n'.repeat(n)}${vttCue}b`,
          srt: `${srtCue}a${'\n'.repeat(n)}${srtCue}b`,
          json: `{"segments":[${'\n'.repeat(n)}{"startTime":1,"body":"a"}]}`,
          html: `<html><body>${'\n'.repeat(n)}<cite>A:</cite><time>0:00</time><p>a</p></body></html>`,
        })[format],
      check: format === 'json' || format === 'html' ? cueCount(() => 1) : cueCount(() => 2),
    }),
  ),
  {
    name: '500,000 CRLF blank lines',
    format: 'vtt',
    n: 500_000,
    build: (n) => `${VTT}${vttCue}a${'\r\n'.repeat(n)}${vttCue}b`,
    check: cueCount(() => 2),
  },
  // Per format: what each scanner loops over.
  {
    name: '200,000 stamped lines with the same time',
    format: 'text',
    n: 200_000,
    build: (n) => '00:00:00 same time\n'.repeat(n),
    check: rejectedOrAny,
  },
  {
    name: '200,000 distinct lines with the same time',
    format: 'text',
    n: 200_000,
    build: (n) => Array.from({ length: n }, (_, i) => `00:00:00 line ${i}`).join('\n'),
    check: cueCount((n) => n),
  },
  {
    name: '100,000 cues with the same start',
    format: 'vtt',
    n: 100_000,
    build: (n) => VTT + Array.from({ length: n }, (_, i) => `${vttCue}line ${i}\n`).join('\n'),
    check: cueCount((n) => n),
  },
  {
    name: '100,000 cues in reverse order',
    format: 'srt',
    n: 100_000,
    build: (n) =>
      Array.from({ length: n }, (_, i) => {
        const s = n - i
        return `${i + 1}\n${clock(s, ',')} --> ${clock(s + 1, ',')}\nline ${i}\n`
      }).join('\n'),
    check: cueCount((n) => n),
  },
  // Every cue misses the plain-text fast path (an entity, a tag, a double space, a carriage return),
  // so each one is found by PlainRanges and then cleaned the slow way: the sweep must stay linear.
  {
    name: '60,000 cues, none of them plain',
    format: 'srt',
    n: 60_000,
    build: (n) =>
      Array.from({ length: n }, (_, i) => {
        return `${i + 1}\r\n${clock(i, ',')} --> ${clock(i + 1, ',')}\r\nQ&amp;A <i>${i}</i>  done\r\n`
      }).join('\r\n'),
    check: cueCount((n) => n),
  },
  {
    name: '500,000 index-only lines',
    format: 'srt',
    n: 500_000,
    build: (n) => Array.from({ length: n }, (_, i) => String(i + 1)).join('\n'),
    check: rejectedOrAny,
  },
  {
    name: '200,000 inline timestamps in one cue',
    format: 'vtt',
    n: 200_000,
    build: (n) =>
      `${VTT}00:00:00.000 --> 99:00:00.000\n${Array.from({ length: n }, (_, i) => `<${clock(i, '.')}>w`).join(' ')}`,
    check: cueCount(() => 1),
  },
  {
    name: '80,000 one-word segments',
    format: 'json',
    n: 80_000,
    build: (n) =>
      JSON.stringify({
        version: '1.0.0',
        segments: Array.from({ length: n }, (_, i) => ({
          startTime: i / 10,
          endTime: i / 10 + 0.1,
          body: 'w',
        })),
      }),
    check: rejectedOrAny,
  },
  {
    name: '500,000 unterminated tags',
    format: 'html',
    n: 500_000,
    build: (n) => `<html><body><cite>A:</cite><time>0:00</time><p>${'<a '.repeat(n)}`,
    check: rejectedOrAny,
  },
  {
    name: '500,000 unterminated comments',
    format: 'html',
    n: 500_000,
    build: (n) => `<html><body><cite>A:</cite><time>0:00</time><p>x</p>${'<!-- '.repeat(n)}`,
    check: rejectedOrAny,
  },
  {
    name: '250,000 ampersands',
    format: 'html',
    n: 250_000,
    build: (n) => `<html><body><cite>A:</cite><time>0:00</time><p>${'&amp'.repeat(n)}</p>`,
    check: cueCount(() => 1),
  },
  {
    name: '250,000 unterminated entities',
    format: 'vtt',
    n: 250_000,
    build: (n) => `${VTT}${vttCue}${'&#1'.repeat(n)}`,
    check: cueCount(() => 1),
  },
  {
    name: '1,000,000 colons and digits',
    format: 'text',
    n: 1_000_000,
    build: (n) => '1:2'.repeat(n),
    check: rejectedOrAny,
  },
]

function clock(seconds: number, sep: string): string {
  const h = Math.floor(seconds / 3600)
  const m = Math.floor(seconds / 60) % 60
  const s = seconds % 60
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}${sep}000`
}

function outcome(source: string, format: TranscriptFormat): Transcript | null {
  try {
    return parseTranscript(source, { format })
  } catch (e) {
    if (e instanceof TranscriptParseError) return null
    throw e
  }
}

// CPU time of this process, not wall time: other processes on a shared machine take turns on the
// cores, and a turn taken in the middle of a run would count against it.
function cpuMs(): number {
  const u = process.cpuUsage()
  return (u.user + u.system) / 1000
}

// A run of `reps` calls of `run`, after a full collection so that it does not pay for earlier garbage.
function timeRuns(run: () => void, reps: number): number {
  gc()
  const started = cpuMs()
  for (let r = 0; r < reps; r++) run()
  return (cpuMs() - started) / reps
}

// Enough repetitions that one timed run of the small input lasts about 30 ms: a 1 ms parse timed once
// is mostly clock resolution and noise.
const MIN_RUN_MS = 30

/**
 * The least disturbed CPU time of `small` and of `large`, timed in alternating rounds. `settled` says when
 * the ratio gives its verdict: until then (at most MORE_ROUNDS more) the rounds go on, as a minimum only
 * gets nearer the time without load, in either direction (a burst on the large runs inflates the ratio,
 * one on the small runs deflates it).
 */
function growth(
  small: () => void,
  large: () => void,
  settled: (ratio: number) => boolean = (ratio) => ratio <= MAX_RATIO,
): { tSmall: number; tLarge: number } {
  const first = timeRuns(small, 1)
  timeRuns(large, 1)
  const reps = Math.max(1, Math.ceil(MIN_RUN_MS / Math.max(0.01, first)))
  const rounds = first > SLOW_MS ? SLOW_ROUNDS : ROUNDS
  let tSmall = Number.POSITIVE_INFINITY
  let tLarge = Number.POSITIVE_INFINITY
  for (let round = 0; round < rounds + MORE_ROUNDS; round++) {
    if (round >= rounds && settled(tLarge / tSmall)) break
    tSmall = Math.min(tSmall, timeRuns(small, reps))
    tLarge = Math.min(tLarge, timeRuns(large, reps))
  }
  return { tSmall, tLarge }
}

describe('pathological inputs parse or fail in linear time', () => {
  it.each(inputs)('$format: $name', { timeout: 120_000 }, ({ name, format, build, n, check }) => {
    const nSmall = (2 * n) / SPREAD
    const small = build(nSmall)
    const large = build(2 * n)
    expect(large.length).toBeGreaterThanOrEqual(1_000_000)
    expect(large.length).toBeLessThanOrEqual(10.5 * MB)
    check(outcome(small, format), nSmall)
    check(outcome(large, format), 2 * n)
    const { tSmall, tLarge } = growth(
      () => outcome(small, format),
      () => outcome(large, format),
    )
    const ratio = tLarge / tSmall
    console.log(
      `${format} ${name}: ${(small.length / MB).toFixed(1)} MB ${tSmall.toFixed(1)} ms, ` +
        `${(large.length / MB).toFixed(1)} MB ${tLarge.toFixed(1)} ms, ratio ${ratio.toFixed(2)}`,
    )
    expect(
      ratio,
      `${(small.length / MB).toFixed(2)} MB: ${tSmall.toFixed(1)} ms, ${SPREAD} times that: ${tLarge.toFixed(1)} ms`,
    ).toBeLessThanOrEqual(MAX_RATIO)
  })

  it('the same timing flags a quadratic scanner', { timeout: 60_000 }, () => {
    // V8 tries /\s+$/ from every space of a run that does not end the string: k^2/2 steps.
    const spaces = (k: number) => `${' '.repeat(k)}x`
    const trimEnd = (s: string) => void s.replace(/\s+$/, '')
    const small = spaces(1_000)
    const large = spaces(1_000 * SPREAD)
    const { tSmall, tLarge } = growth(
      () => trimEnd(small),
      () => trimEnd(large),
      (ratio) => ratio > MAX_RATIO,
    )
    console.log(
      `quadratic control: ${tSmall.toFixed(2)} ms, ${tLarge.toFixed(1)} ms, ratio ${(tLarge / tSmall).toFixed(2)}`,
    )
    expect(tLarge / tSmall, `${tSmall.toFixed(2)} ms, then ${tLarge.toFixed(1)} ms`).toBeGreaterThan(
      MAX_RATIO,
    )
  })
})

// The linear rewrites of two helpers (found by the inputs above) mean what the regular expressions meant.
describe('the helpers rewritten for linear time', () => {
  const whitespacey = fc.string({
    unit: fc.constantFrom(
      ' ',
      '  ',
      '\t',
      '\n',
      '\r',
      '\r\n',
      '\u00a0',
      '\u2028',
      '\ufeff',
      'a',
      'b',
      '\u00e9',
    ),
    maxLength: 40,
  })
  it('collapseWhitespace collapses every run of white space to one space and trims', () => {
    fc.assert(
      fc.property(whitespacey, (s) => {
        expect(collapseWhitespace(s)).toBe(s.replace(/\s+/g, ' ').trim())
      }),
      { numRuns: 2000, seed: 7 },
    )
  })
  it('normalizeNewlines turns CRLF and lone CR into LF and drops one leading BOM', () => {
    fc.assert(
      fc.property(whitespacey, (s) => {
        expect(normalizeNewlines(s)).toBe(s.replace(/^\ufeff/, '').replace(/\r\n?/g, '\n'))
      }),
      { numRuns: 2000, seed: 7 },
    )
  })
})
