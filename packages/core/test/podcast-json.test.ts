import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { syntheticWordJson } from '../bench/generate.js'
import { TranscriptParseError } from '../src/errors.js'
import { readPodcastJson, writePodcastJson } from '../src/formats/podcast-json.js'
import { groupWords } from '../src/formats/words.js'
import type { Cue, Transcript, Word } from '../src/model.js'
import { collapseWhitespace } from '../src/text.js'

const shared = (p: string) => fileURLToPath(new URL(`../../../../shared/${p}`, import.meta.url))
const read = (p: string) => readFileSync(shared(p), 'utf8')
const PODCAST = 'corpora/podcast-namespace/docs/examples/transcripts'
const WHISPERX = 'corpora/whisper/whisperx'

function transcript(cues: Cue[]): Transcript {
  return {
    format: 'json',
    cues,
    warnings: [],
    speakers: [],
    wordLevel: cues.some((c) => c.words !== undefined),
  }
}

function thrown(fn: () => unknown): TranscriptParseError {
  try {
    fn()
  } catch (e) {
    if (e instanceof TranscriptParseError) return e
    throw e
  }
  throw new Error('expected a TranscriptParseError')
}

interface Segment {
  speaker?: string
  startTime: number
  endTime?: number
  body: string
}

describe('readPodcastJson on the Podcasting 2.0 examples', () => {
  const vader: Cue[] = [
    {
      start: 0.5,
      end: 2.5,
      text: 'I am your father.',
      speaker: 'Darth Vader',
      words: [
        { start: 0.5, end: 0.75, text: 'I' },
        { start: 1, end: 1.25, text: 'am' },
        { start: 1.5, end: 2, text: 'your' },
        { start: 2.25, end: 2.5, text: 'father.' },
      ],
    },
    {
      start: 2.75,
      end: 3,
      text: 'Nooooo',
      speaker: 'Luke',
      words: [{ start: 2.75, end: 3, text: 'Nooooo' }],
    },
  ]

  it('example.json: a word per segment, grouped into lines with words', () => {
    const source = read(`${PODCAST}/example.json`)
    const { cues, warnings } = readPodcastJson(source)
    expect(warnings).toEqual([])
    expect(cues).toEqual(vader)
    // Every segment of the file is a word of the result, in order, with its own times.
    const segments = (JSON.parse(source) as { segments: Segment[] }).segments
    expect(cues.flatMap((c) => c.words!.map((w) => [w.start, w.end, w.text, c.speaker]))).toEqual(
      segments.map((s) => [s.startTime, s.endTime, s.body, s.speaker]),
    )
  })

  it('the JSON snippet in transcripts.md ("father.\\n" marks the end of a line) reads the same', () => {
    const md = read(`${PODCAST}/transcripts.md`)
    const snippet = /```json\n([\s\S]*?)```/.exec(md)![1]!
    expect(snippet).toContain('"father.\\n"')
    const { cues, warnings } = readPodcastJson(snippet)
    expect(warnings).toEqual([])
    expect(cues).toEqual(vader)
  })
})

describe('readPodcastJson on WhisperX output', () => {
  it('reference_whisperx_transcription.json: a cue per segment with its words', () => {
    const source = read(`${WHISPERX}/reference_whisperx_transcription.json`)
    const file = JSON.parse(source) as {
      segments: Array<{
        start: number
        end: number
        text: string
        words: Array<{ word: string; start: number; end: number }>
      }>
    }
    const { cues, warnings } = readPodcastJson(source)
    expect(warnings).toEqual([])
    expect(cues).toEqual(
      file.segments.map((s) => ({
        start: s.start,
        end: s.end,
        text: s.text.trim(),
        words: s.words.map((w) => ({ start: w.start, end: w.end, text: w.word })),
      })),
    )
  })

  it('issue-559-excerpt.json: a word without times is placed between its neighbours, with a warning', () => {
    const source = read(`${WHISPERX}/issue-559-excerpt.json`)
    const { cues, warnings } = readPodcastJson(source)
    const words = cues.flatMap((c) => c.words!)
    expect(words.map((w) => w.text)).toEqual(['with', '2266', 'okay,'])
    expect(words[1]).toEqual({ start: 41.26, end: 42.76, text: '2266' })
    expect(cues[0]!.speaker).toBe('1')
    expect(warnings).toHaveLength(1)
    expect(warnings[0]!.code).toBe('bad-timestamp')
    // The warning points at the segment: its object starts on that line, its word on the next.
    const lines = source.split('\n')
    expect(lines[warnings[0]!.line - 1]!.trim()).toBe('{')
    expect(lines[warnings[0]!.line]).toContain('"2266"')
  })

  it('issue-419-excerpt.word_segments.json: backwards times reported, no word lost', () => {
    const source = read(`${WHISPERX}/issue-419-excerpt.word_segments.json`)
    const { cues, warnings } = readPodcastJson(source)
    const file = JSON.parse(source) as Array<{ word: string }>
    expect(cues.flatMap((c) => c.words!.map((w) => w.text))).toEqual(file.map((w) => w.word))
    expect(cues.flatMap((c) => c.words!).every((w) => Number.isFinite(w.start) && w.end >= w.start)).toBe(
      true,
    )
    expect(warnings.map((w) => [w.code, w.line])).toEqual([
      ['bad-timestamp', 3],
      ['unordered', 4],
    ])
  })
})

