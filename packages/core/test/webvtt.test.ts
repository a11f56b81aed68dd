import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseVtt } from '../src/entry/vtt.js'
import { TranscriptParseError } from '../src/errors.js'
import { readVtt, readVttPayloads, writeVtt } from '../src/formats/webvtt.js'
import type { Cue, Transcript } from '../src/model.js'
import { collapseWhitespace } from '../src/text.js'
import { parseTimestamp } from '../src/time.js'

const corpora = (path: string): string =>
  fileURLToPath(new URL(`../../../../shared/corpora/${path}`, import.meta.url))

// Read as bytes and decode with replacement but keep a BOM: readVtt plays the decoder's part and drops
// one BOM itself, so a file with two BOMs still fails the signature as in a browser.
const decode = (file: string): string =>
  new TextDecoder('utf-8', { ignoreBOM: true }).decode(readFileSync(file))

const ms = (seconds: number): number => Math.round(seconds * 1000)

function vtt(body: string): string {
  return `WEBVTT\n\n${body}`
}

describe('wpt webvtt file parsing (expected/expectations.json)', () => {
  const root = corpora('wpt-webvtt/')
  const expectations = JSON.parse(readFileSync(`${root}expected/expectations.json`, 'utf8')) as Record<
    string,
    WptEntry
  >
  interface WptEntry {
    expect: 'load' | 'error'
    vtt: string
    cueCount?: number
    cues?: Array<{ index: number; id?: string; text?: string; startTime?: number; endTime?: number }>
    informative?: string
  }
  const cases = Object.entries(expectations)

  it('has the 50 entries the README describes', () => {
    expect(cases.length).toBe(50)
  })

  it.each(cases.filter(([, e]) => e.expect === 'error'))('%s is rejected', (_name, e) => {
    const source = decode(root + e.vtt)
    expect(() => readVtt(source)).toThrow(TranscriptParseError)
    try {
      readVtt(source)
    } catch (error) {
      expect((error as TranscriptParseError).format).toBe('vtt')
      expect((error as TranscriptParseError).line).toBe(1)
    }
  })

  it.each(cases.filter(([, e]) => e.expect === 'load'))('%s', (name, e) => {
    const source = decode(root + e.vtt)
    const raw = readVttPayloads(source)
    // The "informative" count of stylesheets.vtt: STYLE blocks around two cues "foo" and "bar".
    const count = e.cueCount ?? (name === 'stylesheets' ? 2 : undefined)
    if (count !== undefined) expect(raw.cues.length).toBe(count)
    for (const c of e.cues ?? []) {
      const got = raw.cues[c.index]
      expect(got, `cue ${c.index}`).toBeDefined()
      if (got === undefined) continue
      if (c.id !== undefined) expect(got.id ?? '').toBe(c.id)
      if (c.text !== undefined) expect(got.text).toBe(c.text)
      if (c.startTime !== undefined) expect(ms(got.start)).toBe(ms(c.startTime))
      if (c.endTime !== undefined) expect(ms(got.end)).toBe(ms(c.endTime))
    }
    // STYLE (and REGION) blocks never become cues.
    for (const cue of raw.cues) expect(cue.text).not.toMatch(/::cue|width:|regionanchor:/i)
    // The plain-text reader sees the same cues at the same times, except cues without text (skipped)
    // and timings the spec rejects and real tools write (read leniently, with a warning); a file with no
    // cue that has text is an error for it.
    const spoken = raw.cues.filter((c) => c.text.trim() !== '')
    let plain: ReturnType<typeof readVtt>
    try {
      plain = readVtt(source)
    } catch (error) {
      expect(error).toBeInstanceOf(TranscriptParseError)
      expect(spoken).toEqual([])
      return
    }
    const times = (cues: typeof raw.cues) => cues.map((c) => [ms(c.start), ms(c.end), c.id])
    const lenient = plain.warnings.find(
      (w) => w.code === 'bad-timestamp' && w.message.includes('read as written'),
    )
    if (lenient === undefined) expect(times(plain.cues)).toEqual(times(spoken))
    else expect(times(plain.cues)).toEqual(expect.arrayContaining(times(spoken)))
  })

  it('stylesheets.vtt keeps the cues between STYLE blocks by id', () => {
    const { cues } = readVttPayloads(decode(`${root}file-parsing/tests/support/stylesheets.vtt`))
    expect(cues.map((c) => [c.id, c.text])).toEqual([
      ['foo', 'text'],
      ['bar', 'text'],
    ])
  })

  it('arrows.vtt reads every cue whose identifier line has an arrow-like text', () => {
    const { cues } = readVttPayloads(decode(`${root}file-parsing/tests/support/arrows.vtt`))
    expect(cues.map((c) => c.text)).toEqual(['text1', 'text2', 'text3', 'text4', 'text5', 'text6'])
  })
})

