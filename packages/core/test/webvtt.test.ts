import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { TranscriptParseError } from '../src/errors.js'
import { readVtt, readVttPayloads, writeVtt } from '../src/formats/webvtt.js'
import type { Cue, Transcript, Word } from '../src/model.js'
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
    // The plain-text reader sees the same cues at the same times.
    const plain = readVtt(source)
    expect(plain.cues.map((c) => [ms(c.start), ms(c.end), c.id])).toEqual(
      raw.cues.map((c) => [ms(c.start), ms(c.end), c.id]),
    )
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

describe('wpt cue-text parsing (fasrt-json)', () => {
  const dir = corpora('wpt-webvtt/cue-text-parsing/fasrt-json/')
  const files = readdirSync(dir).filter((f) => f.endsWith('.json'))
  const cases = files.flatMap((file) =>
    (JSON.parse(readFileSync(dir + file, 'utf8')) as Array<{ text: string; expectedTree: string }>).map(
      (c, i) => [`${file} #${i} ${JSON.stringify(c.text)}`, c.text, c.expectedTree] as const,
    ),
  )
  const END = 999 * 3600

  it('has the 77 cases of the five .dat files', () => {
    expect(cases.length).toBe(77)
  })

  it.each(cases)('%s', (_name, text, tree) => {
    // The case is the payload of one cue (the trailing LF of the .dat format is not part of it).
    const source = `WEBVTT\n\n00:00:00.000 --> 999:00:00.000\n${text.slice(0, -1)}`
    const { cues } = readVtt(source)
    const cue = cues[0]
    expect(cues.length).toBe(1)
    if (cue === undefined) return
    const expected = fromTree(tree, END)
    expect(cue.text).toBe(expected.text)
    expect(cue.speaker).toBe(expected.speaker)
    expect(cue.words).toEqual(expected.words)
  })
})

/**
 * What a transcript should read from a wpt cue-text DOM dump: the text nodes in order (an <rt>'s text in
 * parentheses after its base, nothing when blank), the first non-empty voice title, and the text between
 * timestamp nodes as words.
 */
