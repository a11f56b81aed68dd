import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { readText } from '../src/formats/text.js'
import type { ReadResult } from '../src/formats/types.js'
import type { Cue, ParseWarning, TranscriptFormat, Word } from '../src/model.js'
import { estimateDuration, normalize, sameText } from '../src/normalize.js'
import { parseTranscript } from '../src/parse.js'

const shared = (path: string): string =>
  readFileSync(new URL(`../../../../shared/${path}`, import.meta.url), 'utf8')

const NaN_ = Number.NaN

function cue(start: number, end: number, text: string, extra: Partial<Cue> = {}): Cue {
  return { start, end, text, ...extra }
}

function run(
  cues: Cue[],
  format: TranscriptFormat = 'text',
  options: { duration?: number } = {},
  warnings: ParseWarning[] = [],
) {
  return normalize({ cues, warnings }, format, options)
}

const spans = (cues: Cue[]): Array<[number, number, string]> => cues.map((c) => [c.start, c.end, c.text])
const codes = (warnings: ParseWarning[]): string[] => warnings.map((w) => w.code)

describe('normalize: times', () => {
  it('drops cues without a finite start, with a warning that keeps their text', () => {
    const t = run([
      cue(0, NaN_, 'a'),
      cue(NaN_, NaN_, 'lost one'),
      cue(Number.POSITIVE_INFINITY, 5, 'b'),
      cue(4, NaN_, 'c'),
    ])
    expect(spans(t.cues)).toEqual([
      [0, 4, 'a'],
      [4, 5, 'c'],
    ])
    expect(codes(t.warnings)).toEqual(['bad-timestamp', 'bad-timestamp'])
    expect(t.warnings[0]!.message).toContain('lost one')
  })

  it('treats an infinite end as missing and a negative start as 0', () => {
    const t = run([cue(-2, 3, 'a'), cue(3, Number.POSITIVE_INFINITY, 'b'), cue(8, 9, 'c')], 'vtt')
    expect(spans(t.cues)).toEqual([
      [0, 3, 'a'],
      [3, 8, 'b'],
      [8, 9, 'c'],
    ])
    expect(codes(t.warnings)).toEqual(['bad-timestamp', 'invalid-value'])
  })

  it('sorts by start, stable, and warns once when the source was out of order', () => {
    const t = run([cue(10, 12, 'c'), cue(0, 2, 'a'), cue(5, 6, 'b'), cue(1, 2, 'a2')], 'vtt')
    expect(t.cues.map((c) => c.text)).toEqual(['a', 'a2', 'b', 'c'])
    expect(codes(t.warnings)).toEqual(['unordered'])
  })

  it('infers a missing end as the next start, the duration for the last cue, else an estimate', () => {
    expect(spans(run([cue(0, NaN_, 'a'), cue(7, NaN_, 'b')], 'text', { duration: 20 }).cues)).toEqual([
      [0, 7, 'a'],
      [7, 20, 'b'],
    ])
    const long = 'x'.repeat(150)
    expect(run([cue(0, NaN_, 'a'), cue(7, NaN_, long)]).cues[1]!.end).toBe(7 + 10)
    // Short texts still last a second.
    expect(run([cue(3, NaN_, 'Hi.')]).cues[0]!.end).toBe(4)
    // A duration before the last start is no help.
    expect(run([cue(30, NaN_, 'Hi.')], 'text', { duration: 20 }).cues[0]!.end).toBe(31)
    expect(estimateDuration('a'.repeat(45))).toBe(3)
  })

  it('repairs an end before the start (negative-duration) and a zero-length cue', () => {
    const t = run([cue(10, 5, 'backwards'), cue(12, 12, 'zero'), cue(20, 21, 'fine')], 'srt')
    expect(spans(t.cues)).toEqual([
      [10, 11, 'backwards'],
      [12, 13, 'zero'],
      [20, 21, 'fine'],
    ])
    expect(t.warnings).toEqual([
      { line: 0, code: 'negative-duration', message: expect.stringContaining('1 cue') },
    ])
    // Capped by the next start when that comes sooner than the estimate.
    expect(spans(run([cue(10, 5, 'backwards'), cue(10.5, 11, 'next')], 'srt').cues)[0]).toEqual([
      10,
      10.5,
      'backwards',
    ])
  })

  it('cites the source line in warnings when the reader gives lines', () => {
    const result: ReadResult = {
      cues: [cue(5, NaN_, 'b'), cue(1, NaN_, 'a'), cue(9, NaN_, 'a')],
      warnings: [],
      lines: [3, 7, 9],
    }
    const t = normalize(result, 'text')
    expect(t.warnings).toEqual([{ line: 7, code: 'unordered', message: expect.any(String) }])
  })
})