describe('mozilla vtt.js fixtures (manifest.json)', () => {
  const root = corpora('mozilla-vtt.js/')
  const manifest = JSON.parse(readFileSync(`${root}manifest.json`, 'utf8')) as Array<{
    vtt: string
    expected: string
    method: string
  }>
  interface VttJsCue {
    id: string
    text: string
    startTime: number
    endTime: number
  }

  // vtt.js follows a 2013-2015 draft; where it disagrees with the current spec and wpt, we follow wpt.
  const bySpec: Record<string, (source: string, expected: VttJsCue[]) => void> = {
    // Bad signatures (blank, garbage, tab or newline before "WEBVTT", "WEBvtt"): vtt.js reports an error
    // and yields no cues; the spec (wpt signature-invalid) rejects the file, so we throw.
    ...Object.fromEntries(
      [
        'blank-file-with-bom',
        'blank-file',
        'bom-garbage-data',
        'bom-tab-webvtt',
        'garbage-signature',
        'newline-before-webvtt',
        'tab-after-bom-before-header',
        'bad-double-webvtt',
      ].map((name) => [
        `tests/file-layout/${name}.vtt`,
        (source: string, expected: VttJsCue[]) => {
          expect(expected).toEqual([])
          expect(() => readVtt(source)).toThrow(TranscriptParseError)
        },
      ]),
    ),
    // "000:00.000" and "120:00.000": a first field that is not two digits (or over 59) is hours, so
    // minutes and seconds must follow (wpt timings-too-long/too-short); vtt.js reads them as minutes.
    // The transcript reader takes them as minutes, as vtt.js and SRT readers do, and says so.
    'tests/cue-times/min-top-digits.vtt': (source, expected) => {
      const r = readVttPayloads(source)
      expect(r.cues).toEqual([])
      expect(r.warnings.map((w) => [w.code, w.line])).toEqual([['bad-timestamp', 3]])
      const lenient = readVtt(source)
      expect(lenient.cues.map((c) => [c.text, ms(c.start), ms(c.end)])).toEqual(
        expected.map((c) => [c.text, ms(c.startTime), ms(c.endTime)]),
      )
      expect(lenient.warnings.map((w) => [w.code, w.line])).toEqual([['bad-timestamp', 3]])
    },
    'tests/cue-times/minimum-spots-over-sixty.vtt': (source) => {
      const r = readVttPayloads(source)
      expect(r.cues).toEqual([])
      expect(r.warnings.map((w) => [w.code, w.line])).toEqual([['bad-timestamp', 3]])
      // vtt.js makes 120 hours of "120:00.000"; a lenient clock reads 120 minutes, as SRT readers do.
      const lenient = readVtt(source)
      expect(lenient.cues.map((c) => [c.text, c.start, c.end])).toEqual([['Text', 7200, 7210]])
      expect(lenient.warnings.map((w) => [w.code, w.line])).toEqual([['bad-timestamp', 3]])
    },
    // A timing line right after the signature line ends the header and starts a cue (wpt header-timings).
    'tests/file-layout/header-no-new-line.vtt': (source, expected) => {
      expect(expected).toEqual([])
      expect(readVttPayloads(source).cues.map((c) => [c.start, c.end, c.text])).toEqual([[11, 13, 'Test']])
    },
    // An identifier line "-->" is a failed timing line; the timing line after it starts the next block
    // (wpt arrows), so the cue "Test" is kept without an identifier where vtt.js drops it.
    'tests/integration/id.vtt': (source, expected) => {
      const { cues, warnings } = readVttPayloads(source)
      expect(cues.map((c) => [c.id ?? '', c.text, c.start, c.end])).toEqual([
        ...expected.slice(0, 3).map((c) => [c.id, c.text, c.startTime, c.endTime]),
        ['', 'Test', 4, 5],
        ...expected.slice(3).map((c) => [c.id, c.text, c.startTime, c.endTime]),
      ])
      expect(warnings.map((w) => w.code)).toEqual(['bad-timestamp'])
    },
  }

  it('has the 264 entries the README describes', () => {
    expect(manifest.length).toBe(264)
  })

  it.each(manifest.map((e) => [e.vtt, e] as const))('%s', (file, entry) => {
    const source = decode(root + file)
    const expected = (JSON.parse(readFileSync(root + entry.expected, 'utf8')) as { cues: VttJsCue[] }).cues
    const special = bySpec[file]
    if (special !== undefined) {
      special(source, expected)
      return
    }
    const { cues } = readVttPayloads(source)
    // Layout keys (align, line, position, size, region, vertical) are not compared: no layout here.
    expect(cues.map((c) => [c.id ?? '', c.text, ms(c.start), ms(c.end)])).toEqual(
      expected.map((c) => [c.id, c.text, ms(c.startTime), ms(c.endTime)]),
    )
  })
})