function fromTree(tree: string, end: number): { text: string; speaker?: string; words?: Word[] } {
  const entries: string[] = []
  for (const line of tree.split('\n')) {
    if (line.startsWith('| ')) entries.push(line.slice(2))
    else if (entries.length > 0 && line !== '') entries[entries.length - 1] += `\n${line}`
  }
  let out = ''
  const open: Array<{ depth: number; rt: boolean; at: number }> = []
  const cuts: number[] = []
  const times: number[] = []
  let speaker: string | undefined
  let lastTag = ''
  const close = (depth: number) => {
    while (open.length > 0 && (open[open.length - 1] as { depth: number }).depth >= depth) {
      const el = open.pop() as { rt: boolean; at: number }
      if (!el.rt) continue
      if (out.slice(el.at + 1).trim() === '') out = out.slice(0, el.at) + out.slice(el.at + 1)
      else out += ')'
    }
  }
  for (const entry of entries) {
    const depth = entry.length - entry.trimStart().length
    const body = entry.trimStart()
    if (body.startsWith('"')) {
      close(depth)
      out += body.slice(1, -1)
    } else if (body.startsWith('<?timestamp ')) {
      close(depth)
      cuts.push(out.length)
      times.push(parseTimestamp(body.slice('<?timestamp '.length, -1)))
    } else if (body.startsWith('<')) {
      close(depth)
      lastTag = body
      const rt = body === '<rt>'
      open.push({ depth, rt, at: out.length })
      if (rt) out += '('
    } else if (body.startsWith('title="') && lastTag === '<span>' && speaker === undefined) {
      const title = body.slice(7, -1)
      if (title !== '') speaker = title
    }
  }
  close(0)
  const result: { text: string; speaker?: string; words?: Word[] } = { text: collapseWhitespace(out) }
  if (speaker !== undefined) result.speaker = speaker
  const words: Word[] = []
  for (let k = 0; k <= cuts.length && cuts.length > 0; k++) {
    const text = collapseWhitespace(
      out.slice(k === 0 ? 0 : cuts[k - 1], k < cuts.length ? cuts[k] : out.length),
    )
    const start = k === 0 ? 0 : (times[k - 1] as number)
    if (text !== '') words.push({ start, end: k < times.length ? (times[k] as number) : end, text })
  }
  if (words.length > 0) result.words = words
  return result
}

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
    'tests/cue-times/min-top-digits.vtt': (source) => {
      const r = readVtt(source)
      expect(r.cues).toEqual([])
      expect(r.warnings.map((w) => [w.code, w.line])).toEqual([['bad-timestamp', 3]])
    },
    'tests/cue-times/minimum-spots-over-sixty.vtt': (source) => {
      const r = readVtt(source)
      expect(r.cues).toEqual([])
      expect(r.warnings.map((w) => [w.code, w.line])).toEqual([['bad-timestamp', 3]])
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

  it('accepts a file that is only the signature', () => {
    expect(readVtt('WEBVTT')).toEqual({ cues: [], warnings: [], lines: [] })
    expect(readVtt('WEBVTT\n\n').cues).toEqual([])
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
      vtt(
        '00:01.000 --> 00:02.000\nOne\n\n00:02,000 --> 00:03,000\nlost\n\n00:03.000 --> 00:04.000\nThree\n',
      ),
    )
    expect(cues.map((c) => c.text)).toEqual(['One', 'Three'])
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatchObject({ line: 6, code: 'bad-timestamp' })
    expect(warnings[0]?.message).toContain('00:02,000 --> 00:03,000')
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

  it('gives the first voice as the speaker and strips every span', () => {
    const { cues } = readVtt(
      vtt(
        '00:01.000 --> 00:02.000\n<v.loud Esme Weatherwax>It&apos;s <i>not</i> <b>my</b> <u>fault</u></v>\n' +
          '<v Nanny>Is <c.yellow>it</c> <lang fr>vraiment</lang>?\n\n' +
          '00:02.000 --> 00:03.000\n<v>anonymous</v> <v Magrat>then Magrat\n',
      ),
    )
    expect(cues.map((c) => [c.speaker, c.text])).toEqual([
      ['Esme Weatherwax', "It's not my fault Is it vraiment?"],
      ['Magrat', 'anonymous then Magrat'],
    ])
  })

  it('gives each cue its own speaker when names alternate', () => {
    const { cues } = readVtt(
      vtt(
        '00:01.000 --> 00:02.000\n<v Anna>one\n\n00:02.000 --> 00:03.000\n<v Bert>two\n\n' +
          '00:03.000 --> 00:04.000\n<v Anna>three\n\n00:04.000 --> 00:05.000\nfour\n\n' +
          '00:05.000 --> 00:06.000\n<v Anna >five',
      ),
    )
    expect(cues.map((c) => c.speaker)).toEqual(['Anna', 'Bert', 'Anna', undefined, 'Anna'])
  })

  it('decodes references in a voice name', () => {
    expect(readVtt(vtt('00:01.000 --> 00:02.000\n<v Tom &amp; Jerry &lt;3>hi')).cues[0]?.speaker).toBe(
      'Tom & Jerry <3',
    )
  })

  it('keeps ruby text in parentheses after its base', () => {
    const { cues } = readVtt(
      vtt('00:01.000 --> 00:02.000\n<ruby>漢字<rt>かんじ</rt></ruby>を読む <ruby>x<rt> </rt></ruby>y'),
    )
    expect(cues[0]?.text).toBe('漢字(かんじ)を読む x y')
  })

  it('turns inline timestamps into words bounded by the cue', () => {
    const { cues } = readVtt(
      vtt(
        '00:01.000 --> 00:04.000\n<v Ann>Never <00:01.500>drink <00:02.000><c>liquid</c> <00:03.000>nitrogen.',
      ),
    )
    expect(cues[0]).toEqual({
      start: 1,
      end: 4,
      text: 'Never drink liquid nitrogen.',
      speaker: 'Ann',
      words: [
        { start: 1, end: 1.5, text: 'Never' },
        { start: 1.5, end: 2, text: 'drink' },
        { start: 2, end: 3, text: 'liquid' },
        { start: 3, end: 4, text: 'nitrogen.' },
      ],
    })
  })

  it('treats blank stretches between timestamps as gaps, not words', () => {
    const { cues } = readVtt(vtt('00:01.000 --> 00:05.000\n<00:01.200>Hello<00:01.800> <00:03.000>again'))
    expect(cues[0]?.words).toEqual([
      { start: 1.2, end: 1.8, text: 'Hello' },
      { start: 3, end: 5, text: 'again' },
    ])
  })

  it('reads a YouTube-style karaoke cue', () => {
    const { cues } = readVtt(
      vtt(
        '00:00:00.320 --> 00:00:02.950 align:start position:0%\n' +
          'so<00:00:00.640><c> the</c><00:00:00.880><c> core</c><00:00:01.360><c> developers</c>',
      ),
    )
    expect(cues[0]?.text).toBe('so the core developers')
    expect(cues[0]?.words?.map((w) => [w.text, w.start, w.end])).toEqual([
      ['so', 0.32, 0.64],
      ['the', 0.64, 0.88],
      ['core', 0.88, 1.36],
      ['developers', 1.36, 2.95],
    ])
  })

  it('never hangs or throws on hostile input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (body) => {
        const r = readVtt(`WEBVTT\n\n00:00.000 --> 00:01.000\n${body}`)
        for (const cue of r.cues) expect(typeof cue.text).toBe('string')
      }),
      { numRuns: 300 },
    )
    const long = `WEBVTT\n\n00:00.000 --> 00:01.000\n${'<'.repeat(50_000)}${'&amp'.repeat(20_000)}${'-->'.repeat(1000)}`
    const t0 = performance.now()
    readVtt(long)
    expect(performance.now() - t0).toBeLessThan(1000)
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
      fc.string({ unit: 'binary', maxLength: 40 }),
      fc.constantFrom('-->', '<v Bob>', '&amp;', '& <b>x</b>', 'a\n\nb', '\r\n', '漢字 🎙️', 'NOTE', '\0'),
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
        const back = readVtt(out)
        expect(back.warnings).toEqual([])
        expect(back.cues.map(comparable)).toEqual(cues.map(expectedBack))
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
