/**
 * Property-based fuzzing of every reader through `parseTranscript(source, { format })`: arbitrary
 * strings, arbitrary bytes decoded as UTF-8, strings built from each format's own tokens, and mutations
 * of real files (truncation, duplicated and swapped blocks, random timestamps, huge and NaN-like numbers,
 * deep nesting). Whatever comes in, only a `Transcript` whose cues and words are finite, start at 0 or
 * later, end no earlier than they start and are sorted, or a `TranscriptParseError`, may come out.
 *
 * Seeded: a fixed seed unless CASTLINE_SEED gives another (as for every property test: see CONTRIBUTING.md),
 * CASTLINE_FUZZ_RUNS the number of cases per format (10,000 by default, what CI runs).
 */
import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import { TranscriptParseError } from '../src/errors.js'
import type { Transcript, TranscriptFormat } from '../src/model.js'
import { formatTranscript, parseTranscript } from '../src/parse.js'

const RUNS = Number(process.env.CASTLINE_FUZZ_RUNS ?? 10_000)
const SEED = Number(process.env.CASTLINE_SEED || process.env.CASTLINE_FUZZ_SEED || 20_261_202)
// A share of the runs per kind of input; the mutations of real files find the most, so they get the most.
const SHARE = { strings: 0.15, bytes: 0.15, tokens: 0.3, mutations: 0.4 } as const
const runsOf = (kind: keyof typeof SHARE): number => Math.ceil(RUNS * SHARE[kind])

const sharedPath = (p: string): string => fileURLToPath(new URL(`../../../../shared/${p}`, import.meta.url))
const read = (p: string): string => readFileSync(sharedPath(p), 'utf8')

