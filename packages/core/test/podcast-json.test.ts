import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { syntheticWordJson } from '../bench/generate.js'
import { TranscriptParseError } from '../src/errors.js'
import { readPodcastJson, writePodcastJson } from '../src/formats/podcast-json.js'
import { groupWords, joinWords } from '../src/formats/words.js'
import type { Cue, Transcript, Word } from '../src/model.js'
import { formatTranscript, parseTranscript } from '../src/parse.js'
import { collapseWhitespace } from '../src/text.js'

const shared = (p: string) => fileURLToPath(new URL(`../../../../shared/${p}`, import.meta.url))
const read = (p: string) => readFileSync(shared(p), 'utf8')
const ms3 = (t: number) => Math.round(t * 1000) / 1000
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

describe('readPodcastJson: white space and punctuation as segments of their own', () => {
  const stream = (bodies: string[], extra: Partial<Segment> = {}) =>
    JSON.stringify({
      version: '1.0.0',
      segments: bodies.map((body, i) => ({ ...extra, startTime: i * 0.25, endTime: i * 0.25 + 0.2, body })),
    })

  it('reads "It\'s", " ", "Friday", ",", " ", "folks", "." as one line, "It\'s Friday, folks."', () => {
    const source = stream(["It's", ' ', 'Friday', ',', ' ', 'folks', '.'], { speaker: 'Kevin' })
    const { cues, warnings } = readPodcastJson(source)
    expect(warnings).toEqual([])
    expect(cues.map((c) => [c.text, c.speaker, c.start, c.end])).toEqual([
      ["It's Friday, folks.", 'Kevin', 0, 1.7],
    ])
    expect(cues[0]!.words!.map((w) => [w.text, w.start])).toEqual([
      ["It's", 0],
      ['Friday', 0.5],
      [',', 0.75],
      ['folks', 1.25],
      ['.', 1.5],
    ])
    // Through detection and the cleanup, as a user reads it.
    expect(parseTranscript(source).cues.map((c) => c.text)).toEqual(["It's Friday, folks."])
  })

  it('joins the tokens as the bodies run: a token without a separator before it continues the word', () => {
    const { cues } = readPodcastJson(
      stream(['I', ' ', 'don', "'t", ' ', 'know', '.', ' ', '(', 'Yet', ')', '?']),
    )
    expect(cues.map((c) => c.text)).toEqual(["I don't know.", '(Yet)?'])
    // Separators of any white space, or of several segments, are one separator.
    expect(readPodcastJson(stream(['So', '\t', ' ', 'we', '\u00a0', 'met'])).cues.map((c) => c.text)).toEqual(
      ['So we met'],
    )
  })

  it('ends a line at a separator that holds a line break', () => {
    const { cues } = readPodcastJson(stream(['Hello', ' ', 'there', '\n', 'General', ' ', 'Kenobi']))
    expect(cues.map((c) => c.text)).toEqual(['Hello there', 'General Kenobi'])
  })

  it('skips blank segments in a file of lines, with one warning naming the first', () => {
    const source = JSON.stringify(
      {
        segments: [
          { startTime: 0, endTime: 2, body: 'We have an update planned.' },
          { startTime: 2, endTime: 3, body: '  ' },
          { startTime: 3, endTime: 5, body: 'And then some more.' },
          { startTime: 5, endTime: 6, body: '' },
        ],
      },
      null,
      2,
    )
    const { cues, warnings } = readPodcastJson(source)
    expect(cues.map((c) => c.text)).toEqual(['We have an update planned.', 'And then some more.'])
    expect(warnings.map((w) => [w.code, w.line])).toEqual([['empty-cue', 8]])
    expect(warnings[0]!.message).toContain('2 segment(s)')
    expect(source.split('\n')[7]!.trim()).toBe('{')
  })

  it('never makes a cue of punctuation or white space alone, and loses no token (property)', () => {
    const word = fc.constantFrom('so', 'Python', 'core', 'devs', "'t", 'don', 'Dr.', '3.14', 'Zoë')
    const mark = fc.constantFrom('', '', ',', '.', '?', '!', '…', '.”')
    const piece = fc.record({
      word,
      mark,
      pause: fc.constantFrom(0, 0, 0, 1500),
      speaker: fc.constantFrom('A', 'B'),
    })
    fc.assert(
      fc.property(fc.array(piece, { minLength: 2, maxLength: 60 }), fc.boolean(), (pieces, speakers) => {
        let t = 0
        const segments: Segment[] = []
        const push = (body: string, speaker: string) => {
          const s: Segment = { startTime: t / 1000, endTime: (t + 200) / 1000, body }
          if (speakers) s.speaker = speaker
          segments.push(s)
          t += 250
        }
        for (const [i, p] of pieces.entries()) {
          t += p.pause
          if (i > 0) push(' ', p.speaker)
          push(p.word, p.speaker)
          if (p.mark !== '') push(p.mark, p.speaker)
        }
        const { cues, warnings } = readPodcastJson(JSON.stringify({ segments }))
        expect(warnings).toEqual([])
        for (const c of cues) expect(c.text).toMatch(/[\p{L}\p{N}]/u)
        // Every token once, in order; the lines, joined, are the bodies as they run.
        expect(cues.flatMap((c) => c.words!.map((w) => w.text))).toEqual(
          segments.map((s) => s.body).filter((b) => b !== ' '),
        )
        expect(cues.map((c) => c.text).join(' ')).toBe(segments.map((s) => s.body).join(''))
      }),
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
    // Each line's first segment says how many words it has; bounds and text follow from the words.
    expect(out.segments.map((s) => (s as Segment & { lineWords?: number }).lineWords)).toEqual([
      4,
      undefined,
      undefined,
      undefined,
      1,
    ])
    expect(Object.keys(out.segments[0]!)).toEqual(['speaker', 'startTime', 'endTime', 'body', 'lineWords'])
  })

  it('reads back a WhisperX segment whose words lie inside it (1-3 s, words 1.5-2.5 s) as 1-3 s', () => {
    const whisperx = JSON.stringify({
      segments: [
        {
          start: 1,
          end: 3,
          text: ' Hello world',
          words: [
            { word: 'Hello', start: 1.5, end: 2, score: 0.9 },
            { word: 'world', start: 2, end: 2.5, score: 0.8 },
          ],
        },
      ],
    })
    const t = parseTranscript(whisperx)
    const out = formatTranscript(t, 'json')
    const first = (JSON.parse(out) as { segments: Array<Record<string, unknown>> }).segments[0]!
    expect([first.startTime, first.lineStartTime, first.lineEndTime, first.lineBody]).toEqual([
      1.5,
      1,
      3,
      undefined,
    ])
    expect(parseTranscript(out).cues).toEqual(t.cues)
    expect(t.cues.map((c) => [c.start, c.end, c.words!.length])).toEqual([[1, 3, 2]])
  })

  it('reads back a WebVTT cue with inline word times followed by one without as the same two cues', () => {
    const vtt =
      'WEBVTT\n\n00:01.000 --> 00:03.000\n<v Kevin>Hello <00:01.500>big <00:02.000>world, again\n\n' +
      '00:03.000 --> 00:05.000\n<v Kevin>No word times here\n'
    const t = parseTranscript(vtt)
    expect(t.cues.map((c) => [c.text, c.words?.length])).toEqual([
      ['Hello big world, again', 3],
      ['No word times here', undefined],
    ])
    const back = parseTranscript(formatTranscript(t, 'json'))
    expect(back.cues).toEqual(t.cues)
    expect(back.warnings).toEqual([])
  })

  it('marks a transcript of one-word lines, which would read as a word stream, line by line', () => {
    const cues: Cue[] = [
      { start: 0, end: 1, text: 'Yeah.', speaker: 'A' },
      { start: 1, end: 2, text: 'Right.', speaker: 'B' },
      { start: 2, end: 4, text: 'Exactly.', speaker: 'A' },
    ]
    const out = writePodcastJson(transcript(cues))
    expect(out).toContain('"body":"Yeah.","lineWords":0}')
    expect(readPodcastJson(out).cues).toEqual(cues)
  })

  it('round-trips real transcripts of every format through formatTranscript(t, "json") to the same cues', () => {
    const files = [
      ...readdirSync(shared('corpora/talk-python')).map((f) => `corpora/talk-python/${f}`),
      ...readdirSync(shared(WHISPERX)).map((f) => `${WHISPERX}/${f}`),
      `${PODCAST}/example.json`,
      `${PODCAST}/example.vtt`,
      `${PODCAST}/example.srt`,
      `${PODCAST}/example.html`,
    ].filter((f) => /\.(txt|vtt|srt|json|html)$/.test(f))
    expect(files.length).toBeGreaterThanOrEqual(20)
    for (const file of files) {
      const t = parseTranscript(read(file), { fileName: file })
      const back = parseTranscript(formatTranscript(t, 'json'))
      expect([file, back.cues.length]).toEqual([file, t.cues.length])
      expect(back.cues, file).toEqual(
        t.cues.map((c) => {
          // JSON has no cue identifiers; times are written to the millisecond.
          const { id: _id, ...rest } = c
          const out: Cue = { ...rest, start: ms3(c.start), end: ms3(c.end) }
          if (c.words !== undefined)
            out.words = c.words.map((w) => ({ ...w, start: ms3(w.start), end: ms3(w.end) }))
          return out
        }),
      )
    }
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
  // Transcripts as readers leave them: starts in whole milliseconds and in order, each cue at least
  // 100 ms long and none overlapping the next (so the cleanup keeps every cue, repeats included), and
  // of three kinds mixed: lines without word timings, lines whose words fill them, and lines whose
  // bounds reach past their words (WhisperX segments). Word texts may hold a space (a WebVTT stretch
  // between two timestamps), and a line's text may differ from its words joined (WebVTT text before the
  // first timestamp, spacing the words do not give).
  const roundTripCue = fc.record({
    gap: fc.constantFrom(0, 0, 40, 1500),
    speaker: fc.option(name, { nil: undefined }),
    kind: fc.constantFrom('line', 'words', 'wider'),
    lineWords: fc.array(token, { minLength: 1, maxLength: 4 }),
    words: fc.array(
      fc.record({
        gap: fc.constantFrom(0, 0, 120),
        length: fc.integer({ min: 0, max: 700 }),
        text: fc.oneof(
          { weight: 4, arbitrary: token },
          fc.tuple(token, token).map(([a, b]) => `${a} ${b}`),
        ),
      }),
      { minLength: 1, maxLength: 6 },
    ),
    textOf: fc.constantFrom('joined', 'spaced', 'more'),
    margins: fc.tuple(fc.integer({ min: 1, max: 900 }), fc.integer({ min: 1, max: 900 })),
  })

  function buildTranscript(
    origin: number,
    drafts: Array<typeof roundTripCue extends fc.Arbitrary<infer T> ? T : never>,
  ) {
    let t = origin
    const cues: Cue[] = drafts.map((d) => {
      t += d.gap
      let cue: Cue
      if (d.kind === 'line') {
        const length = 100 + 150 * d.lineWords.length
        cue = { start: t / 1000, end: (t + length) / 1000, text: d.lineWords.join(' ') }
        t += length
      } else {
        const lead = d.kind === 'wider' ? d.margins[0] : 0
        const start = t
        t += lead
        const words: Word[] = d.words.map((w) => {
          t += w.gap
          const word = { start: t / 1000, end: (t + w.length) / 1000, text: w.text }
          t += w.length
          return word
        })
        t = Math.max(t + (d.kind === 'wider' ? d.margins[1] : 0), start + 100)
        const joined = joinWords(words)
        const text =
          d.textOf === 'joined'
            ? joined
            : d.textOf === 'spaced'
              ? words.map((w) => w.text).join(' ')
              : `${joined} ${d.lineWords.join(' ')}`
        cue = { start: start / 1000, end: t / 1000, text: collapseWhitespace(text), words }
      }
      if (d.speaker !== undefined) cue.speaker = d.speaker
      return cue
    })
    const wordLevel = cues.some((c) => c.words !== undefined)
    const speakers = [...new Set(cues.flatMap((c) => (c.speaker === undefined ? [] : [c.speaker])))]
    const out: Transcript = { format: 'vtt', cues, warnings: [], speakers, wordLevel }
    return out
  }

  it('round-trips mixed transcripts through formatTranscript and parseTranscript to the same cues (property)', () => {
    fc.assert(
      fc.property(ms, fc.array(roundTripCue, { minLength: 1, maxLength: 10 }), (origin, drafts) => {
        const t = buildTranscript(origin, drafts)
        const back = parseTranscript(formatTranscript(t, 'json'))
        expect(back.format).toBe('json')
        expect(back.cues).toEqual(t.cues)
        expect(back.speakers).toEqual(t.speakers)
        expect(back.wordLevel).toBe(t.wordLevel)
        expect(back.warnings).toEqual([])
      }),
      { numRuns: 400 },
    )
  })
})
