/**
 * No catastrophic slowdowns: inputs of 1-10 MB built to hit the worst case of a scanner (one huge line,
 * a million arrows, deep nesting, half a million blank lines, and per-format ones, in
 * ./pathological-inputs.ts) parse or fail with a TranscriptParseError with work linear in their size.
 * Each input is parsed once at each of two sizes eight times apart, n/4 and 2n, and the work of each
 * parse is counted, not timed (./work.ts): the characters of the library's code executed, and the
 * characters that its calls of built-in string, array, regular expression and JSON methods searched, read
 * or produced. Each count may grow at most 12-fold between the two sizes, where a linear parse's grows
 * 8-fold and a quadratic one's 64-fold; the margin is for fixed costs and for an n log n sort (9.6-fold
 * at these sizes). The counts do not depend on how busy the machine is.
 *
 * The counts see how far a regular expression searched, not the steps it took (backtracking): every
 * expression whose input grew with the file must have a shape that keeps its search linear
 * (./regexp-shape.ts). The controls at the end run known quadratic scanners (in code, in a built-in search,
 * in a regular expression searched again from every arrow, and in one search of /\s+$/) and must see each
 * of them flagged. The engine's own costs (garbage collection, string flattening) are not counted:
 * ../bench/growth.ts times the same inputs.
 */
// First, so that the library's code is loaded after counting starts.
import './counting.js'
import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import { TranscriptParseError } from '../src/errors.js'
import type { Transcript, TranscriptFormat } from '../src/model.js'
import { parseTranscript } from '../src/parse.js'
import { collapseWhitespace, normalizeNewlines } from '../src/text.js'
import { inputs, MB, type Outcome } from './pathological-inputs.js'
import { linearRisk } from './regexp-shape.js'
import { countWork, stopCounting, type Work } from './work.js'

/** Sizes n/4 and 2n: eight times apart. */
const SPREAD = 8
/** The growth allowed between the two sizes: 8 times 1.5 (n^1.2), where a quadratic scanner gives 64. */
const MAX_RATIO = 12

/** The library's code, as the test runner loads it from the sources. */
const librarySources = (url: string): boolean => url.includes('/packages/core/src/')

/** Fails unless `t` (null when the parse was rejected) is what `expected` asks at size n. */
function check(expected: Outcome, t: Transcript | null, n: number): void {
  if (expected.kind === 'rejected or any') return
  expect(t, 'parsed').not.toBeNull()
  if (expected.kind === 'cues') {
    expect(t!.cues.length).toBe(expected.count(n))
    return
  }
  expect(t!.cues.length).toBe(1)
  expect(t!.cues[0]!.text.length).toBeGreaterThanOrEqual(expected.min(n))
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
  it.each(inputs)('$format: $name', { timeout: 60_000 }, ({ name, format, build, n, expected }) => {
    const nSmall = (2 * n) / SPREAD
    const small = build(nSmall)
    const large = build(2 * n)
    expect(large.length).toBeGreaterThanOrEqual(1_000_000)
    expect(large.length).toBeLessThanOrEqual(10.5 * MB)
    const smallWork = countWork(() => outcome(small, format), librarySources)
    const largeWork = countWork(() => outcome(large, format), librarySources)
    check(expected, smallWork.value, nSmall)
    check(expected, largeWork.value, 2 * n)
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
