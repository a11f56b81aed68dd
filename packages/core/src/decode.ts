/**
 * The bytes of a transcript file or response turned into the text the readers take. Used wherever bytes
 * come in: the CLI, `{ url }` transcripts in @castline/react, the demo's "open your own".
 */
import { TranscriptParseError } from './errors.js'
import type { ParseWarning } from './model.js'

/** Options for `decodeTranscript`. */
export interface DecodeOptions {
  /**
   * The encoding the bytes are said to be in: a label (`windows-1252`, `latin1`, `utf-16le`...) or a
   * whole Content-Type value (`text/vtt; charset=windows-1252`, as `Response.headers.get('content-type')`
   * or `File.type` give it). A Content-Type without a charset, `''` and `null` say nothing.
   */
  charset?: string | null
}

/** What `decodeTranscript` read. */
export interface DecodedTranscript {
  /** The text, without its byte order mark. */
  text: string
  /** The encoding it was read as, by its WHATWG name: `utf-8`, `utf-16le`, `utf-16be`, `windows-1252`... */
  encoding: string
  /**
   * `encoding` warnings: an encoding guessed, an unknown charset ignored, bytes that could not be read.
   * Prepend them to the parsed transcript's `warnings` so that its reader sees them too.
   */
  warnings: ParseWarning[]
}

const UTF8 = 'utf-8'
const FALLBACK = 'windows-1252'

/**
 * Decodes the bytes of a transcript file into text, choosing the encoding as follows:
 *
 * 1. a byte order mark (UTF-8, UTF-16LE or UTF-16BE) decides, and is removed;
 * 2. else `options.charset`, when it names an encoding `TextDecoder` knows (an unknown one is a warning);
 * 3. else UTF-16 when NUL bytes fill every other place (ASCII text in UTF-16 without a BOM), with a warning;
 * 4. else UTF-8.
 *
 * Bytes that are not valid UTF-8 are read as Windows-1252 (what most legacy Western subtitle files are,
 * and what browsers read `latin1` and `iso-8859-1` as), with a warning naming the first line that is not
 * UTF-8; this holds for a declared `utf-8` too, since servers often send that charset for every text file
 * and decoding as UTF-8 would turn each accented letter into U+FFFD. Bytes that are not valid in any other
 * encoding become U+FFFD, with a warning naming the line. Throws `TranscriptParseError` only when `bytes`
 * is not a `Uint8Array`, another `ArrayBuffer` view or an `ArrayBuffer`.
 *
 * ```ts
 * const res = await fetch(url)
 * const { text, warnings } = decodeTranscript(await res.arrayBuffer(), { charset: res.headers.get('content-type') })
 * const transcript = parseTranscript(text)
 * transcript.warnings.unshift(...warnings)
 * ```
 */
export function decodeTranscript(
  bytes: Uint8Array | ArrayBuffer,
  options: DecodeOptions = {},
): DecodedTranscript {
  const all = asBytes(bytes)
  const warnings: ParseWarning[] = []
  const warn = (line: number, message: string) => warnings.push({ line, code: 'encoding', message })

  const label = charsetLabel(options.charset)
  let declared: string | undefined
  if (label !== undefined) {
    try {
      declared = new TextDecoder(label).encoding
    } catch {
      // TextDecoder throws a RangeError for a label it does not know (and for "replacement" encodings).
      warn(0, `unknown charset ${JSON.stringify(label)} ignored; the encoding was read from the bytes`)
    }
  }

  const bom = bomOf(all)
  const body = bom === undefined ? all : all.subarray(bom === UTF8 ? 3 : 2)
  let encoding = bom ?? declared
  if (bom !== undefined && declared !== undefined && family(bom) !== family(declared)) {
    warn(0, `the charset says ${declared}, but the bytes start with a ${bom} byte order mark: read as ${bom}`)
  }
  if (encoding === undefined) {
    encoding = utf16Guess(body)
    if (encoding !== undefined) {
      warn(0, `no byte order mark or charset, but NUL bytes in every other place: read as ${encoding}`)
    }
  }
  encoding ??= UTF8

  const text = decode(body, encoding, true)
  if (text !== undefined) return { text, encoding, warnings }
  const line = firstBadLine(body, encoding)
  const where = line === 0 ? 'the file' : `line ${line}`
  if (encoding === UTF8) {
    const said =
      bom !== undefined
        ? ' though it starts with a UTF-8 byte order mark'
        : declared !== undefined
          ? ' though its charset says so'
          : ''
    warn(line, `${where} is not valid UTF-8${said}: the file was read as ${FALLBACK}`)
    return { text: decode(body, FALLBACK, false)!, encoding: FALLBACK, warnings }
  }
  warn(line, `${where} is not valid ${encoding}: the bytes that could not be read became U+FFFD`)
  return { text: decode(body, encoding, false)!, encoding, warnings }
}

