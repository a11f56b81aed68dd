import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseSrt } from '../src/entry/srt.js'
import { TranscriptParseError } from '../src/errors.js'
import { isSpeakerName } from '../src/formats/speaker.js'
import { readSrt, writeSrt } from '../src/formats/srt.js'
import type { Cue, Transcript } from '../src/model.js'
import { collapseWhitespace, findDoubleSpace, PlainRanges } from '../src/text.js'

const shared = (p: string) => fileURLToPath(new URL(`../../../../shared/${p}`, import.meta.url))
const read = (p: string) => readFileSync(shared(p), 'utf8')

const SUBTITLE_JS = 'corpora/srt/subtitle.js'
const SRT_PARSER_2 = 'corpora/srt/srt-parser-2'
const PODCAST = 'corpora/podcast-namespace/docs/examples/transcripts'

/** Milliseconds, so that comparisons with the corpora (which use ms) are exact. */
const ms = (seconds: number) => Math.round(seconds * 1000)
/** What the corpora's lenient readers keep as text, in our plain-text terms. */
const plain = (s: string) => collapseWhitespace(s.replace(/<\/?[ibu]>/g, ''))

function transcript(cues: Cue[]): Transcript {
  return { format: 'srt', cues, warnings: [], speakers: [], wordLevel: false }
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

describe('readSrt on the subtitle.js fixtures (times, text)', () => {
  const expected = JSON.parse(read(`${SUBTITLE_JS}/expected.json`)) as {
    parseSync: Record<
      string,
      Array<{ type: string; data: { start: number; end: number; text: string } }> | { throws: string }
    >
  }
  const files = readdirSync(shared(`${SUBTITLE_JS}/inline`)).filter((f) => f.endsWith('.srt'))
  it('has SRT inputs to check', () => expect(files.length).toBeGreaterThanOrEqual(9))

  for (const file of files) {
    const want = expected.parseSync[file]
    const source = read(`${SUBTITLE_JS}/inline/${file}`)
    if (want === undefined) continue
    if (!Array.isArray(want)) {
      it(`${file}: not SRT at all, error names the offending line`, () => {
        const err = thrown(() => readSrt(source))
        expect(err.format).toBe('srt')
        // subtitle.js names the text it choked on; our 1-based line must point at that text.
        const received = /received: "(.*)"/.exec(want.throws)?.[1]
        expect(received).toBeDefined()
        expect(source.split('\n')[err.line - 1]?.trim()).toBe(received)
      })
      continue
    }
    it(`${file}: same cues as subtitle.js`, () => {
      const { cues, warnings } = readSrt(source)
      expect(warnings).toEqual([])
      expect(cues.map((c) => [ms(c.start), ms(c.end), c.text])).toEqual(
        want.map((w) => [w.data.start, w.data.end, plain(w.data.text)]),
      )
    })
  }

  it('LaLaLand.srt: 1,333 cues with the times and text of subtitle.js, one real speaker label', () => {
    const want = JSON.parse(read(`${SUBTITLE_JS}/fixtures/LaLaLand.srt.json`)) as Array<{
      data: { start: number; end: number; text: string }
    }>
    const { cues, warnings } = readSrt(read(`${SUBTITLE_JS}/fixtures/LaLaLand.srt`))
    expect(warnings).toEqual([])
    expect(cues).toHaveLength(want.length)
    expect(cues.map((c) => [ms(c.start), ms(c.end), c.speaker ? `${c.speaker}: ${c.text}` : c.text])).toEqual(
      want.map((w) => [w.data.start, w.data.end, plain(w.data.text)]),
    )
    // "Subtitles: @marlonrock1986" opens and closes the file; it is a credit line, not a speaker.
    expect(cues[0]!.text).toBe('Subtitles: @marlonrock1986 (^^V^^)')
    const named = cues.filter((c) => c.speaker !== undefined)
    expect(named.map((c) => [c.speaker, c.text])).toEqual([['GENEVIEVE', 'Holy hell!']])
  })

  it('timing lines from the parseTimestamps cases', () => {
    const cases = (
      JSON.parse(read(`${SUBTITLE_JS}/expected.json`)) as {
        timestamps: { parseTimestamps_srt: Array<[string, [number, number]]> }
      }
    ).timestamps.parseTimestamps_srt
    for (const [line, [start, end]] of cases) {
      const source = `1\n${line}\nx\n`
      if (line.includes('98:76:54')) {
        // Deviation: subtitle.js turns 76 minutes into 1h16m; we reject a minutes field over 59.
        expect(() => readSrt(source)).toThrow(TranscriptParseError)
        continue
      }
      const cue = readSrt(source).cues[0]!
      expect([ms(cue.start), ms(cue.end)], line).toEqual([start, end])
    }
  })

  it('rejects the malformed timestamp subtitle.js rejects', () => {
    const bad = (
      JSON.parse(read(`${SUBTITLE_JS}/expected.json`)) as { timestamps: { parseTimestamp_throws: string[] } }
    ).timestamps.parseTimestamp_throws
    for (const t of bad) {
      const err = thrown(() => readSrt(`1\n${t} --> 00:00:01,000\nx\n`))
      expect(err.line).toBe(2)
    }
  })
})

describe('readSrt on the srt-parser-2 fixtures', () => {
  const expected = JSON.parse(read(`${SRT_PARSER_2}/expected.json`)) as {
    files: Record<
      string,
      { cueCount?: number; cues?: Array<{ index: number; startSeconds: number; endSeconds: number }> }
    >
    correctFormat: Array<[string, string]>
    timestampToSeconds: Array<[string, number]>
  }
  for (const [file, want] of Object.entries(expected.files)) {
    it(`${file}: reads every cue without warnings`, () => {
      const { cues, warnings } = readSrt(read(`${SRT_PARSER_2}/${file}`))
      expect(warnings).toEqual([])
      expect(cues.length).toBeGreaterThan(0)
      if (want.cueCount !== undefined) expect(cues).toHaveLength(want.cueCount)
      for (const c of want.cues ?? []) {
        expect(ms(cues[c.index]!.start)).toBe(ms(c.startSeconds))
        expect(ms(cues[c.index]!.end)).toBe(ms(c.endSeconds))
      }
    })
  }

  it('dot-as-separator.srt reads like correct.srt (comma and dot are the same)', () => {
    const comma = readSrt(read(`${SRT_PARSER_2}/test-file/correct.srt`)).cues
    const dot = readSrt(read(`${SRT_PARSER_2}/test-file/dot-as-separator.srt`)).cues
    expect(dot).toEqual(comma)
    expect(ms(dot[1]!.end)).toBe(((1 * 60 + 30) * 60 + 30) * 1000 + 958)
  })

  it('correct.srt round-trips through writeSrt', () => {
    const first = readSrt(read(`${SRT_PARSER_2}/test-file/correct.srt`)).cues
    const again = readSrt(writeSrt(transcript(first))).cues
    expect(again).toEqual(first)
  })

  it('reads the sloppy timestamps srt-parser-2 normalises to the same instant', () => {
    const seconds = (norm: string) => {
      const [h, m, rest] = norm.split(':')
      const [s, f] = rest!.split(',')
      return ((Number(h) * 60 + Number(m)) * 60 + Number(s)) * 1000 + Number(f)
    }
    for (const [sloppy, normalised] of expected.correctFormat) {
      const cue = readSrt(`${sloppy} --> ${sloppy}\ntext\n`).cues[0]!
      expect(ms(cue.start), sloppy).toBe(seconds(normalised))
    }
    for (const [stamp, secs] of expected.timestampToSeconds) {
      expect(readSrt(`${stamp} --> ${stamp}\nx`).cues[0]!.start).toBe(secs)
    }
  })
})

describe('readSrt on the subsrt fixture', () => {
  it('sample.srt: same times and text as subsrt, `>> NAME:` taken as the speaker', () => {
    const want = JSON.parse(read('corpora/srt/subsrt/sample.json')) as Array<{
      start: number
      end: number
      text: string
    }>
    const { cues } = readSrt(read('corpora/srt/subsrt/sample.srt'))
    expect(cues.map((c) => [ms(c.start), ms(c.end), c.text])).toEqual(
      want.map((w) => [w.start, w.end, plain(w.text)]),
    )
    // The file names its first speaker, so unprefixed cues continue the last one named.
    expect(cues.map((c) => c.speaker)).toEqual(['ALICE', 'JOHN', 'ALICE', 'ALICE', 'ALICE'])
  })
})

describe('readSrt on the Podcasting 2.0 examples', () => {
  it('example.srt: 222 cues, the speaker named at each change carried to the following cues', () => {
    const source = read(`${PODCAST}/example.srt`)
    const { cues, warnings } = readSrt(source)
    expect(warnings).toEqual([])
    expect(cues).toHaveLength(222)
    expect(cues.every((c) => c.speaker !== undefined)).toBe(true)
    // Every speaker change in the output is a `Name:` line in the source, in the same order.
    const changes = cues.filter((c, i) => i === 0 || cues[i - 1]!.speaker !== c.speaker).map((c) => c.speaker)
    const prefixed = source.split('\n').flatMap((l) => /^([A-Z][a-z]+): /.exec(l)?.[1] ?? [])
    expect(changes).toEqual(prefixed)
    expect(new Set(changes)).toEqual(new Set(['Travis', 'Sarah', 'Gilon']))
    expect(cues[0]!.text).toBe("When you first get started in podcasting, it's")
    expect([ms(cues[1]!.start), ms(cues[2]!.start)]).toEqual([2400, 4801])
  })

  it('the SRT snippet in transcripts.md: Sarah, then Gillian', () => {
    const md = read(`${PODCAST}/transcripts.md`)
    const snippet = /```srt\n([\s\S]*?)```/.exec(md)![1]!
    const { cues } = readSrt(snippet)
    expect(cues.map((c) => c.speaker)).toEqual(['Sarah', 'Sarah', 'Sarah', 'Gillian', 'Gillian'])
    expect(cues[2]!.text).toBe('include in one? Welcome to Podcasting Q&A.')
    expect(cues[3]!.text).toBe('Hi Buzzsprout, Gillian here from breaking through')
  })
})

describe('readSrt leniency', () => {
  const one = (source: string) => {
    const r = readSrt(source)
    expect(r.cues).toHaveLength(1)
    return r.cues[0]!
  }

  it('reads comma, dot, short, long and missing fractions as decimal fractions', () => {
    const cases: Array<[string, number]> = [
      ['00:00:01,500', 1500],
      ['00:00:01.500', 1500],
      ['00:00:01,5', 1500],
      ['00:00:01.05', 1050],
      ['00:00:01', 1000],
      ['00:00:01,2345', 1235],
      ['0:0:1,000', 1000],
      ['01:02,000', 62000],
      ['100:00:00,000', 360_000_000],
    ]
    for (const [stamp, want] of cases)
      expect(ms(one(`1\n${stamp} --> 99:00:00,000\nx`).start), stamp).toBe(want)
  })

  it('ignores positions and settings after the end time', () => {
    const cue = one('7\n00:00:01,000 --> 00:00:02,000  X1:100 X2:600 Y1:20 Y2:50\nHi there')
    expect(cue).toEqual({ start: 1, end: 2, text: 'Hi there' })
    expect(one('00:00:01,000-->00:00:02,000 align:start\nHi').end).toBe(2)
  })

  it('strips formatting tags and ASS overrides, decodes entities, collapses whitespace', () => {
    const cue = one(
      '1\n00:00:01,000 --> 00:00:02,000\n{\\an8}<i>Hello</i>,  <b>big</b> <u>world</u>\n<font color="#ffff00">Tom &amp; Jerry&#39;s</font>&nbsp;show',
    )
    expect(cue.text).toBe("Hello, big world Tom & Jerry's show")
  })

  it('keeps angle brackets and braces that are not markup', () => {
    expect(one('00:00:01,000 --> 00:00:02,000\nif a < b and c > d {x} <3').text).toBe(
      'if a < b and c > d {x} <3',
    )
    expect(one('00:00:01,000 --> 00:00:02,000\n&lt;i&gt; is a tag').text).toBe('<i> is a tag')
  })

  it('keeps text after a blank line inside a cue, and starts a new cue only at a timing line', () => {
    const { cues } = readSrt(
      '1\n00:00:01,000 --> 00:00:02,000\nfirst\n\n\nsecond\n\n2\n00:00:03,000 --> 00:00:04,000\nthird',
    )
    expect(cues.map((c) => c.text)).toEqual(['first second', 'third'])
  })

  it('splits cues that have no blank line between them', () => {
    const { cues, lines } = readSrt(
      '1\n00:00:01,000 --> 00:00:02,000\nfirst\n2\n00:00:03,000 --> 00:00:04,000\nsecond\n00:00:05,000 --> 00:00:06,000\nthird',
    )
    expect(cues.map((c) => [c.start, c.text])).toEqual([
      [1, 'first'],
      [3, 'second'],
      [5, 'third'],
    ])
    expect(lines).toEqual([2, 5, 7])
  })

  it('reads CRLF, a BOM, extra blank lines and wrong sequence numbers', () => {
    const { cues, warnings } = readSrt(
      '\ufeff\r\n\r\n5\r\n00:00:01,000 --> 00:00:02,000\r\nA\r\n\r\n\r\n\r\n5\r\n00:00:02,000 --> 00:00:03,000\r\nB\r\n',
    )
    expect(warnings).toEqual([])
    expect(cues).toEqual([
      { start: 1, end: 2, text: 'A' },
      { start: 2, end: 3, text: 'B' },
    ])
  })

  it('skips a block with a broken timing line, warning with its lines, and keeps the rest', () => {
    const { cues, warnings } = readSrt(
      '1\n00:00:01,000 --> 00:00:02,000\ngood\n\n2\n00:00:0x,000 --> 00:00:03,000\nlost line\nanother\n\n3\n00:00:04,000 --> 00:00:05,000\nalso good',
    )
    expect(cues.map((c) => c.text)).toEqual(['good', 'also good'])
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatchObject({ line: 5, code: 'bad-timestamp' })
    expect(warnings[0]!.message).toContain('lines 5-8')
  })

  it('warns about a sequence number without a timing line and about text outside any cue', () => {
    const { cues, warnings } = readSrt('stray words\n\n1\n00:00:01,000 --> 00:00:02,000\nok\n\n2\n\n')
    expect(cues.map((c) => c.text)).toEqual(['ok'])
    expect(warnings.map((w) => [w.line, w.code])).toEqual([
      [1, 'untimed-line'],
      [7, 'malformed-cue'],
    ])
  })

  it('rejects a source with no valid cue, naming the line', () => {
    expect(thrown(() => readSrt('')).line).toBe(1)
    const err = thrown(() => readSrt('\n\nWEBVTT is not SRT\n'))
    expect([err.format, err.line]).toEqual(['srt', 3])
    expect(thrown(() => readSrt('1\n00:00:01 -> 00:00:02\nx')).line).toBe(2)
  })

  it('never hangs on long hostile lines', () => {
    const evil = `00:00:01,000 --> 00:00:02,000\n${'<'.repeat(50_000)}${'{\\'.repeat(50_000)}${'&#'.repeat(50_000)}${'a:'.repeat(50_000)}`
    const cue = one(evil)
    expect(cue.text.length).toBeGreaterThan(200_000)
  })
})

describe('readSrt fast paths give what the full cleanup gives', () => {
  // Pieces of cue text: plain words, and every kind of mess that the plain-text shortcut must notice.
  const piece = fc.constantFrom(
    'word',
    'Pyodide',
    'caf\u00e9',
    ' ',
    '  ',
    '\t',
    '\u00a0',
    '\u2009',
    '\u3000',
    '\ufeff',
    '<i>',
    '</i>',
    '&amp;',
    '{\\an8}',
  )
  const text = fc.array(piece, { minLength: 1, maxLength: 12 }).map((p) => p.join(''))
  // What the full cleanup makes of such text, written out independently of the reader.
  const cleaned = (t: string) =>
    collapseWhitespace(
      t
        .replace(/<\/?i>/g, '')
        .replace(/\{\\an8\}/g, '')
        .replace(/&amp;/g, '&'),
    )

  it('keeps or cleans each cue the same wherever its mess lies in the file', () => {
    fc.assert(
      fc.property(fc.array(text, { minLength: 1, maxLength: 40 }), (texts) => {
        const kept = texts.filter((t) => cleaned(t) !== '')
        const source = texts
          .map(
            (t, i) =>
              `${i + 1}\n00:00:${String(i).padStart(2, '0')},000 --> 00:00:${String(i).padStart(2, '0')},900\n${t}\n`,
          )
          .join('\n')
        const r = readSrt(source)
        expect(r.cues.map((c) => c.text)).toEqual(kept.map(cleaned))
      }),
      { numRuns: 300 },
    )
  })

  it('finds mess after a long plain stretch and again after it has passed', () => {
    const cues = Array.from({ length: 500 }, (_, i) => (i % 97 === 50 ? 'a  b\tc' : `plain line ${i}`))
    const source = cues
      .map(
        (t, i) =>
          `${i + 1}\n00:${String(Math.floor(i / 60)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')},000 --> 00:59:59,000\n${t}\n`,
      )
      .join('\n')
    const texts = readSrt(source).cues.map((c) => c.text)
    expect(texts.filter((t) => t === 'a b c')).toHaveLength(5)
    expect(texts.filter((t) => t.startsWith('plain line '))).toHaveLength(495)
  })

  it('answers ranges asked out of order', () => {
    const s = 'one two&amp;three four  five'
    const ranges = new PlainRanges(s)
    const at = (word: string) => s.indexOf(word)
    expect(ranges.isPlain(at('four'), at('four') + 4)).toBe(true)
    // Asked after a later range: the signs already passed are searched for again.
    expect(ranges.isPlain(0, at('&'))).toBe(true)
    expect(ranges.isPlain(at('two'), at('three'))).toBe(false) // holds "&amp;"
    expect(ranges.isPlain(at('four'), s.length)).toBe(false) // holds the double space
    expect(ranges.isPlain(at(' two'), at('&'))).toBe(false) // starts with a space
    expect(ranges.isPlain(at('five'), s.length)).toBe(true)
  })

  it('finds two spaces where indexOf does, in any text (the UTF-8 pair search)', () => {
    // Characters that take one, two, three and four UTF-8 bytes, lone surrogates (three bytes, as
    // U+FFFD), and white space, so that pairs of spaces land at both byte alignments after any of them.
    const char = fc.constantFrom(
      ' ',
      ' ',
      ' ',
      'a',
      'é',
      '\u2019',
      '\u00a0',
      '\ud83c\udf99',
      '\ud800',
      '\udc00',
      '\t',
      '\n',
    )
    const text = fc.array(char, { maxLength: 80 }).map((cs) => cs.join(''))
    fc.assert(
      fc.property(text, fc.integer({ min: 0, max: 300 }), (w, extra) => {
        // A buffer just large enough, or one too small, which takes the plain search.
        const bytes = new Uint8Array(
          Math.max(0, 3 * w.length + 1 - (extra % 2 === 0 ? 0 : 1)) + (extra > 150 ? extra : 0),
        )
        expect(findDoubleSpace(w, bytes)).toBe(w.indexOf('  '))
      }),
      { numRuns: 2000 },
    )
  })

  it('finds two spaces at either byte alignment, after wide characters and at the ends', () => {
    const bytes = new Uint8Array(400)
    const cases: Array<[string, number]> = [
      ['  ', 0],
      ['a  ', 1],
      ['ab  ', 2],
      ['abc', -1],
      ['a b c ', -1],
      ['é  ', 1], // two bytes before: the pair starts at byte 2, character 1
      ['\u2019\u2019  x', 2], // six bytes before
      ['\ud83c\udf99 a  b', 4], // a four-byte character is two UTF-16 units
      [`${'\u2019'.repeat(40)} x  y`, 42],
      [' ', -1],
      ['', -1],
    ]
    for (const [w, at] of cases) expect(findDoubleSpace(w, bytes), JSON.stringify(w)).toBe(at)
  })

  it('reads canonical timing lines exactly as the general scan reads them', () => {
    const stamp = fc
      .tuple(
        fc.integer({ min: 0, max: 99 }),
        fc.integer({ min: 0, max: 99 }),
        fc.integer({ min: 0, max: 99 }),
      )
      .chain(([h, m, sec]) =>
        fc.tuple(
          fc.constant(h),
          fc.constant(m),
          fc.constant(sec),
          fc.integer({ min: 0, max: 999 }),
          fc.constantFrom(',', '.'),
        ),
      )
      .map(
        ([h, m, sec, f, sep]) =>
          [h, m, sec].map((v) => String(v).padStart(2, '0')).join(':') + sep + String(f).padStart(3, '0'),
      )
    fc.assert(
      fc.property(stamp, stamp, (a, b) => {
        // 29 characters take the fixed-offset path; a trailing space sends the same line to the scan.
        // A good cue first, so that a bad timing is a warning rather than an error.
        const first = '1\n00:00:00,000 --> 00:00:00,500\nfirst\n\n'
        const fixed = readSrt(`${first}2\n${a} --> ${b}\nx\n`)
        const scanned = readSrt(`${first}2\n${a} --> ${b} \nx\n`)
        expect(fixed.cues).toEqual(scanned.cues)
        expect(fixed.warnings).toEqual(scanned.warnings)
      }),
    )
  })
})

describe('speaker prefixes in SRT text', () => {
  const speakerOf = (line: string) => {
    const cue = readSrt(`1\n00:00:01,000 --> 00:00:02,000\n${line}\n`).cues[0]!
    return [cue.speaker, cue.text]
  }

  it('takes real speaker labels', () => {
    // From example.srt and transcripts.md (Podcasting 2.0), subsrt's sample, LaLaLand, and
    // example.html's `Alban :` written as an SRT prefix.
    expect(speakerOf('Travis: When you first get')).toEqual(['Travis', 'When you first get'])
    expect(speakerOf('Gillian: Hi Buzzsprout, Gillian\nhere from breaking through')).toEqual([
      'Gillian',
      'Hi Buzzsprout, Gillian here from breaking through',
    ])
    expect(speakerOf(">> JOHN: and we're the owners of Miller Bakery.")).toEqual([
      'JOHN',
      "and we're the owners of Miller Bakery.",
    ])
    expect(speakerOf('GENEVIEVE: Holy hell!')).toEqual(['GENEVIEVE', 'Holy hell!'])
    expect(speakerOf("Alban : You're triggering Tom right now")).toEqual([
      'Alban',
      "You're triggering Tom right now",
    ])
    expect(speakerOf('Darth Vader: I am your father.')).toEqual(['Darth Vader', 'I am your father.'])
    expect(speakerOf('Travis:\nWhen you first get')).toEqual(['Travis', 'When you first get'])
    expect(speakerOf('<b>Sarah:</b> In today&#39;s episode')).toEqual(['Sarah', "In today's episode"])
    expect(speakerOf('SPEAKER_01: okay')).toEqual(['SPEAKER_01', 'okay'])
    expect(speakerOf('Speaker 2: right')).toEqual(['Speaker 2', 'right'])
    expect(speakerOf('Dr. J. Smith: hello')).toEqual(['Dr. J. Smith', 'hello'])
    expect(speakerOf('Ludwig van Beethoven: da da da dum')).toEqual(['Ludwig van Beethoven', 'da da da dum'])
    expect(speakerOf("Seán O'Brien-Ó: hi")).toEqual(["Seán O'Brien-Ó", 'hi'])
    expect(speakerOf('Q: And the answer?')).toEqual(['Q', 'And the answer?'])
  })

  it('leaves ordinary sentences with a colon alone', () => {
    const lines = [
      'Subtitles: @marlonrock1986 (^^V^^)', // LaLaLand.srt
      'We’re here: the final episode!', // srt-parser-2 1.normal.srt
      'Note: this episode was recorded before the release.',
      'The ratio is 3:1 in our tests',
      "Here's the thing: nobody listens to trailers.",
      'Visit https://podcastindex.org for more',
      'Step 1: record the episode',
      'Fun Fact: octopuses have three hearts',
      'Time: 10:30 in the morning',
      'At 10:30 we started',
      'He said: no way',
      'Well, Travis: that is it',
      'Really? Yes: always',
      'Python 3.12: what is new',
      'P.S.: bring snacks',
      'An Extremely Long Sentence That Only Looks Like A Name: nope',
    ]
    for (const line of lines) expect(speakerOf(line), line).toEqual([undefined, line])
  })

  it('does not carry a lone label forward in a file that does not start with one', () => {
    const { cues } = readSrt(
      '1\n00:00:01,000 --> 00:00:02,000\nIt was quiet.\n\n2\n00:00:02,000 --> 00:00:03,000\nMIA: Hello?\n\n3\n00:00:03,000 --> 00:00:04,000\nNo answer.',
    )
    expect(cues.map((c) => c.speaker)).toEqual([undefined, 'MIA', undefined])
  })
})

describe('speakers in SRT from other tools', () => {
  const srt = (...texts: string[]) =>
    texts.map((t, k) => `${k + 1}\n00:00:0${k},000 --> 00:00:0${k},900\n${t}\n`).join('\n')

  it('reads a WhisperX [SPEAKER_03]: prefix as the speaker', () => {
    const { cues } = readSrt(
      srt('[SPEAKER_03]: Go at the same time.', '[SPEAKER_00]: <i>Sure.</i>', '[Music]'),
    )
    expect(cues.map((c) => [c.speaker, c.text])).toEqual([
      ['SPEAKER_03', 'Go at the same time.'],
      ['SPEAKER_00', 'Sure.'],
      // The first cue names its speaker: the Podcasting 2.0 convention carries it on.
      ['SPEAKER_00', '[Music]'],
    ])
  })

  it('reads a WebVTT voice tag left in an SRT file as the speaker', () => {
    const { cues } = readSrt(
      srt('<v Michael Kennedy>Coding agents have gotten good.</v>', '<v.loud Seth>Yes.'),
    )
    expect(cues.map((c) => [c.speaker, c.text])).toEqual([
      ['Michael Kennedy', 'Coding agents have gotten good.'],
      ['Seth', 'Yes.'],
    ])
  })

  it('agrees with the text reader on prose that ends in a colon', () => {
    const { cues } = readSrt(srt('Tuesday: we record.', 'Fun Fact: x', 'Note: this'))
    expect(cues.every((c) => c.speaker === undefined)).toBe(true)
  })
})

describe('rolling captions in SRT (YouTube captions converted by yt-dlp or ffmpeg)', () => {
  // The YouTube example as `yt-dlp --convert-subs srt` writes it: the word timings are gone,
  // the rolling lines and the 10 ms freeze cue stay.
  const youtubeSrt =
    '1\n00:00:00,080 --> 00:00:01,590\n \nThe story starts\n\n' +
    '2\n00:00:01,590 --> 00:00:01,600\nThe story starts\n \n\n' +
    '3\n00:00:01,600 --> 00:00:04,309\nThe story starts\nthe 1950s.\n\n' +
    '4\n00:00:04,309 --> 00:00:04,319\nthe 1950s.\n \n\n' +
    '5\n00:00:04,319 --> 00:00:06,000\nthe 1950s.\nWe meet <font color="#E5E5E5">Ada.</font>\n'

  it('reads each spoken line once, with one warning', () => {
    const { cues, warnings } = readSrt(youtubeSrt)
    // The one-line freeze cues stay to the reader: the cleanup merges them as repeats (a bridge cue).
    expect(cues.map((c) => [c.start, c.text])).toEqual([
      [0.08, 'The story starts'],
      [1.59, 'The story starts'],
      [1.6, 'the 1950s.'],
      [4.309, 'the 1950s.'],
      [4.319, 'We meet Ada.'],
    ])
    expect(warnings.map((w) => [w.code, w.line])).toEqual([['duplicate-merged', 12]])
    expect(warnings[0]!.message).toMatch(/^2 rolling caption line/)
    const t = parseSrt(youtubeSrt)
    expect(t.cues.map((c) => [c.start, c.text])).toEqual([
      [0.08, 'The story starts'],
      [1.6, 'the 1950s.'],
      [4.319, 'We meet Ada.'],
    ])
    expect(t.cues.map((c) => c.text).join(' ')).toBe('The story starts the 1950s. We meet Ada.')
  })

  it('keeps the lines that film subtitles repeat now and then (LaLaLand.srt: 5 of 1,333 cues)', () => {
    const { cues, warnings } = readSrt(read(`${SUBTITLE_JS}/fixtures/LaLaLand.srt`))
    expect(cues.find((c) => c.start === 6090.801)!.text).toBe('I know. I know these things.')
    expect(warnings).toEqual([])
    // One such repeat in a short file is a line said twice, not a rolling caption.
    const two = readSrt(
      '1\n00:00:01,000 --> 00:00:02,000\nI know.\n\n2\n00:00:02,001 --> 00:00:05,000\nI know.\nI know these things.\n',
    )
    expect(two.cues.map((c) => c.text)).toEqual(['I know.', 'I know. I know these things.'])
  })

  it('keeps a cue that does not repeat the line before, starts before it, or is one line said twice', () => {
    const { cues, warnings } = readSrt(
      '1\n00:00:01,000 --> 00:00:02,000\nHello\n\n2\n00:00:02,000 --> 00:00:03,000\nthere\nfriend\n\n' +
        '3\n00:00:01,500 --> 00:00:05,000\nfriend\nagain\n\n' +
        '4\n00:00:20,680 --> 00:00:21,180\nsurprise\n\n5\n00:00:21,180 --> 00:00:22,200\nsurprise\n',
    )
    expect(cues.map((c) => c.text)).toEqual(['Hello', 'there friend', 'friend again', 'surprise', 'surprise'])
    expect(warnings).toEqual([])
  })

  it('sees a repeat through markup and spacing, and a speaker prefix as part of the line', () => {
    const { cues } = readSrt(
      '1\n00:00:01,000 --> 00:00:02,000\n<i>we  came</i> here\n\n' +
        '2\n00:00:02,000 --> 00:00:03,000\nwe came here\nto talk\n\n' +
        '3\n00:00:03,000 --> 00:00:04,000\nto talk\n<b>about</b> Python\n\n' +
        '4\n00:00:04,000 --> 00:00:05,000\nANNA: about Python\nand more\n',
    )
    expect(cues.map((c) => c.text)).toEqual([
      'we came here',
      'to talk',
      'about Python',
      'about Python and more',
    ])
    expect(cues[3]!.speaker).toBe('ANNA')
  })
})

describe('writeSrt', () => {
  it('writes numbered blocks with SRT timestamps and one text line', () => {
    const out = writeSrt(
      transcript([
        { start: 0.5, end: 2.25, text: 'Hello there', speaker: 'Travis' },
        { start: 2.25, end: 3601.001, text: 'More', speaker: 'Travis' },
        { start: 3601.001, end: 3602, text: 'Hi', speaker: 'Sarah' },
      ]),
    )
    expect(out).toBe(
      '1\n00:00:00,500 --> 00:00:02,250\nTravis: Hello there\n\n' +
        '2\n00:00:02,250 --> 01:00:01,001\nMore\n\n' +
        '3\n01:00:01,001 --> 01:00:02,000\nSarah: Hi\n\n',
    )
  })

  it('names the speaker on every cue when the first cue has none', () => {
    const out = writeSrt(
      transcript([
        { start: 0, end: 1, text: 'Intro music' },
        { start: 1, end: 2, text: 'Hi', speaker: 'Ann' },
        { start: 2, end: 3, text: 'Again', speaker: 'Ann' },
      ]),
    )
    expect(out).toContain('\nAnn: Hi\n')
    expect(out).toContain('\nAnn: Again\n')
  })

  it('escapes only what would be misread', () => {
    const cues: Cue[] = [
      { start: 0, end: 1, text: 'Note: Q&A <i>x</i> {\\an8} &amp; a<b rock&roll' },
      { start: 1, end: 2, text: 'Travis: not a speaker here' },
      { start: 2, end: 3, text: '00:00:01,000 --> 00:00:02,000' },
    ]
    const out = writeSrt(transcript(cues))
    expect(out).toContain('Note: Q&A &lt;i>x&lt;/i> &#123;\\an8} &amp;amp; a<b rock&roll')
    expect(out).toContain('Travis&#58; not a speaker here')
    expect(readSrt(out).cues).toEqual(cues)
  })

  it('round-trips the corpora files', () => {
    for (const file of [
      `${PODCAST}/example.srt`,
      `${SUBTITLE_JS}/fixtures/LaLaLand.srt`,
      `${SRT_PARSER_2}/test-file/Welcome-648062.en.srt`,
    ]) {
      const first = readSrt(read(file)).cues
      const again = readSrt(writeSrt(transcript(first))).cues
      expect(again, file).toEqual(first)
    }
  })

  it('round-trips arbitrary cues (property)', () => {
    const piece = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 8 }),
      fc.constantFrom(
        '<',
        '&',
        '&amp;',
        '&#39;',
        '-->',
        ':',
        ': ',
        '\n',
        '\n\n',
        '<i>',
        '</b>',
        '{\\an8}',
        '>>',
        ' 12 ',
        'Bob: ',
        '00:00:01,000 --> 00:00:02,000',
        '[SPEAKER_01]: ',
        '[x]:',
        '<v Ann>',
        '<v.loud Bo>',
        '</v>',
      ),
    )
    const text = fc
      .array(piece, { maxLength: 8 })
      .map((p) => collapseWhitespace(p.join('')))
      .filter((t) => t.length > 0)
    const name = fc
      .oneof(
        fc.constantFrom(
          'Travis',
          'Darth Vader',
          'SPEAKER_01',
          'Dr. Who',
          'Zoë',
          'Seán O’Brien',
          'Speaker 2',
          'GENEVIEVE',
        ),
        fc
          .tuple(fc.constantFrom('A', 'B', 'É', 'Z'), fc.stringMatching(/^[a-z]{1,8}$/))
          .map(([a, b]) => a + b),
      )
      .filter(isSpeakerName) // names the rule turns down ("But", "Note") read back as text, by design
    const cueArb = (speaker: fc.Arbitrary<string | undefined>) =>
      fc.record({ start: fc.nat(36_000_000), length: fc.nat(600_000), text, speaker }).map((c) => {
        const cue: Cue = { start: c.start / 1000, end: (c.start + c.length) / 1000, text: c.text }
        if (c.speaker !== undefined) cue.speaker = c.speaker
        return cue
      })
    // SRT cannot say "no speaker" after a named one when the file names its first speaker (see writeSrt):
    // either every cue has a speaker, or the first has none and the rest are free.
    const cues = fc.oneof(
      fc.array(cueArb(name), { minLength: 1, maxLength: 12 }),
      fc
        .tuple(
          cueArb(fc.constant(undefined)),
          fc.array(cueArb(fc.option(name, { nil: undefined })), { maxLength: 12 }),
        )
        .map(([a, rest]) => [a, ...rest]),
    )
    fc.assert(
      fc.property(cues, (original) => {
        const back = readSrt(writeSrt(transcript(original))).cues
        expect(back).toEqual(original)
      }),
      { numRuns: 400 },
    )
  })
})