describe('real podcast files', () => {
  it('podcast-namespace example.vtt: speakers from voice spans, references decoded', () => {
    const source = decode(corpora('podcast-namespace/docs/examples/transcripts/example.vtt'))
    const { cues, warnings } = readVtt(source)
    const timingLines = source.split('\n').filter((l) => l.includes('-->'))
    expect(cues.length).toBe(timingLines.length)
    expect(warnings).toEqual([])
    const voices = [...source.matchAll(/^<v ([^>]+)>/gm)].map((m) => m[1])
    expect(cues.map((c) => c.speaker)).toEqual(voices)
    expect(new Set(voices)).toEqual(new Set(['Sarah', 'Gillian']))
    expect(cues.some((c) => c.text.includes('Podcasting Q&A,'))).toBe(true)
    for (const cue of cues) expect(cue.text).not.toMatch(/[<>]|&amp;/)
  })

  const talkPython = readdirSync(corpora('talk-python')).filter((f) => f.endsWith('.vtt'))

  it('reads all seven talk-python episodes', () => {
    expect(talkPython.length).toBe(7)
  })

  it.each(talkPython)('talk-python %s: one cue per timing line, no text lost', (file) => {
    const source = decode(corpora(`talk-python/${file}`))
    const { cues, warnings } = readVtt(source)
    const lines = source.replace(/\r\n?/g, '\n').split('\n')
    const timings = lines.filter((l) => l.includes('-->'))
    expect(warnings).toEqual([])
    expect(cues.length).toBe(timings.length)
    // Times as written, read by the independent `parseTimestamp`.
    expect(cues.map((c) => [ms(c.start), ms(c.end)])).toEqual(
      timings.map((l) => l.split('-->').map((t) => ms(parseTimestamp(t)))),
    )
    // Every other non-blank line after the signature is cue text, in order.
    const text = lines.slice(1).filter((l) => l.trim() !== '' && !l.includes('-->'))
    expect(cues.map((c) => c.text).join(' ')).toBe(collapseWhitespace(text.join(' ')))
    expect(cues.every((c) => c.speaker === undefined && c.words === undefined)).toBe(true)
    // And the writer gives them back unchanged.
    const again = readVtt(writeVtt({ format: 'vtt', cues, warnings: [], speakers: [], wordLevel: false }))
    expect(again.cues).toEqual(cues)
  })
})

