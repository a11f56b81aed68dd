/**
 * No catastrophic slowdowns: inputs of 1-10 MB built to hit the worst case of a scanner (one huge line,
 * a million arrows, deep nesting, half a million blank lines, and per-format ones) parse or fail with a
 * TranscriptParseError with work linear in their size. Each input is parsed once at each of two sizes
 * eight times apart, n/4 and 2n, and the work of each parse is counted, not timed (./work.ts): the
 * characters of the library's code executed, and the characters that its calls of built-in string,
 * array, regular expression and JSON methods searched, read or produced. Each count may grow at most
 * 12-fold between the two sizes, where a linear parse's grows 8-fold and a quadratic one's 64-fold; the
 * margin is for fixed costs and for an n log n sort (9.6-fold at these sizes). The counts do not depend
 * on how busy the machine is.
 *
 * The counts see how far a regular expression searched, not the steps it took (backtracking): every
 * expression whose input grew with the file must have a shape that keeps its search linear
 * (./regexp-shape.ts). The controls at the end run known quadratic scanners (in code, in a built-in search,
 * in a regular expression searched again from every arrow, and in one search of /\s+$/) and must see each
 * of them flagged. The engine's own costs (garbage collection, string flattening) are not counted: speed
 * is for the benchmarks.
 */
// First, so that the library's code is loaded after counting starts.
import './counting.js'
import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import { TranscriptParseError } from '../src/errors.js'
import type { Transcript, TranscriptFormat } from '../src/model.js'
import { parseTranscript } from '../src/parse.js'
import { collapseWhitespace, normalizeNewlines } from '../src/text.js'
import { linearRisk } from './regexp-shape.js'
import { countWork, stopCounting, type Work } from './work.js'

/** Sizes n/4 and 2n: eight times apart. */
const SPREAD = 8
/** The growth allowed between the two sizes: 8 times 1.5 (n^1.2), where a quadratic scanner gives 64. */
const MAX_RATIO = 12

/** The library's code, as the test runner loads it from the sources. */
const librarySources = (url: string): boolean => url.includes('/packages/core/src/')

