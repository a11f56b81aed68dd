/**
 * decodeTranscript: the bytes of real SRT files in the encodings transcripts come in (UTF-8 with and
 * without BOM, UTF-16LE/BE with and without BOM, Windows-1252, a declared charset), decoded to the text
 * the readers take, with a warning whenever the encoding was guessed or bytes could not be read.
 */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { decodeTranscript, parseTranscript } from '../src/entry/formats.js'
import { TranscriptParseError } from '../src/errors.js'

const corpus = (p: string) => fileURLToPath(new URL(`../../../../shared/corpora/${p}`, import.meta.url))
/** A real SRT with non-ASCII text (6,000 lines), as UTF-8 bytes and as the string they hold. */
const lalaBytes = readFileSync(corpus('srt/subtitle.js/fixtures/LaLaLand.srt'))
const lala = lalaBytes.toString('utf8')
const sample = readFileSync(corpus('srt/subsrt/sample.srt'), 'utf8')

const BOM8 = [0xef, 0xbb, 0xbf]
const utf16le = (s: string, bom: boolean) =>
  Buffer.concat([Buffer.from(bom ? [0xff, 0xfe] : []), Buffer.from(s, 'utf16le')])
// Node has no UTF-16BE encoder: the LE bytes with each pair swapped.
const utf16be = (s: string, bom: boolean) =>
  Buffer.concat([Buffer.from(bom ? [0xfe, 0xff] : []), Buffer.from(s, 'utf16le').swap16()])
/**
 * Windows-1252 bytes of `s`: Latin-1 for its letters (É is 0xC9) and 0x92 for ’, which Windows-1252
 * has where Latin-1 has a C1 control, so reading the bytes as ISO-8859-1 proper would not give it back.
 */
const windows1252 = (s: string) => Buffer.from(s.replaceAll('’', '\x92'), 'latin1')

/** The subsrt sample with one cue in French; the line it is on (1-based). */
const FRENCH = '[ÉVÉNEMENTS : la musique d’intro]'
const french = sample.replace('[intro music]', FRENCH)
const frenchLine = french.split('\n').indexOf(FRENCH) + 1
const cues = (source: string) => parseTranscript(source).cues.map((c) => [c.start, c.end, c.text])