describe('readVtt', () => {
  it('reads the signature with a BOM, a title and header lines', () => {
    const { cues } = readVtt(
      '\ufeffWEBVTT - Episode 514\nKind: captions\nLanguage: en\n\n00:01.000 --> 00:02.500\nHello',
    )
    expect(cues).toEqual([{ start: 1, end: 2.5, text: 'Hello' }])
  })

  it.each([
    ['', 'an empty file'],
    ['WEBVTTX\n', 'a letter after the signature'],
    ['webvtt\n', 'a lowercase signature'],
    [' WEBVTT\n', 'a space before it'],
    ['1\n00:00:01,000 --> 00:00:02,000\nHi\n', 'an SRT file'],
  ])('rejects %j (%s) with a TranscriptParseError at line 1', (source) => {
    expect(() => readVtt(source)).toThrow(TranscriptParseError)
    expect(() => readVtt(source)).toThrow(/vtt line 1: expected the signature "WEBVTT"/)
  })

  it('rejects a file without a cue that has text: a transcript, never an empty one', () => {
    for (const source of [
      'WEBVTT',
      'WEBVTT\n\n',
      'WEBVTT\n\nNOTE only a note\n',
      vtt('00:01.000 --> 00:02.000\n \n'),
    ]) {
      expect(() => readVtt(source), JSON.stringify(source)).toThrow(TranscriptParseError)
      // The spec's parse alone has no cues and no error.
      expect(readVttPayloads(source).cues.filter((c) => c.text.trim() !== '')).toEqual([])
    }
    expect(() => readVtt(vtt('00:01.000 --> 00:02.000\n \n'))).toThrow(
      expect.objectContaining({ format: 'vtt', line: 3 }),
    )
    // Every timing line broken: the error names the first.
    expect(() => readVtt(vtt('00:01 -> 00:02\nlost\n\n00:03 -> 00:04\nlost too\n'))).toThrow(
      expect.objectContaining({
        format: 'vtt',
        line: 3,
        message: expect.stringContaining('"00:01 -> 00:02"'),
      }),
    )
  })

  it('reads NOTE, STYLE and REGION blocks past without cues or warnings', () => {
    const { cues, warnings } = readVtt(
      vtt(
        'STYLE\n::cue { color: red }\n\nREGION\nid:fred width:40%\n\nNOTE a comment\nover two lines\n\n' +
          'NOTE\nanother\n\n00:01.000 --> 00:02.000\nOne\n\nNOTE between cues\n\n00:02.000 --> 00:03.000\nTwo\n',
      ),
    )
    expect(cues.map((c) => c.text)).toEqual(['One', 'Two'])
    expect(warnings).toEqual([])
  })

  it('warns about a STYLE block after the first cue and about text outside any cue', () => {
    const { cues, warnings } = readVtt(
      vtt('00:01.000 --> 00:02.000\nOne\n\nSTYLE\n::cue { color: red }\n\nstray line\nand another\n'),
    )
    expect(cues.length).toBe(1)
    expect(warnings.map((w) => [w.code, w.line])).toEqual([
      ['unknown-block', 6],
      ['malformed-cue', 9],
    ])
    expect(warnings[1]?.message).toContain('stray line')
  })

  it('keeps cue identifiers, leading and trailing spaces included', () => {
    const { cues } = readVtt(
      vtt('intro\n00:01.000 --> 00:02.000\nHi\n\n 2 \n00:02.000 --> 00:03.000\nThere\n'),
    )
    expect(cues.map((c) => c.id)).toEqual(['intro', ' 2 '])
  })

  it('reads times with and without hours, and hours beyond 99', () => {
    const { cues } = readVtt(
      vtt(
        '01:02.003 --> 1:02:03.004\na\n\n123:00:00.000 --> 123:00:01.500\nb\n\n00:59.999 --> 01:00:00.000\nc',
      ),
    )
    expect(cues.map((c) => [c.start, c.end])).toEqual([
      [62.003, 3723.004],
      [442800, 442801.5],
      [59.999, 3600],
    ])
  })

  it('ignores cue settings, valid or not, without touching the times', () => {
    const { cues, warnings } = readVtt(
      vtt(
        '00:01.000 --> 00:02.000 align:start position:10%,line-left line:0 size:50% vertical:rl region:x\nA\n\n' +
          '00:02.000 --> 00:03.000\tbogus  line:abc -->\nB\n\n00:03.000-->00:04.000\nC\n',
      ),
    )
    expect(warnings).toEqual([])
    expect(cues.map((c) => [c.start, c.end, c.text])).toEqual([
      [1, 2, 'A'],
      [2, 3, 'B'],
      [3, 4, 'C'],
    ])
  })

  it('skips a cue with a bad timing line, warns with its line, and reads on', () => {
    const { cues, warnings } = readVtt(
      vtt('00:01.000 --> 00:02.000\nOne\n\n00:02 --> soon\nlost\n\n00:03.000 --> 00:04.000\nThree\n'),
    )
    expect(cues.map((c) => c.text)).toEqual(['One', 'Three'])
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatchObject({ line: 6, code: 'bad-timestamp' })
    expect(warnings[0]?.message).toContain('00:02 --> soon')
  })

  it('returns cues in source order with times as written, end before start included', () => {
    const { cues, warnings } = readVtt(
      vtt('00:05.000 --> 00:06.000\nlater\n\n00:02.000 --> 00:01.000\nbackwards\n'),
    )
    expect(cues.map((c) => [c.start, c.end, c.text])).toEqual([
      [5, 6, 'later'],
      [2, 1, 'backwards'],
    ])
    expect(warnings).toEqual([])
  })

  it('gives the timing line of each cue in `lines`', () => {
    const r = readVtt('WEBVTT\n\nNOTE x\n\nid\n00:01.000 --> 00:02.000\na\nb\n\n\n00:03.000 --> 00:04.000\nc')
    expect(r.lines).toEqual([6, 11])
  })

  it.each([
    ['LF', '\n'],
    ['CRLF', '\r\n'],
    ['CR', '\r'],
  ])('reads %s line breaks, and joins lines of a cue with a space', (_name, nl) => {
    const source = [
      'WEBVTT',
      '',
      'a',
      '00:01.000 --> 00:02.000',
      'one',
      'two',
      '',
      '00:02.000 --> 00:03.000',
      'three',
    ]
    const { cues } = readVtt(source.join(nl))
    expect(cues).toEqual([
      { start: 1, end: 2, text: 'one two', id: 'a' },
      { start: 2, end: 3, text: 'three' },
    ])
  })

  it('replaces NUL with U+FFFD', () => {
    expect(readVtt(vtt('00:01.000 --> 00:02.000\na\0b')).cues[0]?.text).toBe('a\ufffdb')
  })

  it('never hangs or throws on hostile input', { timeout: 30_000 }, () => {
    const piece = fc.oneof(
      fc.constantFrom(
        '<',
        '>',
        '&',
        '&amp',
        ';',
        '-->',
        '\n',
        '\r',
        '\n\n',
        '<v ',
        '</v>',
        '<00:01.000>',
        '</',
      ),
      fc.constantFrom(
        '<ruby>',
        '<rt>',
        '</ruby>',
        '\0',
        ' ',
        '\t',
        'NOTE',
        'STYLE',
        '00:00.000 --> 00:01.000',
        'a',
      ),
      anyText(8),
    )
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }), (pieces) => {
        let r: ReturnType<typeof readVtt>
        try {
          r = readVtt(`WEBVTT\n\n00:00.000 --> 00:01.000\n${pieces.join('')}`)
        } catch (error) {
          // Nothing with text to read: the one error a reader may throw.
          if (error instanceof TranscriptParseError) return true
          throw error
        }
        // Every cue is well formed: plain one-line text and times as numbers.
        return r.cues.every(
          (c) => typeof c.text === 'string' && !c.text.includes('\n') && !Number.isNaN(c.start + c.end),
        )
      }),
      { numRuns: 300 },
    )
  })

  // How the work grows with such payloads is counted in pathological.test.ts; here, what they read as.
  it('reads pathological payloads: a run of tags, references and arrows; deep ruby', () => {
    const long = `WEBVTT\n\n00:00.000 --> 00:01.000\nx${'<'.repeat(50_000)}\n\n00:01.000 --> 00:02.000\n${'&amp'.repeat(20_000)}${'-->'.repeat(1000)}`
    const ruby = `WEBVTT\n\n00:00.000 --> 00:01.000\n${'<ruby><rt>'.repeat(20_000)}${' '.repeat(100_000)}x`
    const a = readVtt(long)
    // A "<" that opens no tag ends the text; "-->" inside a cue's text starts a (broken) timing line.
    expect(a.cues.map((c) => c.text)).toEqual(['x'])
    expect(a.warnings.map((w) => [w.code, w.line])).toEqual([
      ['bad-timestamp', 7],
      ['empty-cue', 6],
    ])
    expect(readVtt(ruby).cues.map((c) => c.text)).toEqual([`${'('.repeat(20_000)} x${')'.repeat(20_000)}`])
  })
})