describe('readPodcastJson details', () => {
  const json = (segments: unknown[]) => JSON.stringify({ version: '1.0.0', segments }, null, 2)

  it('reads line-level segments, times as numbers or strings; a missing end is NaN', () => {
    const { cues, warnings } = readPodcastJson(
      json([
        { speaker: 'Kevin', startTime: '0', endTime: '4.5', body: 'We have an update planned.\n' },
        { startTime: 4.5, body: '  And   then some.' },
        { speaker: ' Alban ', startTime: '00:00:09.250', endTime: 0, body: 'Hey there you' },
      ]),
    )
    expect(warnings).toEqual([])
    expect(cues).toEqual([
      { start: 0, end: 4.5, text: 'We have an update planned.', speaker: 'Kevin' },
      { start: 4.5, end: Number.NaN, text: 'And then some.' },
      { start: 9.25, end: Number.NaN, text: 'Hey there you', speaker: 'Alban' },
    ])
  })

  it('skips broken segments with a warning naming their line, keeps the rest', () => {
    const source = json([
      { startTime: 1, body: 'first good line' },
      { body: 'no start time here' },
      { startTime: 'INFINITY', body: 'infinite start' },
      { startTime: 'soon', body: 'words as a time' },
      'just a string',
      { startTime: 5, body: { deeply: { nested: [[[['object']]]] } } },
      { startTime: 6, endTime: 'later', body: 'bad end kept' },
      { startTime: 7, body: 'last good line' },
    ]).replace('"INFINITY"', '1e400')
    const { cues, warnings } = readPodcastJson(source)
    expect(cues.map((c) => [c.start, c.end, c.text])).toEqual([
      [1, Number.NaN, 'first good line'],
      [6, Number.NaN, 'bad end kept'],
      [7, Number.NaN, 'last good line'],
    ])
    expect(warnings.map((w) => w.code)).toEqual([
      'bad-timestamp',
      'bad-timestamp',
      'bad-timestamp',
      'invalid-value',
      'invalid-value',
      'bad-timestamp',
    ])
    // Each warning's line is where its segment starts in the file, in file order.
    const lines = source.split('\n')
    const starts = lines.flatMap((l, i) => (/^ {4}(\{|"just a string")/.test(l) ? [i + 1] : []))
    expect(warnings.map((w) => w.line)).toEqual([
      starts[1],
      starts[2],
      starts[3],
      starts[4],
      starts[5],
      starts[6],
    ])
  })

  it('says where the JSON is broken', () => {
    const err = thrown(() =>
      readPodcastJson(
        '{\n  "version": "1.0.0",\n  "segments": [\n    {"startTime": 1, "body": "x"},\n  ]\n}',
      ),
    )
    expect([err.format, err.line]).toEqual(['json', 5])
    expect(thrown(() => readPodcastJson('{\n"segments": [\n{"startTime": 1, body: "x"}]}')).line).toBe(3)
    expect(thrown(() => readPodcastJson('{"segments": [\n\n{"startTime": 1')).line).toBe(3)
    expect(thrown(() => readPodcastJson('WEBVTT\n\n00:00.000 --> 00:01.000\nhi')).line).toBe(1)
    expect(thrown(() => readPodcastJson('{"a": "x\ny"}')).line).toBe(1)
  })

  it('rejects JSON that holds no segment list', () => {
    expect(thrown(() => readPodcastJson('{"version": "1.0.0"}')).expected).toContain('segments')
    expect(thrown(() => readPodcastJson('{\n"version": "1.0.0",\n"segments": {"0": {}}}')).line).toBe(3)
    expect(thrown(() => readPodcastJson('42')).format).toBe('json')
    expect(thrown(() => readPodcastJson('null')).format).toBe('json')
  })

  it('survives deep nesting and huge values without a crash', () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`
    expect(readPodcastJson(deep).cues).toEqual([])
    expect(thrown(() => readPodcastJson(`{"segments": ${'['.repeat(100_000)}`)).format).toBe('json')
    expect(thrown(() => readPodcastJson(`{"segments": [${'{"a":'.repeat(50_000)}`)).format).toBe('json')
    const huge = readPodcastJson(
      json([
        { startTime: 1, endTime: 'BIG', body: 'x y' },
        { startTime: 2, body: 'a'.repeat(1e6) },
      ]).replace('"BIG"', '9'.repeat(400)),
    )
    expect(huge.cues.map((c) => c.text.length)).toEqual([3, 1e6])
  })

  it('accepts a byte-order mark', () => {
    expect(readPodcastJson(`\ufeff${json([{ startTime: 1, body: 'hello there' }])}`).cues).toHaveLength(1)
  })

  it('groups an unmarked word stream with groupWords, keeping every word in order', () => {
    const source = syntheticWordJson(2_000, 0.2)
    const segments = (JSON.parse(source) as { segments: Segment[] }).segments
    const { cues, warnings } = readPodcastJson(source)
    expect(warnings).toEqual([])
    expect(cues.length).toBeGreaterThan(50)
    expect(cues.flatMap((c) => c.words!.map((w) => w.text))).toEqual(segments.map((s) => s.body))
    expect(cues).toEqual(
      groupWords(
        segments.map((s) => ({ start: s.startTime, end: s.endTime!, text: s.body, speaker: s.speaker! })),
      ),
    )
  })
})

describe('writePodcastJson', () => {
  it('writes a segment per cue for a line-level transcript', () => {
    const out = writePodcastJson(
      transcript([
        { start: 0.5004, end: 2, text: 'Hello "there"', speaker: 'Kevin' },
        { start: 2, end: Number.NaN, text: 'No speaker' },
      ]),
    )
    expect(out).toBe(
      '{"version":"1.0.0","segments":[{"speaker":"Kevin","startTime":0.5,"endTime":2,"body":"Hello \\"there\\""},' +
        '{"startTime":2,"body":"No speaker"}]}',
    )
  })

  it('writes a segment per word for a word-level transcript, marking line ends', () => {
    const example = readPodcastJson(read(`${PODCAST}/example.json`)).cues
    const out = JSON.parse(writePodcastJson(transcript(example))) as { version: string; segments: Segment[] }
    expect(out.version).toBe('1.0.0')
    expect(out.segments.map((s) => s.body)).toEqual(['I', 'am', 'your', 'father.\n', 'Nooooo\n'])
    expect(out.segments.map((s) => [s.speaker, s.startTime, s.endTime])).toEqual(
      example.flatMap((c) => c.words!.map((w) => [c.speaker, w.start, w.end])),
    )
  })

  it('round-trips the corpora files', () => {
    for (const file of [
      `${PODCAST}/example.json`,
      `${WHISPERX}/reference_whisperx_transcription.json`,
      `${WHISPERX}/issue-559-excerpt.json`,
    ]) {
      const first = readPodcastJson(read(file)).cues
      expect(readPodcastJson(writePodcastJson(transcript(first))).cues, file).toEqual(first)
    }
  })

  const ms = fc.nat(36_000_000)
  const name = fc.constantFrom('Kevin', 'Alban', 'Darth Vader', 'Zoë "Z" <x>', 'SPEAKER_00')
  const token = fc
    .string({ unit: 'grapheme', minLength: 1, maxLength: 8 })
    .map((s) => s.replace(/\s/g, ''))
    // groupWords' joining rules: a token of closing punctuation sticks to the one before it, a token
    // ending in an opening bracket to the one after; such lines read back with that spacing.
    .filter((s) => /\p{L}|\p{N}/u.test(s) && !/[([{“‘«¿¡]$/u.test(s))

  it('round-trips line-level transcripts (property)', () => {
    const text = fc
      .array(fc.oneof(token, fc.constantFrom('<', '&amp;', '-->', ':', '\n', '"', '\\', '\u2028', '😀')), {
        minLength: 2,
        maxLength: 8,
      })
      .map((p) => collapseWhitespace(p.join(' ')))
      .filter((t) => t.includes(' '))
    const cue = fc
      .record({ start: ms, length: fc.nat(600_000), text, speaker: fc.option(name, { nil: undefined }) })
      .map((c) => {
        const out: Cue = { start: c.start / 1000, end: (c.start + c.length) / 1000, text: c.text }
        if (c.speaker !== undefined) out.speaker = c.speaker
        return out
      })
    fc.assert(
      fc.property(fc.array(cue, { minLength: 1, maxLength: 10 }), (cues) => {
        expect(readPodcastJson(writePodcastJson(transcript(cues))).cues).toEqual(cues)
      }),
      { numRuns: 300 },
    )
  })

  it('round-trips word-level transcripts (property)', () => {
    const cue = fc
      .record({
        speaker: fc.option(name, { nil: undefined }),
        words: fc.array(fc.record({ gap: fc.nat(2_000), length: fc.nat(1_500), text: token }), {
          minLength: 1,
          maxLength: 12,
        }),
      })
      .map(({ speaker, words }) => ({ speaker, words }))
    fc.assert(
      fc.property(ms, fc.array(cue, { minLength: 1, maxLength: 8 }), (origin, drafts) => {
        let t = origin
        const cues: Cue[] = drafts.map((d) => {
          const words: Word[] = d.words.map((w) => {
            t += w.gap
            const word = { start: t / 1000, end: (t + w.length) / 1000, text: w.text }
            t += w.length
            return word
          })
          const out: Cue = {
            start: words[0]!.start,
            end: Math.max(...words.map((w) => w.end)),
            text: words.map((w) => w.text).join(' '),
            words,
          }
          if (d.speaker !== undefined) out.speaker = d.speaker
          return out
        })
        expect(readPodcastJson(writePodcastJson(transcript(cues))).cues).toEqual(cues)
      }),
      { numRuns: 300 },
    )
  })
})