describe('decodeTranscript', () => {
  it('reads UTF-8 without a BOM as it is, with no warning', () => {
    const d = decodeTranscript(lalaBytes)
    expect(d).toEqual({ text: lala, encoding: 'utf-8', warnings: [] })
  })

  it('removes a UTF-8 BOM', () => {
    const d = decodeTranscript(Buffer.concat([Buffer.from(BOM8), lalaBytes]))
    expect(d).toEqual({ text: lala, encoding: 'utf-8', warnings: [] })
    expect(cues(d.text)).toEqual(cues(lala))
  })

  it('reads UTF-16LE and UTF-16BE with a BOM to the same text and cues as the UTF-8 file', () => {
    for (const [bytes, encoding] of [
      [utf16le(lala, true), 'utf-16le'],
      [utf16be(lala, true), 'utf-16be'],
    ] as const) {
      const d = decodeTranscript(bytes)
      expect(d.encoding).toBe(encoding)
      expect(d.warnings).toEqual([])
      expect(d.text).toBe(lala)
      expect(cues(d.text)).toEqual(cues(lala))
    }
    // The bytes really differ: the same text in the two byte orders.
    expect(utf16le(lala, true).subarray(2, 4)).toEqual(Buffer.from([0x31, 0x00]))
    expect(utf16be(lala, true).subarray(2, 4)).toEqual(Buffer.from([0x00, 0x31]))
  })

  it('reads UTF-16 without a BOM from its NUL bytes, with a warning', () => {
    for (const [bytes, encoding] of [
      [utf16le(lala, false), 'utf-16le'],
      [utf16be(lala, false), 'utf-16be'],
    ] as const) {
      const d = decodeTranscript(bytes)
      expect(d.text).toBe(lala)
      expect(d.encoding).toBe(encoding)
      expect(d.warnings).toEqual([
        { line: 0, code: 'encoding', message: expect.stringContaining(`read as ${encoding}`) },
      ])
    }
  })

  it('reads a Windows-1252 SRT that is not valid UTF-8 as Windows-1252, with a warning naming the line', () => {
    const bytes = windows1252(french)
    expect([...bytes.subarray(bytes.indexOf('[') + 1, bytes.indexOf('[') + 4)]).toEqual([0xc9, 0x56, 0xc9])
    const d = decodeTranscript(bytes)
    expect(d.text).toBe(french)
    expect(d.text).not.toContain('\uFFFD')
    expect(d.encoding).toBe('windows-1252')
    expect(d.warnings).toEqual([
      {
        line: frenchLine,
        code: 'encoding',
        message: `line ${frenchLine} is not valid UTF-8: the file was read as windows-1252`,
      },
    ])
    expect(parseTranscript(d.text).cues.map((c) => c.text)).toContain(FRENCH)
  })

  it('reads bytes 0x80-0x9F as Windows-1252 has them (curly quotes, dashes, €), as browsers do, in Node too', () => {
    const bytes = Buffer.concat([
      Buffer.from('1\n00:00:01,000 --> 00:00:02,000\n'),
      Buffer.from([0x93, 0x80, 0x35, 0x85, 0x94, 0x20, 0x96, 0x20, 0x91, 0x9c, 0x92, 0x97, 0x99, 0x81, 0x9f]),
    ])
    const expected =
      '1\n00:00:01,000 --> 00:00:02,000\n\u201c\u20ac5\u2026\u201d \u2013 \u2018\u0153\u2019\u2014\u2122\u0081\u0178'
    expect(decodeTranscript(bytes).text).toBe(expected)
    expect(decodeTranscript(bytes, { charset: 'latin1' }).text).toBe(expected)
  })

  it('names the first line that is not UTF-8 when lines before it hold valid UTF-8', () => {
    const bytes = Buffer.concat([
      Buffer.from('1\n00:00:01,000 --> 00:00:02,000\nDéjà\n\n'),
      windows1252(french),
    ])
    const d = decodeTranscript(bytes)
    expect(d.encoding).toBe('windows-1252')
    expect(d.warnings.map((w) => w.line)).toEqual([4 + frenchLine])
  })

  it('honours the charset of a Content-Type, quoted or not, and a bare label, with no warning', () => {
    const bytes = windows1252(french)
    for (const charset of [
      'text/srt; charset=windows-1252',
      'application/x-subrip;charset="ISO-8859-1"',
      'text/plain; format=flowed; Charset=cp1252',
      'latin1',
      ' Windows-1252 ',
    ]) {
      expect(decodeTranscript(bytes, { charset }), charset).toEqual({
        text: french,
        encoding: 'windows-1252',
        warnings: [],
      })
    }
    // An encoding the bytes could not be guessed as: あい in Shift_JIS is not valid UTF-8.
    const sjis = Buffer.concat([
      Buffer.from('1\n00:00:01,000 --> 00:00:02,000\n'),
      Buffer.from([0x82, 0xa0, 0x82, 0xa2]),
    ])
    expect(decodeTranscript(sjis, { charset: 'text/srt; charset=Shift_JIS' })).toEqual({
      text: '1\n00:00:01,000 --> 00:00:02,000\nあい',
      encoding: 'shift_jis',
      warnings: [],
    })
    expect(decodeTranscript(sjis).encoding).toBe('windows-1252')
    // UTF-16 without a BOM, declared: read as declared, nothing guessed.
    expect(decodeTranscript(utf16be(sample, false), { charset: 'utf-16be' })).toEqual({
      text: sample,
      encoding: 'utf-16be',
      warnings: [],
    })
  })

  it('a Content-Type without a charset, an empty one and null say nothing', () => {
    for (const charset of ['text/vtt', 'application/json', '', '  ', null]) {
      expect(decodeTranscript(lalaBytes, { charset }), String(charset)).toEqual({
        text: lala,
        encoding: 'utf-8',
        warnings: [],
      })
    }
  })

  it('an unknown charset label is a warning, and the encoding is read from the bytes', () => {
    for (const charset of ['klingon', 'text/srt; charset=utf-9', 'iso-2022-kr']) {
      const d = decodeTranscript(windows1252(french), { charset })
      expect(d.text, charset).toBe(french)
      expect(d.encoding).toBe('windows-1252')
      expect(d.warnings.map((w) => [w.line, w.code])).toEqual([
        [0, 'encoding'],
        [frenchLine, 'encoding'],
      ])
      expect(d.warnings[0]!.message).toMatch(/^unknown charset "[^"]+" ignored/)
    }
  })

  it('a declared utf-8 that the bytes are not is read as Windows-1252 too, and the warning says so', () => {
    const d = decodeTranscript(windows1252(french), { charset: 'text/srt; charset=utf-8' })
    expect(d.text).toBe(french)
    expect(d.encoding).toBe('windows-1252')
    expect(d.warnings[0]!.message).toBe(
      `line ${frenchLine} is not valid UTF-8 though its charset says so: the file was read as windows-1252`,
    )
    const withBom = decodeTranscript(Buffer.concat([Buffer.from(BOM8), windows1252(french)]))
    expect(withBom.text).toBe(french)
    expect(withBom.warnings[0]!.message).toContain('though it starts with a UTF-8 byte order mark')
  })

  it('a byte order mark wins over the charset, with a warning only when they name different encodings', () => {
    const d = decodeTranscript(utf16le(sample, true), { charset: 'text/srt; charset=windows-1252' })
    expect(d.text).toBe(sample)
    expect(d.encoding).toBe('utf-16le')
    expect(d.warnings).toEqual([
      {
        line: 0,
        code: 'encoding',
        message:
          'the charset says windows-1252, but the bytes start with a utf-16le byte order mark: read as utf-16le',
      },
    ])
    // "utf-16" means either byte order, and the BOM says which.
    expect(decodeTranscript(utf16be(sample, true), { charset: 'utf-16' })).toEqual({
      text: sample,
      encoding: 'utf-16be',
      warnings: [],
    })
  })

  it('bytes not valid in a declared encoding other than UTF-8 become U+FFFD, with a warning naming the line', () => {
    // A lone high surrogate (0xD800) on line 3 of a UTF-16LE file.
    const bytes = Buffer.concat([
      utf16le('1\n00:00:01,000 --> 00:00:02,000\n', true),
      Buffer.from([0x00, 0xd8, 0x41, 0x00]),
    ])
    const d = decodeTranscript(bytes)
    expect(d.text).toBe('1\n00:00:01,000 --> 00:00:02,000\n\uFFFDA')
    expect(d.encoding).toBe('utf-16le')
    expect(d.warnings).toEqual([
      {
        line: 3,
        code: 'encoding',
        message: 'line 3 is not valid utf-16le: the bytes that could not be read became U+FFFD',
      },
    ])
    // A UTF-16BE file cut in the middle of its last character.
    const cut = utf16be(sample, true).subarray(0, -1)
    const c = decodeTranscript(cut)
    expect(c.text).toBe(`${sample.slice(0, -1)}\uFFFD`)
    expect(c.warnings.map((w) => w.line)).toEqual([sample.split('\n').length])
  })

  it('takes a Uint8Array, a Buffer slice, a DataView or an ArrayBuffer, and rejects anything else with TranscriptParseError', () => {
    const inner = Buffer.concat([Buffer.from('xx'), Buffer.from(sample), Buffer.from('yy')]).subarray(2, -2)
    const copy = new Uint8Array(inner)
    for (const bytes of [inner, copy, copy.buffer, new DataView(copy.buffer)]) {
      expect(decodeTranscript(bytes as Uint8Array).text).toBe(sample)
    }
    expect(decodeTranscript(new Uint8Array(0))).toEqual({ text: '', encoding: 'utf-8', warnings: [] })
    for (const bad of [sample, 42, null, undefined, [1, 2, 3], {}]) {
      expect(() => decodeTranscript(bad as unknown as Uint8Array)).toThrow(TranscriptParseError)
    }
  })
})