describe('normalize: repeated lines', () => {
  it('merges consecutive repeats in text, ignoring case and spacing, from the first start to the last end', () => {
    const t = run([
      cue(51, NaN_, 'to unite. We started'),
      cue(54, NaN_, 'To  unite.  we started '),
      cue(57, NaN_, 'This is your host'),
    ])
    expect(spans(t.cues)).toEqual([
      [51, 57, 'to unite. We started'],
      [57, 57 + estimateDuration('This is your host'), 'This is your host'],
    ])
    expect(t.warnings).toEqual([
      { line: 0, code: 'duplicate-merged', message: expect.stringContaining('1 repeated') },
    ])
  })

  it('keeps the same words from two speakers apart, in text too', () => {
    const t = run([
      cue(1, NaN_, 'Yeah.', { speaker: 'Michael' }),
      cue(2, NaN_, 'Yeah.', { speaker: 'Seth' }),
      cue(3, NaN_, 'yeah.', { speaker: 'Seth' }),
    ])
    expect(t.cues.map((c) => [c.speaker, c.text, c.start, c.end])).toEqual([
      ['Michael', 'Yeah.', 1, 2],
      ['Seth', 'Yeah.', 2, 3],
    ])
  })

  it('keeps the same line said again later, after something else', () => {
    const t = run([cue(1, NaN_, 'Yeah.'), cue(2, NaN_, 'Right.'), cue(3, NaN_, 'Yeah.')])
    expect(t.cues.map((c) => c.text)).toEqual(['Yeah.', 'Right.', 'Yeah.'])
    expect(t.warnings).toEqual([])
  })

  it('keeps a repeat with its own time range in formats with end times: said twice ("surprise")', () => {
    for (const format of ['vtt', 'srt', 'json', 'html'] as const) {
      const t = run([cue(20.68, 21.18, 'surprise'), cue(21.18, 22.2, 'surprise')], format)
      expect([format, spans(t.cues)]).toEqual([
        format,
        [
          [20.68, 21.18, 'surprise'],
          [21.18, 22.2, 'surprise'],
        ],
      ])
      expect(t.warnings).toEqual([])
    }
    // A gap (the Talk Python VTT repeats its intro line 0.3 s later): said twice, kept twice.
    expect(run([cue(51.46, 53.76, 'to unite.'), cue(54.06, 56.86, 'to unite.')], 'vtt').cues).toHaveLength(2)
    // A cue of 100 ms is short but can hold a word: not a bridge.
    expect(run([cue(1, 1.1, 'Yeah.'), cue(1.1, 1.5, 'Yeah.')], 'srt').cues).toHaveLength(2)
    // Two people saying the same thing, even at the same time.
    expect(
      run([cue(0, 2, 'Yes.', { speaker: 'A' }), cue(0, 2, 'Yes.', { speaker: 'B' })], 'json').cues,
    ).toHaveLength(2)
  })

  it('merges exact duplicates (same start and end, to the millisecond) in formats with end times', () => {
    const t = run(
      [cue(3442.72, 3443.72, 'Bye.'), cue(3442.7204, 3443.7196, 'bye.'), cue(3443.72, 3444.72, 'Bye.')],
      'vtt',
    )
    expect(spans(t.cues)).toEqual([
      [3442.72, 3443.72, 'Bye.'],
      [3443.72, 3444.72, 'Bye.'],
    ])
    expect(t.warnings).toEqual([
      { line: 0, code: 'duplicate-merged', message: expect.stringContaining('1 repeated') },
    ])
  })

  it('merges rolling repeats: the same words shown twice at once, or held by a bridge cue under 100 ms', () => {
    // Overlap (older YouTube auto-captions): the second display starts before the first ends.
    const overlap = run([cue(0, 2, 'one two'), cue(2, 4, 'one two'), cue(3.5, 6, 'ONE  two')], 'vtt')
    expect(spans(overlap.cues)).toEqual([
      [0, 2, 'one two'],
      [2, 6, 'one two'],
    ])
    // A YouTube caption converted to SRT (yt-dlp --convert-subs srt): the line, then a 10 ms cue
    // holding it, then the next caption (which starts with that line and so is another text).
    const youtube = run(
      [
        cue(0.08, 1.59, 'The story starts'),
        cue(1.59, 1.6, 'The story starts'),
        cue(1.6, 4.309, 'The story starts\nthe 1950s.'),
        cue(4.309, 4.319, 'The story starts\nthe 1950s.'),
      ],
      'srt',
    )
    expect(spans(youtube.cues)).toEqual([
      [0.08, 1.6, 'The story starts'],
      [1.6, 4.319, 'The story starts\nthe 1950s.'],
    ])
    expect(youtube.warnings[0]!.message).toContain('2 repeated')
    // The bridge may come first; a bridge with a gap before the repeat is no bridge to it.
    expect(spans(run([cue(5, 5.01, 'Hi.'), cue(5.01, 7, 'Hi.')], 'vtt').cues)).toEqual([[5, 7, 'Hi.']])
    expect(run([cue(5, 5.01, 'Hi.'), cue(5.5, 7, 'Hi.')], 'vtt').cues).toHaveLength(2)
    // A cue without an end lasts until the next start: its repeat continues it, as in text.
    expect(
      spans(run([cue(0, NaN_, 'Yes.'), cue(2, NaN_, 'Yes.'), cue(4, NaN_, 'No.')], 'html').cues),
    ).toEqual([
      [0, 4, 'Yes.'],
      [4, 5, 'No.'],
    ])
  })

  it('merges every consecutive repeat in timestamped text: the sample episode goes from 1,209 lines to 1,074', () => {
    const result = readText(shared('fixtures/talk-python-514.txt'))
    expect(result.cues).toHaveLength(1209)
    const t = normalize(result, 'text')
    expect(t.cues).toHaveLength(1074)
    expect(t.warnings.find((w) => w.code === 'duplicate-merged')?.message).toContain('135 repeated')
    // The same lines with end times, each ending at the next later stamp: a repeat with a later stamp
    // touches the line before it and lasts a second or more, so it is speech said again and stays; a
    // repeat under the same stamp gets the same start and end, an exact duplicate, and goes.
    const timed = readText(shared('fixtures/talk-python-514.txt'))
    const starts = timed.cues.map((c) => c.start)
    for (const c of timed.cues) c.end = starts.find((s) => s > c.start) ?? c.start + 2
    let sameStamp = 0
    let laterStamp = 0
    for (let i = 1; i < timed.cues.length; i++) {
      const [a, b] = [timed.cues[i - 1]!, timed.cues[i]!]
      if (a.speaker !== b.speaker || !sameText(a.text, b.text)) continue
      if (a.start === b.start) sameStamp++
      else laterStamp++
    }
    expect(sameStamp + laterStamp).toBe(1209 - 1074)
    expect(laterStamp).toBeGreaterThan(50)
    const kept = normalize(timed, 'vtt')
    expect(kept.cues).toHaveLength(1209 - sameStamp)
  })

  it('reads the issue’s SRT and WebVTT repeats end to end: said twice stays twice, a duplicate cue goes', () => {
    const srt = '1\n00:00:20,680 --> 00:00:21,180\nsurprise\n\n2\n00:00:21,180 --> 00:00:22,200\nsurprise\n'
    expect(spans(parseTranscript(srt).cues)).toEqual([
      [20.68, 21.18, 'surprise'],
      [21.18, 22.2, 'surprise'],
    ])
    const vtt = 'WEBVTT\n\n00:20.680 --> 00:21.180\nsurprise\n\n00:20.680 --> 00:21.180\nsurprise\n'
    expect(spans(parseTranscript(vtt).cues)).toEqual([[20.68, 21.18, 'surprise']])
  })

  it('follows mergeRepeats when given', () => {
    const cues = () => [cue(0, 1, 'a'), cue(5, 6, 'a')]
    expect(normalize({ cues: cues(), warnings: [] }, 'vtt', { mergeRepeats: true }).cues).toHaveLength(1)
    expect(normalize({ cues: cues(), warnings: [] }, 'text', { mergeRepeats: false }).cues).toHaveLength(2)
  })

  it('sameText ignores case and whitespace runs but not words or punctuation', () => {
    expect(sameText('  Hello   World ', 'hello world')).toBe(true)
    expect(sameText('ÉCOLE\tpolytechnique', 'école polytechnique')).toBe(true)
    expect(sameText('hello world', 'helloworld')).toBe(false)
    expect(sameText('hello world.', 'hello world')).toBe(false)
    expect(sameText('hello', 'hello ')).toBe(true)
    expect(sameText('', '   ')).toBe(true)
    expect(sameText('a', '')).toBe(false)
  })
})