/** The bytes of a `Uint8Array`, another view (a Node `Buffer`, a `DataView`) or an `ArrayBuffer`. */
function asBytes(bytes: unknown): Uint8Array {
  if (ArrayBuffer.isView(bytes)) return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  // The tag rather than `instanceof`: a buffer from another realm (an iframe, jsdom's window) counts too.
  if (Object.prototype.toString.call(bytes) === '[object ArrayBuffer]') {
    return new Uint8Array(bytes as ArrayBuffer)
  }
  throw new TranscriptParseError(null, 1, 'the transcript as bytes (Uint8Array or ArrayBuffer)', typeof bytes)
}

/**
 * The charset label in `value`: the `charset` parameter of a Content-Type (`text/vtt; charset="utf-8"`),
 * or `value` itself when it is a bare label. Undefined when there is none.
 */
function charsetLabel(value: string | null | undefined): string | undefined {
  if (typeof value !== 'string') return undefined
  // A label has no "/", ";" or "=": anything with them is read as a Content-Type.
  if (!/[/;=]/.test(value)) return value.trim() || undefined
  return /(?:^|;)\s*charset\s*=\s*"?([^";\s]+)/i.exec(value)?.[1]
}

/** The encoding a byte order mark at the start names, if there is one. */
function bomOf(b: Uint8Array): string | undefined {
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return UTF8
  if (b[0] === 0xff && b[1] === 0xfe) return 'utf-16le'
  if (b[0] === 0xfe && b[1] === 0xff) return 'utf-16be'
  return undefined
}

/** UTF-16LE and UTF-16BE are one encoding in two byte orders: a BOM choosing the order agrees with a `utf-16` charset. */
function family(encoding: string): string {
  return encoding.startsWith('utf-16') ? 'utf-16' : encoding
}

/**
 * `utf-16le` or `utf-16be` when the first 1,024 bytes look like UTF-16 without a BOM: NUL bytes in at
 * least a quarter of the odd (LE) or even (BE) places and hardly any in the others. A transcript's
 * timings and punctuation are ASCII, whose UTF-16 has a NUL high byte; text in any 8-bit encoding or
 * UTF-8 has no NUL at all.
 */
function utf16Guess(b: Uint8Array): string | undefined {
  const n = Math.min(b.length, 1024) & ~1
  let even = 0
  let odd = 0
  for (let i = 0; i < n; i += 2) {
    if (b[i] === 0) even++
    if (b[i + 1] === 0) odd++
  }
  const pairs = n / 2
  if (odd * 4 >= pairs && even * 8 < odd) return 'utf-16le'
  if (even * 4 >= pairs && odd * 8 < even) return 'utf-16be'
  return undefined
}

/**
 * What windows-1252 has at bytes 0x80-0x9F (WHATWG index-windows-1252): €, ‚, ƒ... ’, “, ”, —, ™...; the
 * five bytes it leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) are the C1 controls of the same number.
 */
const WINDOWS_1252_C1 =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178'

/** The bytes as text in `encoding`; with `fatal`, undefined when they are not valid in it. */
function decode(b: Uint8Array, encoding: string, fatal: boolean): string | undefined {
  let text: string
  try {
    // ignoreBOM: a byte order mark was removed already; a second one is a character of the text.
    text = new TextDecoder(encoding, { fatal, ignoreBOM: true }).decode(b)
  } catch {
    return undefined
  }
  // Node from 20.18.3 and 22.13.0 decodes windows-1252 as Latin-1, so bytes 0x80-0x9F come out as C1
  // controls instead of ’, “, —, € (nodejs/node#60888). Mapping the C1 controls to what windows-1252
  // has there fixes that, and changes nothing after a correct decoder, which leaves only the five
  // controls that map to themselves.
  if (encoding !== FALLBACK) return text
  return text.replace(/[\u0080-\u009f]/g, (c) => WINDOWS_1252_C1[c.charCodeAt(0) - 0x80]!)
}

/**
 * The 1-based line holding the first bytes that are not valid in `encoding` (0 if each line decodes on
 * its own). Lines end at LF, a byte (a 2-byte unit in UTF-16) that is never part of another character in
 * UTF-8, UTF-16 or the multi-byte legacy encodings.
 */
function firstBadLine(b: Uint8Array, encoding: string): number {
  const unit = encoding.startsWith('utf-16') ? 2 : 1
  const low = encoding === 'utf-16be' ? 1 : 0
  const strict = new TextDecoder(encoding, { fatal: true, ignoreBOM: true })
  let line = 1
  let from = 0
  for (let i = 0; ; i += unit) {
    const atEnd = i >= b.length
    if (!atEnd && !(b[i + low] === 10 && (unit === 1 || b[i + 1 - low] === 0))) continue
    try {
      strict.decode(b.subarray(from, i))
    } catch {
      return line
    }
    if (atEnd) return 0
    line++
    from = i + unit
  }
}