function filesUnder(dir: string, ext: string): string[] {
  return readdirSync(sharedPath(dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith(ext))
    .sort()
    .map((f) => `${dir}/${f}`)
}

const PODCAST = 'corpora/podcast-namespace/docs/examples/transcripts'
const episode = read('fixtures/talk-python-514.txt')
// The JSON and HTML corpora are one example each; the writers' output for a real episode adds a long one.
const episodeTranscript = parseTranscript(episode, { format: 'text' })

const seeds: Record<TranscriptFormat, string[]> = {
  text: [episode, ...filesUnder('corpora/talk-python', '.txt').slice(0, 2).map(read)],
  vtt: [
    read(`${PODCAST}/example.vtt`),
    read('corpora/talk-python/001_nicola_iarocci_talk_python_to_me.vtt'),
    ...filesUnder('corpora/wpt-webvtt', '.vtt').map(read),
    ...filesUnder('corpora/mozilla-vtt.js', '.vtt').slice(0, 60).map(read),
  ],
  srt: [read(`${PODCAST}/example.srt`), ...filesUnder('corpora/srt', '.srt').map(read)],
  json: [
    read(`${PODCAST}/example.json`),
    ...filesUnder('corpora/whisper', '.json').map(read),
    formatTranscript(episodeTranscript, 'json'),
  ],
  html: [read(`${PODCAST}/example.html`), formatTranscript(episodeTranscript, 'html')],
}

const FORMATS: TranscriptFormat[] = ['text', 'vtt', 'srt', 'json', 'html']
const cases: Record<TranscriptFormat, number> = { text: 0, vtt: 0, srt: 0, json: 0, html: 0 }
const rejected: Record<TranscriptFormat, number> = { text: 0, vtt: 0, srt: 0, json: 0, html: 0 }
const slowest: Record<TranscriptFormat, { ms: number; length: number }> = {
  text: { ms: 0, length: 0 },
  vtt: { ms: 0, length: 0 },
  srt: { ms: 0, length: 0 },
  json: { ms: 0, length: 0 },
  html: { ms: 0, length: 0 },
}

/** The contract: a well-formed Transcript or a TranscriptParseError naming the format and a line. */
function expectTranscriptOrParseError(source: string, format: TranscriptFormat): void {
  cases[format]++
  const started = performance.now()
  try {
    const t = readChecked(source, format)
    if (t === null) rejected[format]++
  } finally {
    const ms = performance.now() - started
    if (ms > slowest[format].ms) slowest[format] = { ms, length: source.length }
  }
}

/** Parses `source` (as `format`, or detected when null) and checks the contract; null when rejected. */
function readChecked(source: string, format: TranscriptFormat | null): Transcript | null {
  let t: Transcript
  try {
    t = format === null ? parseTranscript(source) : parseTranscript(source, { format })
  } catch (e) {
    if (!(e instanceof TranscriptParseError)) throw e
    if (format !== null) expect(e.format).toBe(format)
    expect(Number.isInteger(e.line) && e.line >= 1, `line ${e.line}`).toBe(true)
    expect(e.expected.length).toBeGreaterThan(0)
    return null
  }
  if (format !== null) expect(t.format).toBe(format)
  if (t.duration !== undefined) expect(Number.isFinite(t.duration) && t.duration >= 0).toBe(true)
  let previous = 0
  for (let i = 0; i < t.cues.length; i++) {
    const c = t.cues[i]!
    const where = `cue ${i} ${JSON.stringify(c.text.slice(0, 40))} [${c.start}, ${c.end}]`
    if (!(Number.isFinite(c.start) && Number.isFinite(c.end) && c.start >= 0 && c.start <= c.end)) {
      expect.fail(`${where}: not finite, negative or ending before it starts`)
    }
    if (c.start < previous) expect.fail(`${where}: starts before cue ${i - 1} (${previous})`)
    previous = c.start
    if (typeof c.text !== 'string') expect.fail(`${where}: text is not a string`)
    let wordPrevious = 0
    for (const w of c.words ?? []) {
      if (!(Number.isFinite(w.start) && Number.isFinite(w.end) && w.start >= 0 && w.start <= w.end)) {
        expect.fail(`${where}: word ${JSON.stringify(w.text)} [${w.start}, ${w.end}]`)
      }
      if (w.start < wordPrevious) expect.fail(`${where}: word ${JSON.stringify(w.text)} out of order`)
      wordPrevious = w.start
    }
  }
  for (const w of t.warnings) {
    if (!(Number.isInteger(w.line) && w.line >= 0 && typeof w.message === 'string')) {
      expect.fail(`bad warning ${JSON.stringify(w)}`)
    }
  }
  return t
}

// ---- generators -------------------------------------------------------------------------------------

const anyString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 300 }),
  // Lone surrogates and every control character, which 'binary' rarely produces.
  fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 200 }),
)
const utf8Bytes = fc.uint8Array({ maxLength: 400 }).map((b) => new TextDecoder().decode(b))

const number = fc.oneof(
  fc.integer({ min: 0, max: 99 }).map(String),
  fc.integer({ min: 0, max: 999 }).map((n) => String(n).padStart(3, '0')),
  fc.constantFrom(
    'NaN',
    'Infinity',
    '-Infinity',
    '-0',
    '1e309',
    '-1e309',
    '1e-320',
    '9007199254740993',
    '99999999999999999999999',
    '0x10',
    '',
    '-1',
    '00',
    '60',
    '.5',
  ),
  fc.double().map(String),
)
const timestamp = fc.oneof(
  fc
    .tuple(fc.nat(99), fc.nat(99), fc.nat(99), fc.nat(999))
    .map(
      ([h, m, s, ms]) =>
        `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}.${String(ms).padStart(3, '0')}`,
    ),
  fc.tuple(number, number, number).map(([a, b, c]) => `${a}:${b}:${c}`),
  fc
    .tuple(number, number, number, fc.constantFrom('.', ',', ':'), number)
    .map(([a, b, c, sep, d]) => `${a}:${b}:${c}${sep}${d}`),
  fc.tuple(number, number).map(([a, b]) => `${a}:${b}`),
  fc.tuple(number, number, fc.constantFrom('.', ',')).map(([a, b, sep]) => `${a}${sep}${b}`),
)