describe('writeVtt', () => {
  const transcript = (cues: Cue[]): Transcript => ({
    format: 'vtt',
    cues,
    warnings: [],
    speakers: [],
    wordLevel: cues.some((c) => c.words !== undefined),
  })

  it('writes the signature, then one block per cue', () => {
    const out = writeVtt(
      transcript([
        { start: 0, end: 2.5, text: 'Welcome to the show.', speaker: 'Michael Kennedy', id: 'intro' },
        { start: 3723.004, end: 3725, text: 'Q&A: is 1 < 2 --> yes' },
        { start: 3725, end: 3726, text: '' },
      ]),
    )
    expect(out).toBe(
      'WEBVTT\n\nintro\n00:00:00.000 --> 00:00:02.500\n<v Michael Kennedy>Welcome to the show.\n\n' +
        '01:02:03.004 --> 01:02:05.000\nQ&amp;A: is 1 &lt; 2 --&gt; yes\n\n' +
        '01:02:05.000 --> 01:02:06.000\n',
    )
  })

  it('writes a speaker whose name ends in "-" without making an arrow of the voice tag (found by the property below)', () => {
    const cues: Cue[] = [{ start: 0, end: 1, text: '-->', speaker: '--' }]
    const out = writeVtt(transcript(cues))
    expect(out).toBe('WEBVTT\n\n00:00:00.000 --> 00:00:01.000\n<v -- >--&gt;\n')
    const back = readVtt(out)
    expect(back.warnings).toEqual([])
    expect(back.cues).toMatchObject([{ text: '-->', speaker: '--' }])
  })

  it('writes multi-line text on one line and leaves out identifiers it cannot write', () => {
    const out = writeVtt(
      transcript([
        { start: 1, end: 2, text: 'one\n\ntwo', id: 'a-->b' },
        { start: 2, end: 3, text: 'three', id: 'x\ny' },
      ]),
    )
    expect(out).toBe(
      'WEBVTT\n\n00:00:01.000 --> 00:00:02.000\none two\n\n00:00:02.000 --> 00:00:03.000\nthree\n',
    )
  })

  it('writes word timings as inline timestamps strictly inside the cue', () => {
    const out = writeVtt(
      transcript([
        {
          start: 1,
          end: 5,
          text: 'Hello there, world',
          words: [
            { start: 1, end: 1.5, text: 'Hello' },
            { start: 1.5, end: 2, text: 'there,' },
            { start: 3, end: 5, text: 'world' },
          ],
        },
      ]),
    )
    expect(out).toBe(
      'WEBVTT\n\n00:00:01.000 --> 00:00:05.000\nHello <00:00:01.500>there,<00:00:02.000> <00:00:03.000>world\n',
    )
  })

  it('writes text without timestamps when the words do not spell it', () => {
    const out = writeVtt(
      transcript([{ start: 1, end: 2, text: 'Hello world', words: [{ start: 1, end: 2, text: 'Goodbye' }] }]),
    )
    expect(out).toBe('WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nHello world\n')
  })

  it('reads back what it wrote: text, speaker, id, words and times to the millisecond', () => {
    const text = fc.oneof(
      anyText(40),
      fc.constantFrom(
        '-->',
        '<v Bob>',
        '&amp;',
        '& <b>x</b>',
        'a\n\nb',
        '\r\n',
        '漢字 🎙️',
        'NOTE',
        '\0',
        '[SPEAKER_03]: x',
        ' [Bob]:',
      ),
    )
    const wordText = text.map(clean).filter((w) => w !== '')
    const cueArb = fc
      .record({
        start: fc.integer({ min: 0, max: 40 * 3600 * 1000 }),
        length: fc.integer({ min: 0, max: 60_000 }),
        text,
        speaker: fc.option(text, { nil: undefined }),
        id: fc.option(text, { nil: undefined }),
        words: fc.option(
          fc.array(fc.record({ text: wordText, glue: fc.boolean(), gap: fc.integer({ min: 0, max: 3 }) }), {
            minLength: 2,
            maxLength: 6,
          }),
          { nil: undefined },
        ),
      })
      .map(({ start, length, text, speaker, id, words }): Cue => {
        const cue: Cue = { start: start / 1000, end: (start + length) / 1000, text }
        if (speaker !== undefined) cue.speaker = speaker
        if (id !== undefined) cue.id = id
        if (words !== undefined) {
          // Words spell the text; boundaries are increasing and inside the cue, with optional pauses.
          let t = start
          let end = start
          cue.words = words.map((w) => {
            if (w.gap === 3) t += 50
            const from = t
            t += 100 + w.gap * 37
            end = t
            return { start: from / 1000, end: t / 1000, text: w.text }
          })
          // The last word ends with the cue or before it.
          cue.end = (end + (words[0]?.glue ? 0 : 10)) / 1000
          cue.text = words.map((w, k) => (k > 0 && !w.glue ? ' ' : '') + w.text).join('')
        }
        return cue
      })
    fc.assert(
      fc.property(fc.array(cueArb, { maxLength: 8 }), (cues) => {
        const out = writeVtt(transcript(cues))
        // Never an arrow or a blank line inside a cue: blocks are timing lines plus at most two lines.
        for (const block of out.split('\n\n').slice(1)) {
          const lines = block.split('\n').filter((l) => l !== '')
          const timing = lines.findIndex((l) => l.includes('-->'))
          expect(timing === 0 || timing === 1).toBe(true)
          expect(lines.slice(timing + 1).every((l) => !l.includes('-->'))).toBe(true)
          expect(lines.length - timing - 1).toBeLessThanOrEqual(1)
        }
        // A cue without text is skipped on reading (and a file of none is no transcript).
        const spoken = cues.filter((c) => clean(c.text) !== '')
        if (spoken.length === 0) {
          expect(() => readVtt(out)).toThrow(TranscriptParseError)
          return
        }
        const back = readVtt(out)
        expect(back.warnings.filter((w) => w.code !== 'empty-cue')).toEqual([])
        expect(back.cues.map(comparable)).toEqual(spoken.map(expectedBack))
      }),
      { numRuns: 300 },
    )
  })

  it('reads back a real episode unchanged', () => {
    const source = decode(corpora('podcast-namespace/docs/examples/transcripts/example.vtt'))
    const first = readVtt(source).cues
    expect(readVtt(writeVtt(transcript(first))).cues).toEqual(first)
  })
})