describe('normalize: lines sharing a start', () => {
  it('splits the span to the next start evenly (three lines at 1:00, next at 1:09: 3 s each)', () => {
    const t = run([cue(60, NaN_, 'one'), cue(60, NaN_, 'two'), cue(60, NaN_, 'three'), cue(69, NaN_, 'four')])
    expect(spans(t.cues).slice(0, 3)).toEqual([
      [60, 63, 'one'],
      [63, 66, 'two'],
      [66, 69, 'three'],
    ])
    expect(t.cues[3]!.start).toBe(69)
  })

  it('merges repeats before splitting, so a repeated line does not take a share', () => {
    // Talk Python 514 at 5:16: "Yeah." twice and "Right." at the same second, next line at 5:17.
    const t = run([
      cue(316, NaN_, 'Yeah.'),
      cue(316, NaN_, 'Yeah.'),
      cue(316, NaN_, 'Right.'),
      cue(317, NaN_, 'No, lots'),
    ])
    expect(spans(t.cues).slice(0, 2)).toEqual([
      [316, 316.5, 'Yeah.'],
      [316.5, 317, 'Right.'],
    ])
  })

  it('splits the last group up to the duration, or to the sum of estimates', () => {
    expect(spans(run([cue(10, NaN_, 'a'), cue(10, NaN_, 'b')], 'text', { duration: 14 }).cues)).toEqual([
      [10, 12, 'a'],
      [12, 14, 'b'],
    ])
    expect(spans(run([cue(10, NaN_, 'a'), cue(10, NaN_, 'b')]).cues)).toEqual([
      [10, 11, 'a'],
      [11, 12, 'b'],
    ])
  })

  it('splits cues with explicit ends within their shared end (never into the gap after them)', () => {
    const t = run([cue(1, 4, 'left'), cue(1, 4, 'right'), cue(10, 11, 'later')], 'vtt')
    expect(spans(t.cues)).toEqual([
      [1, 2.5, 'left'],
      [2.5, 4, 'right'],
      [10, 11, 'later'],
    ])
  })
})