const common = [
  '\n',
  '\n',
  '\r\n',
  '\r',
  ' ',
  '\t',
  '\u00a0',
  '\ufeff',
  '\u0000',
  '\u2028',
  'Speaker:',
  'Michael Kennedy:',
  'hello',
  'world',
  '&amp;',
  '&#x0;',
  '&#99999999;',
  '&lt;',
  '<',
  '>',
  '<b>',
  '</b>',
  '<script>alert(1)</script>',
  '-->',
  '--> ',
  ' --> ',
]
const tokenStrings: Record<TranscriptFormat, string[]> = {
  text: [...common, '[', ']', '(', ')', '00:00:00 ', '01:02:03 ', '1:02 ', '[00:01] ', 'SPEAKER_00:'],
  vtt: [
    ...common,
    'WEBVTT',
    'WEBVTT\n\n',
    'NOTE ',
    'STYLE\n::cue { color: red }',
    'REGION\nid:r1',
    ' align:start',
    ' position:50%',
    ' line:0',
    '<v Bob>',
    '<v.loud Ann>',
    '</v>',
    '<c.x>',
    '<i>',
    '<ruby><rt>',
    '<00:00:01.000>',
    '<99:99:99.999>',
    '<lang en>',
    'id\n',
  ],
  srt: [
    ...common,
    '1\n',
    '2\n',
    '0\n',
    '-1\n',
    '99999999999999999999\n',
    '{\\an8}',
    '<font color="red">',
    '</font>',
  ],
  json: [
    ...common,
    '{',
    '}',
    '[',
    ']',
    ',',
    ':',
    '"',
    '"segments"',
    '"words"',
    '"startTime"',
    '"endTime"',
    '"start"',
    '"end"',
    '"body"',
    '"text"',
    '"word"',
    '"speaker"',
    '"version"',
    '"1.0.0"',
    'null',
    'true',
    '1e400',
    '-1',
    '{"startTime":',
    '"body":"x"}',
    '"__proto__"',
    '"constructor"',
  ],
  html: [
    ...common,
    '<html>',
    '<body>',
    '<cite>',
    '</cite>',
    '<time>',
    '</time>',
    '<p>',
    '</p>',
    '<br>',
    '<!--',
    '-->',
    '<![CDATA[',
    ']]>',
    '<style>',
    '</style>',
    '<script>',
    '</script>',
    '<img src=x onerror=alert(1)>',
    '<a href="javascript:alert(1)">',
    '&nbsp;',
    '&',
    'Speaker:',
  ],
}
// Most token strings start with the format's header, so that the reader gets past it and into the cues.
const header: Record<TranscriptFormat, string> = {
  text: '00:00:00 ',
  vtt: 'WEBVTT\n\n',
  srt: '1\n00:00:01,000 --> 00:00:02,000\n',
  json: '{"version":"1.0.0","segments":[',
  html: '<html><body><cite>A:</cite><time>0:00</time><p>',
}
const tokens = (format: TranscriptFormat): fc.Arbitrary<string> =>
  fc
    .tuple(
      fc.constantFrom(header[format], header[format], ''),
      fc.array(
        fc.oneof(
          { weight: 4, arbitrary: fc.constantFrom(...tokenStrings[format]) },
          { weight: 2, arbitrary: timestamp },
          { weight: 1, arbitrary: number },
          { weight: 1, arbitrary: fc.string({ maxLength: 8 }) },
        ),
        { maxLength: 120 },
      ),
    )
    .map(([head, parts]) => head + parts.join(''))

// Mutations work on blocks (a blank-line separated group, what a cue is in most formats) or lines.
type Mutation =
  | { kind: 'truncate'; at: number }
  | { kind: 'duplicate'; at: number; to: number }
  | { kind: 'swap'; a: number; b: number }
  | { kind: 'delete'; at: number }
  | { kind: 'timestamp'; at: number; value: string }
  | { kind: 'number'; at: number; value: string }
  | { kind: 'insert'; at: number; value: string }
  | { kind: 'nest'; at: number; depth: number; open: string }

