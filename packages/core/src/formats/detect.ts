/**
 * Format sniffing. Looks only at a bounded prefix, so that detection costs the same on a 10-hour file as
 * on a one-liner, except in JSON, where the keys that make a transcript may follow a value of any length
 * (see `sniffJson`). Clear content evidence wins over the file name or MIME type; the hint settles the rest.
 */
import type { TranscriptFormat } from '../model.js'
import { CLOCK_LENIENT, type Cursor, scanClockMs } from './lex.js'
import { scanStamp } from './text.js'

/** A file name or MIME type that can settle what the content leaves open. */
export interface FormatHint {
  /** The file name (or path or URL); only its extension is used. */
  fileName?: string
  /** The MIME type, parameters allowed (`text/vtt; charset=utf-8`). */
  mimeType?: string
}

// Enough to see a JSON key after a short header or a dozen lines of text; a constant, not the file size.
const PREFIX_CHARS = 8192
// Text evidence is judged on the first lines only.
const TEXT_LINES = 50

/**
 * Guesses the format of a transcript from its content (BOM and leading whitespace tolerated), helped by a
 * file name or MIME type for ambiguous content. Returns null for anything that is not a transcript
 * (binary data, prose without timestamps).
 */
export function detectFormat(source: string, hint: FormatHint = {}): TranscriptFormat | null {
  if (typeof source !== 'string') return null
  const from = source.charCodeAt(0) === 0xfeff ? 1 : 0
  const prefix = source.slice(from, from + PREFIX_CHARS)
  const sniffed = sniff(prefix, source, from)
  if (sniffed?.strength === 'clear') return sniffed.format
  // Audio or an image named .txt is still not a transcript; only text content may follow the hint.
  if (looksBinary(prefix)) return null
  const hinted = formatFromHint(hint)
  if (hinted !== undefined) return hinted
  return sniffed?.strength === 'likely' ? sniffed.format : null
}

interface Sniffed {
  format: TranscriptFormat
  /**
   * `clear`: the content settles it, whatever the hint says. `likely`: the format unless a hint says
   * otherwise. `weak`: only a hint can make it a transcript (a JSON document without segments in view).
   */
  strength: 'clear' | 'likely' | 'weak'
}

function strength(clear: boolean): Sniffed['strength'] {
  return clear ? 'clear' : 'weak'
}

/** Sniffs the prefix `p`, which starts at `from` in `source` (JSON is judged on the whole source). */
function sniff(p: string, source: string, from: number): Sniffed | null {
  let i = 0
  while (i < p.length && isWhite(p.charCodeAt(i))) i++
  if (i === p.length) return null
  if (p.startsWith('WEBVTT', i)) {
    const c = p.charCodeAt(i + 6)
    if (Number.isNaN(c) || c === 32 || c === 9 || c === 10 || c === 13)
      return { format: 'vtt', strength: 'clear' }
  }
  const first = p.charCodeAt(i)
  if (first === 123 /* { */ || first === 91 /* [ */) {
    const json = sniffJson(source, from + i)
    if (json !== null) return json
  }
  if (first === 60 /* < */) return sniffHtml(p, i)
  const srt = sniffSrt(p, i)
  if (srt !== null) return srt
  return sniffText(p, i)
}

// JSON keys that make a document a transcript: a segment list at the top level (Podcasting 2.0,
// Whisper, WhisperX), or, in a top-level array of segments, a time and a text in the same element.
const SEGMENT_LISTS = ['segments', 'word_segments']
const TIME_KEYS = ['startTime', 'start', 'endTime', 'end']
const TEXT_KEYS = ['body', 'text', 'word']

/**
 * JSON is judged by its keys, wherever they sit: `walkJson` skips values rather than reading a fixed
 * prefix, since Whisper writes the whole transcript as `text` before its `segments`. It reads the whole
 * `source` (not the prefix) and costs a pass over what comes before the deciding key: nothing for
 * Podcasting 2.0 and WhisperX files, the one `text` string for Whisper's.
 */