describe('normalize: speakers and words', () => {
  it('lists distinct speakers in order of first appearance and keeps ids', () => {
    const t = run(
      [
        cue(0, 1, 'a', { speaker: 'Seth' }),
        cue(1, 2, 'b', { speaker: 'Michael', id: 'c2' }),
        cue(2, 3, 'c', { speaker: 'Seth' }),
      ],
      'vtt',
    )
    expect(t.speakers).toEqual(['Seth', 'Michael'])
    expect(t.cues[1]!.id).toBe('c2')
    expect(t.wordLevel).toBe(false)
  })

  it('sorts words and clamps them into their cue; fills missing word times', () => {
    // Out of order in the stream; the last word has no time and follows the word before it.
    const words: Word[] = [
      { start: 1.5, end: 1.8, text: 'two' },
      { start: 0.5, end: 1.2, text: 'one' },
      { start: 2.5, end: 9, text: 'three' },
      { start: Number.NaN, end: Number.NaN, text: 'four' },
    ]
    const t = run([cue(1, 3, 'one two three four', { words })], 'vtt')
    expect(t.wordLevel).toBe(true)
    expect(t.cues[0]!.words).toEqual([
      { start: 1, end: 1.2, text: 'one' },
      { start: 1.5, end: 1.8, text: 'two' },
      { start: 2.5, end: 3, text: 'three' },
      { start: 3, end: 3, text: 'four' },
    ])
    expect(codes(t.warnings)).toEqual(['invalid-value'])
  })

  it('keeps the reader’s warnings first', () => {
    const reader: ParseWarning = { line: 4, code: 'malformed-cue', message: 'x' }
    const t = run([cue(5, 6, 'b'), cue(1, 2, 'a')], 'srt', {}, [reader])
    expect(t.warnings[0]).toBe(reader)
    expect(codes(t.warnings)).toEqual(['malformed-cue', 'unordered'])
  })

  it('passes the duration through', () => {
    expect(run([cue(0, 1, 'a')], 'vtt', { duration: 42 }).duration).toBe(42)
    expect(normalize({ cues: [cue(0, 1, 'a')], warnings: [], duration: 40 }, 'vtt').duration).toBe(40)
    expect('duration' in run([cue(0, 1, 'a')], 'vtt')).toBe(false)
  })
})