const position = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true })
const mutation = (format: TranscriptFormat): fc.Arbitrary<Mutation> =>
  fc.oneof(
    fc.record({ kind: fc.constant('truncate' as const), at: position }),
    fc.record({ kind: fc.constant('duplicate' as const), at: position, to: position }),
    fc.record({ kind: fc.constant('swap' as const), a: position, b: position }),
    fc.record({ kind: fc.constant('delete' as const), at: position }),
    fc.record({ kind: fc.constant('timestamp' as const), at: position, value: timestamp }),
    fc.record({ kind: fc.constant('number' as const), at: position, value: number }),
    fc.record({ kind: fc.constant('insert' as const), at: position, value: tokens(format) }),
    fc.record({
      kind: fc.constant('nest' as const),
      at: position,
      depth: fc.integer({ min: 1, max: 3000 }),
      open: fc.constantFrom('[', '{"segments":', '{"a":[', '<b>', '<div>', '<v A>', '('),
    }),
  )

const pick = <T>(xs: readonly T[], at: number): number => Math.min(xs.length - 1, Math.floor(at * xs.length))
const TIMESTAMP = /\d+:\d\d(?::\d\d)?(?:[.,]\d+)?/g
const NUMBER = /-?\d+(?:\.\d+)?(?:e[+-]?\d+)?/g

function replaceNth(s: string, re: RegExp, at: number, value: string): string {
  const found = [...s.matchAll(re)]
  if (found.length === 0) return s
  const m = found[pick(found, at)]!
  return s.slice(0, m.index) + value + s.slice(m.index + m[0].length)
}

function mutate(source: string, mutations: Mutation[]): string {
  let s = source
  for (const m of mutations) {
    const blocks = s.split(/(?<=\n)(?=\r?\n)/)
    switch (m.kind) {
      case 'truncate':
        s = s.slice(0, Math.floor(m.at * s.length))
        break
      case 'duplicate': {
        const b = blocks[pick(blocks, m.at)]!
        blocks.splice(pick(blocks, m.to), 0, b)
        s = blocks.join('')
        break
      }
      case 'swap': {
        const i = pick(blocks, m.a)
        const j = pick(blocks, m.b)
        const t = blocks[i]!
        blocks[i] = blocks[j]!
        blocks[j] = t
        s = blocks.join('')
        break
      }
      case 'delete': {
        const lines = s.split('\n')
        lines.splice(pick(lines, m.at), 1)
        s = lines.join('\n')
        break
      }
      case 'timestamp':
        s = replaceNth(s, TIMESTAMP, m.at, m.value)
        break
      case 'number':
        s = replaceNth(s, NUMBER, m.at, m.value)
        break
      case 'insert': {
        const i = Math.floor(m.at * s.length)
        s = s.slice(0, i) + m.value + s.slice(i)
        break
      }
      case 'nest': {
        const i = Math.floor(m.at * s.length)
        s = s.slice(0, i) + m.open.repeat(m.depth) + s.slice(i)
        break
      }
    }
  }
  return s
}

// A window of whole lines of a seed file, so that a case costs a few hundred lines, not a whole episode;
// the header (first lines) is kept most of the time, since the readers look for it.
const window = (format: TranscriptFormat): fc.Arbitrary<string> =>
  fc
    .record({
      file: position,
      from: position,
      length: fc.integer({ min: 1, max: 300 }),
      keepHead: fc.boolean(),
    })
    .map(({ file, from, length, keepHead }) => {
      const source = seeds[format][pick(seeds[format], file)]!
      if (format === 'json' || format === 'html' || source.length < 20_000) return source
      const lines = source.split('\n')
      const start = Math.floor(from * lines.length)
      const head = keepHead && start > 0 ? `${lines.slice(0, 4).join('\n')}\n` : ''
      return head + lines.slice(start, start + length).join('\n')
    })