function sniffJson(source: string, i: number): Sniffed | null {
  if (source.charCodeAt(i) === 123) {
    let found = false
    walkJson(source, i, 1, (keyStart, keyEnd, valueAt) => {
      found = source.charCodeAt(valueAt) === 91 /* [ */ && isOneOf(source, keyStart, keyEnd, SEGMENT_LISTS)
      return found
    })
    return { format: 'json', strength: strength(found) }
  }
  // An array of segments: `[{"startTime": ...` or WhisperX's `[{"word": ..., "start": ...`.
  let j = i + 1
  while (j < source.length && isWhite(source.charCodeAt(j))) j++
  if (source.charCodeAt(j) !== 123) return null
  // The time and the text must be keys of one element; an element may lack a time (WhisperX leaves
  // digits untimed), so the walk goes on to the next element until one has both.
  let element = -1
  let timed = -1
  let texted = -1
  walkJson(source, i, 2, (keyStart, keyEnd, _valueAt, index) => {
    if (index !== element) element = index
    if (isOneOf(source, keyStart, keyEnd, TIME_KEYS)) timed = element
    else if (isOneOf(source, keyStart, keyEnd, TEXT_KEYS)) texted = element
    return timed === element && texted === element
  })
  return { format: 'json', strength: strength(timed !== -1 && timed === texted) }
}

/** True when the key in `s[from, to)` (without its quotes, escapes not decoded) is one of `names`. */
function isOneOf(s: string, from: number, to: number, names: readonly string[]): boolean {
  for (const name of names) if (to - from === name.length && s.startsWith(name, from)) return true
  return false
}

/**
 * Calls `visit(keyStart, keyEnd, valueAt, element)` for each key of the objects at nesting `depth`
 * (1: the keys of the value at `from`; 2: the keys of its elements' objects, `element` counting the
 * containers opened at depth 2) until `visit` returns true or the JSON ends or breaks. Strings are
 * skipped by searching for their closing quote, so a long value costs a native search, not a loop in
 * JavaScript. Returns true when `visit` did.
 */
function walkJson(
  s: string,
  from: number,
  depth: number,
  visit: (keyStart: number, keyEnd: number, valueAt: number, element: number) => boolean,
): boolean {
  let level = 0
  let element = -1
  for (let k = from; k < s.length; k++) {
    const c = s.charCodeAt(k)
    if (c === 34 /* " */) {
      const close = closingQuote(s, k)
      if (close === -1) return false
      if (level === depth) {
        let v = close + 1
        while (v < s.length && isWhite(s.charCodeAt(v))) v++
        if (s.charCodeAt(v) === 58 /* : */) {
          v++
          while (v < s.length && isWhite(s.charCodeAt(v))) v++
          if (visit(k + 1, close, v, element)) return true
        }
      }
      k = close
    } else if (c === 123 || c === 91) {
      level++
      if (level === depth) element++
    } else if (c === 125 || c === 93) {
      level--
      if (level <= 0) return false
    }
  }
  return false
}

/** The index of the quote that closes the JSON string opening at `open`, or -1 when it never closes. */
function closingQuote(s: string, open: number): number {
  let q = s.indexOf('"', open + 1)
  while (q !== -1) {
    let slashes = 0
    while (s.charCodeAt(q - 1 - slashes) === 92 /* \ */) slashes++
    if (slashes % 2 === 0) return q
    q = s.indexOf('"', q + 1)
  }
  return -1
}

function sniffHtml(p: string, i: number): Sniffed {
  const head = p.slice(i, i + PREFIX_CHARS).toLowerCase()
  // Podcasting 2.0 HTML transcripts are often a bare fragment of <cite>/<time>/<p>, with no <html>.
  const clear = head.startsWith('<!doctype html') || /<(?:html|body|cite|time|p)[\s>]/.test(head)
  if (head.startsWith('<?xml') && !/<(?:html|body)[\s>]/.test(head))
    return { format: 'html', strength: 'weak' }
  return { format: 'html', strength: strength(clear) }
}