// Any code points, lone surrogates included, weighted towards ASCII. (fast-check's own 'binary' string
// unit builds a table of all of Unicode first, which takes seconds.)
function anyText(maxLength: number): fc.Arbitrary<string> {
  const codePoint = fc.oneof(
    { weight: 4, arbitrary: fc.integer({ min: 0, max: 0x7f }) },
    fc.integer({ min: 0x80, max: 0xffff }),
    fc.integer({ min: 0x10000, max: 0x10ffff }),
  )
  return fc.array(codePoint, { maxLength }).map((cps) => cps.map((c) => String.fromCodePoint(c)).join(''))
}

function clean(s: string): string {
  return collapseWhitespace(s.replaceAll('\0', '\ufffd'))
}

function comparable(c: Cue): unknown {
  return {
    start: ms(c.start),
    end: ms(c.end),
    text: c.text,
    speaker: c.speaker,
    id: c.id,
    words: c.words?.map((w) => [ms(w.start), ms(w.end), w.text]),
  }
}

// What a cue reads back as: text and names as the model keeps them (NUL is not representable in WebVTT,
// whitespace collapses), an identifier when one can be written.
function expectedBack(c: Cue): unknown {
  const speaker = c.speaker === undefined ? undefined : clean(c.speaker)
  const id = c.id
  const writableId =
    id !== undefined && id !== '' && !/[\r\n]|-->/.test(id) ? id.replaceAll('\0', '\ufffd') : undefined
  return comparable({
    ...c,
    text: clean(c.text),
    ...{ speaker: speaker === '' ? undefined : speaker },
    ...{ id: writableId },
  } as Cue)
}