// Random raw cues: starts/ends in whole milliseconds, ends missing or broken now and then, texts from a
// small set so that repeats and shared starts are common.
const rawCue = fc.record({
  start: fc.oneof(
    { weight: 20, arbitrary: fc.integer({ min: 0, max: 600_000 }).map((ms) => ms / 1000) },
    { weight: 1, arbitrary: fc.constant(NaN_) },
  ),
  end: fc.oneof(
    fc.constant(NaN_),
    fc.integer({ min: -1000, max: 600_000 }).map((ms) => ms / 1000),
  ),
  text: fc.constantFrom(
    'Yeah.',
    'yeah.',
    'Right.',
    'So the core devs met.',
    'Python 3.14 is out',
    '  so the CORE devs met. ',
    'x',
  ),
  speaker: fc.option(fc.constantFrom('A', 'B'), { nil: undefined }),
})

const FORMATS: TranscriptFormat[] = ['text', 'vtt', 'srt', 'json', 'html']

function toCue(r: { start: number; end: number; text: string; speaker: string | undefined }): Cue {
  const c: Cue = { start: r.start, end: r.end, text: r.text }
  if (r.speaker !== undefined) c.speaker = r.speaker
  return c
}

describe('normalize: properties', () => {
  it('gives finite 0 <= start < end, strictly increasing starts (every cue can be active)', () => {
    fc.assert(
      fc.property(
        fc.array(rawCue, { maxLength: 60 }),
        fc.constantFrom(...FORMATS),
        fc.option(fc.integer({ min: 0, max: 700 })),
        (raw, format, duration) => {
          const t = normalize(
            { cues: raw.map(toCue), warnings: [] },
            format,
            duration === null ? {} : { duration },
          )
          for (let i = 0; i < t.cues.length; i++) {
            const c = t.cues[i]!
            expect(Number.isFinite(c.start) && Number.isFinite(c.end)).toBe(true)
            expect(c.start).toBeGreaterThanOrEqual(0)
            // Every text here is non-empty, and millisecond starts leave room to split any shared span.
            expect(c.end).toBeGreaterThan(c.start)
            if (i > 0) expect(c.start).toBeGreaterThan(t.cues[i - 1]!.start)
          }
        },
      ),
    )
  })

  it('never loses a distinct text: every timed input text is in the output, and only merging drops cues', () => {
    fc.assert(
      fc.property(fc.array(rawCue, { maxLength: 60 }), fc.constantFrom(...FORMATS), (raw, format) => {
        const timed = raw.filter((r) => Number.isFinite(r.start))
        const t = normalize({ cues: raw.map(toCue), warnings: [] }, format)
        for (const r of timed) expect(t.cues.some((c) => sameText(c.text, r.text))).toBe(true)
        const mergedWarning = t.warnings.find((w) => w.code === 'duplicate-merged')
        const mergedCount = mergedWarning === undefined ? 0 : Number.parseInt(mergedWarning.message, 10)
        expect(t.cues.length + mergedCount).toBe(timed.length)
        // After merging, text has no two neighbours with the same text and speaker.
        if (format === 'text') {
          for (let i = 1; i < t.cues.length; i++) {
            const [a, b] = [t.cues[i - 1]!, t.cues[i]!]
            expect(a.speaker === b.speaker && sameText(a.text, b.text)).toBe(false)
          }
        }
      }),
    )
  })

  // Timed cues in order, each at least 100 ms long and starting where the one before ends or later, so
  // that none is a bridge or an overlap; texts and speakers from small sets, so that repeats are common.
  const timedCues = fc
    .array(
      fc.record({
        gap: fc.constantFrom(0, 0, 0, 1, 250, 3000),
        length: fc.integer({ min: 100, max: 5000 }),
        text: fc.constantFrom('Yeah.', 'yeah.', 'Right.', 'So the core devs met.'),
        speaker: fc.option(fc.constantFrom('A', 'B'), { nil: undefined }),
        duplicate: fc.boolean(),
      }),
      { maxLength: 40 },
    )
    .map((rows) => {
      let ms = 0
      return rows.map((r) => {
        ms += r.gap
        const c = toCue({ start: ms / 1000, end: (ms + r.length) / 1000, text: r.text, speaker: r.speaker })
        ms += r.length
        return { cue: c, duplicate: r.duplicate }
      })
    })

  it('in formats with end times, keeps every repeat with its own range and merges every exact duplicate', () => {
    fc.assert(
      fc.property(
        timedCues,
        fc.constantFrom<TranscriptFormat>('vtt', 'srt', 'json', 'html'),
        (rows, format) => {
          const said = rows.map((r) => r.cue)
          const raw: Cue[] = []
          for (const r of rows) {
            raw.push({ ...r.cue })
            // An exact duplicate: the same cue again, written in another case.
            if (r.duplicate) raw.push({ ...r.cue, text: r.cue.text.toUpperCase() })
          }
          const t = normalize({ cues: raw, warnings: [] }, format)
          expect(t.cues.map((c) => [c.start, c.end, c.text, c.speaker])).toEqual(
            said.map((c) => [c.start, c.end, c.text, c.speaker]),
          )
          const duplicates = rows.filter((r) => r.duplicate).length
          expect(t.warnings).toEqual(
            duplicates === 0
              ? []
              : [
                  {
                    line: 0,
                    code: 'duplicate-merged',
                    message: expect.stringMatching(`^${duplicates} repeated`),
                  },
                ],
          )
        },
      ),
    )
  })
})