// Whole documents of a format's structure with hostile values in every slot.
const json = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.oneof(fc.double(), fc.string(), fc.boolean(), fc.constant(null), number.map(Number)),
    tie('segment'),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(
      fc.constantFrom('segments', 'words', 'body', 'text', 'start', 'x', '__proto__'),
      tie('value'),
      {
        maxKeys: 4,
      },
    ),
  ),
  segment: fc.record(
    {
      startTime: fc.oneof(fc.double(), number, fc.constant(null)),
      endTime: fc.oneof(fc.double(), number, fc.constant(null)),
      start: fc.double(),
      end: fc.double(),
      body: fc.oneof(fc.string(), tie('value')),
      text: fc.string(),
      word: fc.string(),
      speaker: fc.oneof(fc.string(), tie('value')),
      words: fc.array(tie('segment'), { maxLength: 3 }),
    },
    { requiredKeys: [] },
  ),
}))
const jsonDocument = fc
  .record(
    {
      version: fc.oneof(fc.constant('1.0.0'), fc.string()),
      segments: fc.array(json.segment, { maxLength: 30 }),
      word_segments: fc.array(json.segment, { maxLength: 5 }),
      extra: json.value,
    },
    { requiredKeys: [] },
  )
  .map((doc) => JSON.stringify(doc))

// ---- the properties ---------------------------------------------------------------------------------

// Thousands of cases per test on a shared machine: the default 5 s is for one case, not for a run.
const TIMEOUT = 60_000 + RUNS * 10

describe.each(FORMATS)('%s reader under fuzzing', (format) => {
  const check = (source: string): void => expectTranscriptOrParseError(source, format)
  const params = (kind: keyof typeof SHARE) => ({ seed: SEED, numRuns: runsOf(kind) })

  it('takes arbitrary strings', { timeout: TIMEOUT }, () => {
    fc.assert(fc.property(anyString, check), params('strings'))
  })

  it('takes arbitrary bytes decoded as UTF-8', { timeout: TIMEOUT }, () => {
    fc.assert(fc.property(utf8Bytes, check), params('bytes'))
  })

  it("takes strings built from the format's tokens, timestamps and odd numbers", { timeout: TIMEOUT }, () => {
    const arbitrary = format === 'json' ? fc.oneof(tokens(format), jsonDocument) : tokens(format)
    fc.assert(fc.property(arbitrary, check), params('tokens'))
  })

  it('takes mutations of real files: truncated, blocks duplicated and swapped, bad times, deep nesting', {
    timeout: TIMEOUT,
  }, () => {
    fc.assert(
      fc.property(window(format), fc.array(mutation(format), { minLength: 1, maxLength: 4 }), (source, ms) =>
        check(mutate(source, ms)),
      ),
      params('mutations'),
    )
  })
})

// Without a format, detection picks the reader: the same contract holds for whatever it picks.
describe('detection under fuzzing', () => {
  it("takes every format's tokens and arbitrary strings without a format hint", { timeout: TIMEOUT }, () => {
    let detected = 0
    const anyTokens = fc.oneof(...FORMATS.map(tokens), anyString, utf8Bytes)
    fc.assert(
      fc.property(anyTokens, (source) => {
        detected++
        readChecked(source, null)
      }),
      { seed: SEED, numRuns: Math.ceil(RUNS / 5) },
    )
    expect(detected).toBeGreaterThanOrEqual(RUNS / 5)
  })
})

afterAll(() => {
  const report = FORMATS.map(
    (f) =>
      `${f} ${cases[f]} (${rejected[f]} rejected, slowest ${slowest[f].ms.toFixed(1)} ms for ${slowest[f].length} chars)`,
  ).join(', ')
  console.log(`fuzz cases per format, seed ${SEED}: ${report}`)
  // The count is the claim the closing note makes; a generator that stopped producing cases would fail here.
  for (const f of FORMATS) expect(cases[f], f).toBeGreaterThanOrEqual(RUNS)
})