describe('WebVTT as real tools write it', () => {
  // yt-dlp's copy of YouTube's auto-captions: every cue repeats the line before it, then adds words with
  // inline times; 10 ms "freeze" cues show the finished line alone; blank lines of a single space.
  const youtube = [
    'WEBVTT',
    'Kind: captions',
    'Language: en',
    '',
    '00:00:00.080 --> 00:00:01.590 align:start position:0%',
    ' ',
    'The<00:00:00.240><c> story</c><00:00:00.480><c> starts</c>',
    '',
    '00:00:01.590 --> 00:00:01.600 align:start position:0%',
    'The story starts',
    ' ',
    '',
    '00:00:01.600 --> 00:00:04.309 align:start position:0%',
    'The story starts',
    'the<00:00:01.760><c> 1950s.</c>',
    '',
    '00:00:04.309 --> 00:00:04.319 align:start position:0%',
    'the 1950s.',
    ' ',
    '',
    '00:00:06.000 --> 00:00:07.500 align:start position:0%',
    'the 1950s.',
    '<c.colorE5E5E5>We</c><00:00:06.400><c.colorE5E5E5> meet</c><00:00:06.900><c> Ada.</c>',
    '',
    '00:00:07.500 --> 00:00:07.510 align:start position:0%',
    'We meet Ada.',
    ' ',
    '',
  ].join('\n')

  it('reads YouTube rolling auto-captions as each spoken word once, with its time, in readable lines', () => {
    const { cues, warnings } = readVtt(youtube)
    expect(cues.map((c) => c.text)).toEqual(['The story starts the 1950s.', 'We meet Ada.'])
    const words = cues.flatMap((c) => c.words!.map((w) => [w.text, w.start, w.end]))
    expect(words).toEqual([
      ['The', 0.08, 0.24],
      ['story', 0.24, 0.48],
      ['starts', 0.48, 1.59],
      ['the', 1.6, 1.76],
      ['1950s.', 1.76, 4.309],
      ['We', 6, 6.4],
      ['meet', 6.4, 6.9],
      ['Ada.', 6.9, 7.5],
    ])
    // Lines point at the timing line of their first word's cue.
    expect(readVtt(youtube).lines).toEqual([5, 21])
    expect(warnings.map((w) => w.code)).toEqual(['duplicate-merged'])
    expect(warnings[0]!.message).toMatch(/^5 rolling caption line/)
  })

  it('parses YouTube rolling captions into a transcript with as many words as were spoken', () => {
    const t = parseVtt(youtube)
    const spoken = 'The story starts the 1950s. We meet Ada.'.split(' ').length
    expect(t.cues.flatMap((c) => c.text.split(' ')).length).toBe(spoken)
    expect(t.wordLevel).toBe(true)
  })

  it('keeps a cue that does not repeat the line before, starts before it, or is one line said twice', () => {
    const { cues, warnings } = readVtt(
      vtt(
        '00:01.000 --> 00:02.000\nHello\n\n00:02.000 --> 00:03.000\nthere\nfriend\n\n' +
          '00:01.500 --> 00:05.000\nfriend\nagain\n\n' +
          '00:20.680 --> 00:21.180\nsurprise\n\n00:21.180 --> 00:22.200\nsurprise\n',
      ),
    )
    expect(cues.map((c) => c.text)).toEqual(['Hello', 'there friend', 'friend again', 'surprise', 'surprise'])
    expect(warnings).toEqual([])
  })

  it('keeps a line that subtitles repeat now and then: rolling captions are a pattern of the file', () => {
    // Film dialogue: one cue of three that could carry a line does (La La Land has 5 in 1,333 cues).
    const { cues, warnings } = readVtt(
      vtt(
        '00:27:08.201 --> 00:27:09.200\n- Yeah.\n- Okay.\n\n00:27:09.301 --> 00:27:10.600\n- Okay.\n- Nice to meet you.\n\n' +
          '00:27:11.000 --> 00:27:12.000\n- You too.\n- Shall we?\n\n00:27:12.100 --> 00:27:13.000\nLet us go.\nNow.\n',
      ),
    )
    expect(cues.map((c) => c.text)).toEqual([
      '- Yeah. - Okay.',
      '- Okay. - Nice to meet you.',
      '- You too. - Shall we?',
      'Let us go. Now.',
    ])
    expect(warnings).toEqual([])
  })

  it('drops the repeated first line of broadcast roll-up captions (no word times)', () => {
    const { cues, warnings } = readVtt(
      vtt(
        '00:01.000 --> 00:02.000\nwe came here\n\n00:02.000 --> 00:03.000\nwe came here\nto talk\n\n00:03.000 --> 00:04.000\nto talk\nabout Python\n',
      ),
    )
    expect(cues.map((c) => [c.start, c.text])).toEqual([
      [1, 'we came here'],
      [2, 'to talk'],
      [3, 'about Python'],
    ])
    expect(warnings.map((w) => w.code)).toEqual(['duplicate-merged'])
  })

  it.each([
    ['minutes without hours', '4:52.080 --> 4:57.500', 292.08, 297.5],
    ['seconds only (Podnews)', '0.860 --> 7.380', 0.86, 7.38],
    ['one-digit fields (MS Teams)', '0:0:0.0 --> 0:0:0.570', 0, 0.57],
    ['a comma fraction', '00:00:01,500 --> 00:00:02,000', 1.5, 2],
  ])('reads a timing with %s, with a warning that names the line', (_what, timing, start, end) => {
    const { cues, warnings } = readVtt(vtt(`00:00.000 --> 00:00.500\nfirst\n\n${timing} line:90%\nsecond\n`))
    expect(cues.map((c) => [c.start, c.end, c.text])).toEqual([
      [0, 0.5, 'first'],
      [start, end, 'second'],
    ])
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatchObject({ line: 6, code: 'bad-timestamp' })
    expect(warnings[0]!.message).toContain(timing)
  })

  it('reads a file made only of off-spec timings (a Podnews transcript shape)', () => {
    const t = parseVtt(
      'WEBVTT\n\n0.860 --> 7.380\nWelcome to Podnews.\n\n7.380 --> 9.100\nHere is the news.\n',
    )
    expect(t.cues.map((c) => [c.start, c.end, c.text])).toEqual([
      [0.86, 7.38, 'Welcome to Podnews.'],
      [7.38, 9.1, 'Here is the news.'],
    ])
    expect(t.warnings.map((w) => [w.code, w.line])).toEqual([['bad-timestamp', 3]])
  })

  it('skips cues of only white space (YouTube writes them), with one warning', () => {
    const { cues, warnings } = readVtt(
      vtt('00:01.000 --> 00:02.000\n \n\n00:02.000 --> 00:03.000\nHi\n\n00:03.000 --> 00:04.000\n\t&nbsp;\n'),
    )
    expect(cues.map((c) => c.text)).toEqual(['Hi'])
    expect(warnings).toEqual([
      { line: 3, code: 'empty-cue', message: '2 cue(s) with only white space skipped' },
    ])
  })

  it('reads a WhisperX [SPEAKER_03]: prefix as the speaker, a voice tag first', () => {
    const { cues } = readVtt(
      vtt(
        '00:01.000 --> 00:02.000\n[SPEAKER_03]: Go at the same time.\n\n' +
          '00:02.000 --> 00:03.000\n<v Ann>[SPEAKER_03]: as said\n\n' +
          '00:03.000 --> 00:04.000\n[Music]\n\n00:04.000 --> 00:05.000\n&#91;SPEAKER_01]: text\n',
      ),
    )
    expect(cues.map((c) => [c.speaker, c.text])).toEqual([
      ['SPEAKER_03', 'Go at the same time.'],
      ['Ann', '[SPEAKER_03]: as said'],
      [undefined, '[Music]'],
      [undefined, '[SPEAKER_01]: text'],
    ])
  })
})