function sniffSrt(p: string, i: number): Sniffed | null {
  const firstEnd = lineEnd(p, i)
  const first = p.slice(i, firstEnd).trim()
  // A timing line first: SRT without its sequence number, or WebVTT without its header. Only SRT
  // writes a comma before the milliseconds; with a dot, a hint may say it is (broken) WebVTT.
  if (isTiming(first)) return { format: 'srt', strength: first.indexOf(',') !== -1 ? 'clear' : 'likely' }
  if (!/^\d{1,9}$/.test(first)) return null
  let j = firstEnd
  while (j < p.length && isWhite(p.charCodeAt(j))) j++
  const second = p.slice(j, lineEnd(p, j)).trim()
  return isTiming(second) ? { format: 'srt', strength: 'clear' } : null
}

// `0:0:7,560 -->`, `00:00:01.000 -->`: a lenient clock time (as real SRT files have them), then the arrow.
function isTiming(line: string): boolean {
  const at: Cursor = { pos: 0 }
  if (Number.isNaN(scanClockMs(line, 0, line.length, at, CLOCK_LENIENT))) return false
  let i = at.pos
  while (line.charCodeAt(i) === 32 || line.charCodeAt(i) === 9) i++
  return line.startsWith('-->', i)
}

function sniffText(p: string, i: number): Sniffed | null {
  const at: Cursor = { pos: 0 }
  let stamped = 0
  let seen = 0
  let firstStamped = false
  let pos = i
  while (pos < p.length && seen < TEXT_LINES) {
    const end = lineEnd(p, pos)
    let a = pos
    while (a < end && (p.charCodeAt(a) === 32 || p.charCodeAt(a) === 9)) a++
    let b = end
    while (b > a && isWhite(p.charCodeAt(b - 1))) b--
    if (a < b) {
      const ok = !Number.isNaN(scanStamp(p, a, b, at))
      if (ok) stamped++
      if (seen === 0) firstStamped = ok
      seen++
    }
    pos = end + 1
  }
  if (stamped === 0) return null
  return { format: 'text', strength: strength(firstStamped || stamped >= 2) }
}

const EXTENSIONS: Record<string, TranscriptFormat> = {
  vtt: 'vtt',
  srt: 'srt',
  json: 'json',
  html: 'html',
  htm: 'html',
  txt: 'text',
}

const MIME_TYPES: Record<string, TranscriptFormat> = {
  'text/vtt': 'vtt',
  'application/x-subrip': 'srt',
  'application/srt': 'srt',
  'text/srt': 'srt',
  'application/json': 'json',
  'text/json': 'json',
  'text/html': 'html',
  'application/xhtml+xml': 'html',
  'text/plain': 'text',
}

// The extension is the more specific of the two: servers often send text/plain for any of these.
function formatFromHint(hint: FormatHint): TranscriptFormat | undefined {
  if (hint.fileName !== undefined) {
    let name = hint.fileName
    const cut = name.search(/[?#]/)
    if (cut !== -1) name = name.slice(0, cut)
    const dot = name.lastIndexOf('.')
    if (dot !== -1 && dot > name.lastIndexOf('/')) {
      const byExtension = EXTENSIONS[name.slice(dot + 1).toLowerCase()]
      if (byExtension !== undefined) return byExtension
    }
  }
  if (hint.mimeType !== undefined) {
    const semi = hint.mimeType.indexOf(';')
    const type = (semi === -1 ? hint.mimeType : hint.mimeType.slice(0, semi)).trim().toLowerCase()
    return MIME_TYPES[type]
  }
  return undefined
}

// Audio, images and other binary data: control characters (NUL above all) or decoding replacement marks.
function looksBinary(p: string): boolean {
  const n = Math.min(p.length, 1024)
  let odd = 0
  for (let k = 0; k < n; k++) {
    const c = p.charCodeAt(k)
    if (c === 0) return true
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) || c === 0xfffd) odd++
  }
  return n > 0 && odd * 10 > n
}

function lineEnd(p: string, from: number): number {
  const nl = p.indexOf('\n', from)
  return nl === -1 ? p.length : nl
}

function isWhite(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 12 || c === 0xa0 || c === 0xfeff
}
