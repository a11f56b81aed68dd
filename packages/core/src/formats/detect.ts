/**
 * Format sniffing. Looks only at a bounded prefix, so that detection costs the same on a 10-hour file as
 * on a one-liner. Clear content evidence wins over the file name or MIME type; the hint settles the rest.
 */
import type { TranscriptFormat } from '../model.js'
import { type StampOut, scanTimestamp } from './text.js'

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
  const sniffed = sniff(prefix)
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

function sniff(p: string): Sniffed | null {
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
    const json = sniffJson(p, i)
    if (json !== null) return json
  }
  if (first === 60 /* < */) return sniffHtml(p, i)
  const srt = sniffSrt(p, i)
  if (srt !== null) return srt
  return sniffText(p, i)
}

function sniffJson(p: string, i: number): Sniffed | null {
  if (p.charCodeAt(i) === 123) {
    return { format: 'json', strength: strength(p.indexOf('"segments"', i) !== -1) }
  }
  // An array of segments: `[{"startTime": ...` or WhisperX's `[{"word": ..., "start": ...`.
  let j = i + 1
  while (j < p.length && isWhite(p.charCodeAt(j))) j++
  if (p.charCodeAt(j) !== 123) return null
  const timed = /"(?:startTime|start|endTime|end)"\s*:/.test(p)
  const texted = /"(?:body|text|word)"\s*:/.test(p)
  return { format: 'json', strength: strength(timed && texted) }
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
  if (TIMING.test(first)) return { format: 'srt', strength: first.indexOf(',') !== -1 ? 'clear' : 'likely' }
  if (!/^\d{1,9}$/.test(first)) return null
  let j = firstEnd
  while (j < p.length && isWhite(p.charCodeAt(j))) j++
  const second = p.slice(j, lineEnd(p, j)).trim()
  return TIMING.test(second) ? { format: 'srt', strength: 'clear' } : null
}

// `0:0:7,560 -->`, `00:00:01.000 -->`: lenient digit counts, as real SRT files have them. Every part is
// bounded and separated by a fixed character, so nothing can backtrack.
const TIMING = /^\d{1,3}:\d{1,2}(?::\d{1,2})?(?:[.,]\d{1,3})?[ \t]*-->/

const stamp: StampOut = { seconds: 0 }

function sniffText(p: string, i: number): Sniffed | null {
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
      const ok = scanTimestamp(p, a, b, stamp) >= 0
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