interface Pathological {
  name: string
  format: TranscriptFormat
  /** The input for size parameter n; the base n gives 1-5 MB; parsed at n/4 and 2n (at most 10 MB). */
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
  // A single 5 MB line (parsed at 0.6 MB and 5 MB), in every format.
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
  // A million arrows (parsed at 0.75 MB and 6 MB).
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
  // 100,000 nested tags (parsed at 25,000 and 200,000).
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
  // Half a million blank lines (parsed at 125,000 and a million).
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

/** Growth of each count from the small parse to the large one (a count of 0 is taken as 1). */
function growth(small: Work<unknown>, large: Work<unknown>): { code: number; native: number } {
  return {
    code: large.code / Math.max(1, small.code),
    native: large.native / Math.max(1, small.native),
  }
}

const describeWork = (w: Work<unknown>): string => `code ${w.code}, native ${w.native}`

/**
 * Why the regular expressions whose longest input at least doubled from the small run to the large one
 * (those run on text that grows with the input, not on a line or a word) may search in more than linear
 * time; empty when none may.
 */
function regexpRisks(small: Work<unknown>, large: Work<unknown>): string[] {
  const risks: string[] = []
  for (const [key, { re, longest }] of large.regexps) {
    if (longest < 2 * Math.max(1, small.regexps.get(key)?.longest ?? 0)) continue
    const risk = linearRisk(re)
    if (risk !== null) risks.push(`${key} (run on ${longest} characters): ${risk}`)
  }
  return risks
}

afterAll(stopCounting)

describe('pathological inputs parse or fail in linear time', () => {
  it.each(inputs)('$format: $name', { timeout: 60_000 }, ({ name, format, build, n, check }) => {
    const nSmall = (2 * n) / SPREAD
    const small = build(nSmall)
    const large = build(2 * n)
    expect(large.length).toBeGreaterThanOrEqual(1_000_000)
    expect(large.length).toBeLessThanOrEqual(10.5 * MB)
    const smallWork = countWork(() => outcome(small, format), librarySources)
    const largeWork = countWork(() => outcome(large, format), librarySources)
    check(smallWork.value, nSmall)
    check(largeWork.value, 2 * n)
    // Some of the library's code runs for any input: none counted means the count missed the sources.
    expect(smallWork.code, 'code counted').toBeGreaterThan(0)
    const ratio = growth(smallWork, largeWork)
    const counts = `${(small.length / MB).toFixed(2)} MB: ${describeWork(smallWork)}; ${SPREAD} times that: ${describeWork(largeWork)}`
    console.log(
      `${format} ${name}: code ${ratio.code.toFixed(2)}x, native ${ratio.native.toFixed(2)}x (${counts})`,
    )
    expect(ratio.code, `code executed, ${counts}`).toBeLessThanOrEqual(MAX_RATIO)
    expect(ratio.native, `built-in work, ${counts}`).toBeLessThanOrEqual(MAX_RATIO)
    expect(regexpRisks(smallWork, largeWork)).toEqual([])
  })
})

// Quadratic scanners over a line of arrows (as in "a million arrows on one line"). The first three find
// each arrow and look for the start or the end of its line again from there; they return the sum of the
// line starts found (all 0: the line starts the input) or of the line ends (all the input's length: the
// line has no end).
const LINE_END = /\n/g
const TRAILING_SPACE = /\s+$/
const arrowLine = (k: number): string => '-->'.repeat(k)
/** The sum of `at(i)` over the index of every arrow in `s`. */
function eachArrow(s: string, at: (i: number) => number): number {
  let sum = 0
  for (let i = s.indexOf('-->'); i !== -1; i = s.indexOf('-->', i + 3)) sum += at(i)
  return sum
}
const controls: {
  name: string
  count: 'code' | 'native' | 'regexp'
  scan: (s: string) => number
  expected: (s: string) => number
}[] = [
  {
    name: 'code that walks back to the line start from every arrow',
    count: 'code',
    scan: (s) =>
      eachArrow(s, (i) => {
        let j = i
        while (j > 0 && s.charCodeAt(j - 1) !== 10) j--
        return j
      }),
    expected: () => 0,
  },
  {
    name: 'a built-in search back to the line start from every arrow',
    count: 'native',
    scan: (s) => eachArrow(s, (i) => s.lastIndexOf('\n', i) + 1),
    expected: () => 0,
  },
  {
    name: 'a regular expression that searches the rest for the line end from every arrow',
    count: 'native',
    scan: (s) =>
      eachArrow(s, (i) => {
        LINE_END.lastIndex = i
        return LINE_END.test(s) ? LINE_END.lastIndex : s.length
      }),
    expected: (s) => (s.length / 3) * s.length,
  },
  {
    // One search over the arrows turned to spaces, with a full stop after them: V8 tries it from every
    // space and scans to the full stop from each.
    name: 'one search of /\\s+$/ in a run of spaces that does not end the line',
    count: 'regexp',
    scan: (s) => `${s.replaceAll('-->', '   ')}.`.replace(TRAILING_SPACE, '').length,
    expected: (s) => s.length + 1,
  },
]
const thisFile = (url: string): boolean => url.endsWith('/test/pathological.test.ts')

describe('the count flags a quadratic scanner', () => {
  it.each(controls)('$name', { timeout: 60_000 }, ({ count, scan, expected }) => {
    const small = arrowLine(500)
    const large = arrowLine(500 * SPREAD)
    const smallWork = countWork(() => scan(small), thisFile)
    const largeWork = countWork(() => scan(large), thisFile)
    expect(smallWork.value).toBe(expected(small))
    expect(largeWork.value).toBe(expected(large))
    if (count === 'regexp') {
      const risks = regexpRisks(smallWork, largeWork)
      console.log(`quadratic control, regular expression: ${risks.join('; ')}`)
      expect(risks).toEqual([expect.stringContaining(`/${TRAILING_SPACE.source}/`)])
      return
    }
    const ratio = growth(smallWork, largeWork)
    const counts = `${describeWork(smallWork)}; ${SPREAD} times the arrows: ${describeWork(largeWork)}`
    console.log(`quadratic control, ${count}: ${ratio[count].toFixed(2)}x (${counts})`)
    expect(ratio[count], counts).toBeGreaterThan(MAX_RATIO)
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
      { numRuns: 2000 },
    )
  })
  it('normalizeNewlines turns CRLF and lone CR into LF and drops one leading BOM', () => {
    fc.assert(
      fc.property(whitespacey, (s) => {
        expect(normalizeNewlines(s)).toBe(s.replace(/^\ufeff/, '').replace(/\r\n?/g, '\n'))
      }),
      { numRuns: 2000 },
    )
  })
})
