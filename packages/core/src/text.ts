/** Text helpers shared by the readers: entity decoding and whitespace collapsing, without a DOM. */

// The named references real transcripts use. The full HTML table (2,231 names) would cost more than
// the rest of the library; anything outside it is kept as written, never dropped.
// biome-ignore format: a compact table reads better than one name a line
const NAMED: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', lrm: '\u200e', rlm: '\u200f',
  ndash: '\u2013', mdash: '\u2014', hellip: '\u2026', lsquo: '\u2018', rsquo: '\u2019', ldquo: '\u201c',
  rdquo: '\u201d', sbquo: '\u201a', bdquo: '\u201e', laquo: '\u00ab', raquo: '\u00bb', copy: '\u00a9',
  reg: '\u00ae', trade: '\u2122', deg: '\u00b0', middot: '\u00b7', bull: '\u2022', euro: '\u20ac',
  pound: '\u00a3', yen: '\u00a5', cent: '\u00a2', sect: '\u00a7', para: '\u00b6', times: '\u00d7',
  divide: '\u00f7', plusmn: '\u00b1', frac12: '\u00bd', frac14: '\u00bc', frac34: '\u00be', iexcl: '\u00a1',
  iquest: '\u00bf', shy: '\u00ad', zwj: '\u200d', zwnj: '\u200c', ensp: '\u2002', emsp: '\u2003',
  thinsp: '\u2009', hyphen: '\u2010', dash: '\u2010', prime: '\u2032', Prime: '\u2033', larr: '\u2190',
  rarr: '\u2192', uarr: '\u2191', darr: '\u2193', harr: '\u2194', hearts: '\u2665', star: '\u2606',
  agrave: '\u00e0', aacute: '\u00e1', acirc: '\u00e2', atilde: '\u00e3', auml: '\u00e4', aring: '\u00e5',
  aelig: '\u00e6', ccedil: '\u00e7', egrave: '\u00e8', eacute: '\u00e9', ecirc: '\u00ea', euml: '\u00eb',
  igrave: '\u00ec', iacute: '\u00ed', icirc: '\u00ee', iuml: '\u00ef', ntilde: '\u00f1', ograve: '\u00f2',
  oacute: '\u00f3', ocirc: '\u00f4', otilde: '\u00f5', ouml: '\u00f6', oslash: '\u00f8', ugrave: '\u00f9',
  uacute: '\u00fa', ucirc: '\u00fb', uuml: '\u00fc', yacute: '\u00fd', yuml: '\u00ff', szlig: '\u00df',
  Agrave: '\u00c0', Aacute: '\u00c1', Acirc: '\u00c2', Atilde: '\u00c3', Auml: '\u00c4', Aring: '\u00c5',
  AElig: '\u00c6', Ccedil: '\u00c7', Egrave: '\u00c8', Eacute: '\u00c9', Ecirc: '\u00ca', Euml: '\u00cb',
  Igrave: '\u00cc', Iacute: '\u00cd', Icirc: '\u00ce', Iuml: '\u00cf', Ntilde: '\u00d1', Ograve: '\u00d2',
  Oacute: '\u00d3', Ocirc: '\u00d4', Otilde: '\u00d5', Ouml: '\u00d6', Oslash: '\u00d8', Ugrave: '\u00d9',
  Uacute: '\u00da', Ucirc: '\u00db', Uuml: '\u00dc', Yacute: '\u00dd', oelig: '\u0153', OElig: '\u0152',
  scaron: '\u0161', Scaron: '\u0160', alpha: '\u03b1', beta: '\u03b2', gamma: '\u03b3', delta: '\u03b4',
  pi: '\u03c0', mu: '\u03bc', micro: '\u00b5', sigma: '\u03c3', omega: '\u03c9', Omega: '\u03a9',
  // The WebVTT cue-text conformance cases (wpt entities.dat) use these.
  AMP: '&', LT: '<', GT: '>', QUOT: '"', COPY: '\u00a9', REG: '\u00ae', not: '\u00ac', notin: '\u2209',
  nsubE: '\u2ac5\u0338', ClockwiseContourIntegral: '\u2232',
}

const ENTITY = /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([A-Za-z][A-Za-z0-9]{1,31}));?/g

/** Decodes HTML character references (named, decimal, hex). Unknown names are kept as written. */
export function decodeEntities(s: string): string {
  if (s.indexOf('&') === -1) return s
  return s.replace(
    ENTITY,
    (match, dec: string | undefined, hex: string | undefined, name: string | undefined) => {
      if (name !== undefined) {
        const v = NAMED[name]
        // Without the semicolon only the classic names are references (as in HTML's legacy table).
        if (v !== undefined && (match.endsWith(';') || LEGACY.has(name))) return v
        // As in HTML text, a classic name still counts when more letters follow it: "&notit;" is "¬it;".
        for (let k = name.length - 1; k >= 2; k--) {
          const prefix = name.slice(0, k)
          if (LEGACY.has(prefix)) return NAMED[prefix] + match.slice(1 + k)
        }
        return match
      }
      const code = dec !== undefined ? Number.parseInt(dec, 10) : Number.parseInt(hex!, 16)
      if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return '\ufffd'
      return String.fromCodePoint(code)
    },
  )
}

const LEGACY = new Set([
  ...['amp', 'lt', 'gt', 'quot', 'nbsp', 'copy', 'reg'],
  ...['AMP', 'LT', 'GT', 'QUOT', 'COPY', 'REG', 'not'],
])

// Whitespace that collapsing would change: anything but a lone inner space.
const UNCOLLAPSED = /[^\S ]| {2}|^ | $/
// A whole run of whitespace that is not a lone space: a space and more, or any other white space first.
const CHANGED_RUN = / \s+|[^\S ]\s*/g

/** Collapses runs of whitespace (including newlines and no-break spaces) to one space and trims. */
export function collapseWhitespace(s: string): string {
  // Most lines are already collapsed; testing is cheaper than rebuilding them (and keeps no copy).
  if (!UNCOLLAPSED.test(s)) return s
  // Replaces only the runs that change (not each lone space: a 5 MB line has a million of them).
  return s.replace(CHANGED_RUN, ' ').trim()
}

/** Normalises line breaks (CRLF, CR) to LF and drops a leading byte-order mark. */
export function normalizeNewlines(source: string): string {
  let s = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source
  // split/join rather than a global regular expression replace: V8's replace slows down more than linearly
  // with the number of matches (500,000 CRLF blank lines took 4 times as long as 250,000).
  if (s.indexOf('\r') !== -1) {
    s = s.split('\r\n').join('\n')
    if (s.indexOf('\r') !== -1) s = s.split('\r').join('\n')
  }
  return s
}

// What makes cue text need cleaning (see PlainRanges): the characters that may start markup, an ASS
// override block or a character reference, and white space other than a space; then two spaces in a row
// and the wide spaces, which have searches of their own. Line breaks and colons are near every cue, so
// callers look for them per cue instead.
const SIGNS = ['<', '{', '&', '\t', '\v', '\f', '\u00a0']
const DOUBLE_SPACE = SIGNS.length
const WIDE_SPACE = /[\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]/
// Characters searched at a time: small enough to stay in the CPU's cache for all the searches (and for
// the reader, which goes on to read the same lines), large enough that a search call costs nothing.
const WINDOW = 1 << 16

/**
 * Tells which ranges of a source are already plain text: nothing to strip, decode or collapse. Ranges
 * are asked in source order (one asked out of order is still answered right, by searching again).
 *
 * Rather than scanning each range char by char (a loop or a regular expression, a large share of an SRT
 * parse), it searches the source ahead of the ranges, a window at a time, with `indexOf` for each sign of
 * mess: each is a native search, far faster than a loop, and the window is still in the CPU cache for the
 * next sign, where a search of the whole source per sign would read it from memory once per sign. The
 * search for a wide space costs nothing when the source has no character above U+00FF (V8 then stores it
 * one byte a character).
 */
export class PlainRanges {
  private readonly s: string
  // The window searched so far is [lo, hi). at[k]: where sign k (SIGNS, then two spaces, then a wide space) first occurs
  // in it, or -1 for nowhere; `nearest` is the least of them.
  private lo = 0
  private hi = 0
  private readonly at: number[] = new Array<number>(SIGNS.length + 2).fill(-1)
  private nearest = -1
  // The UTF-8 bytes of a window, for the search for two spaces (see findDoubleSpace); made on first use.
  private bytes: Uint8Array | null = null

  constructor(s: string) {
    this.s = s
  }

  /** True when `s[from, to)` is one line of plain text: no space at either end, nothing to clean. */
  isPlain(from: number, to: number): boolean {
    const nl = this.s.indexOf('\n', from)
    return (nl === -1 || nl >= to) && this.isPlainLine(from, to)
  }

  /** `isPlain` for a range the caller knows to be one line (no LF in it). */
  isPlainLine(from: number, to: number): boolean {
    const s = this.s
    if (from >= to || s.charCodeAt(from) === 32 || s.charCodeAt(to - 1) === 32) return false
    if (from < this.lo || from > this.hi) {
      // Out of order, or past the window: nothing known from here on.
      this.hi = from
      this.at.fill(-1)
      this.nearest = -1
    }
    this.lo = from
    if ((this.nearest !== -1 && this.nearest < from) || this.hi < to) this.advance(from, to)
    return this.nearest === -1 || this.nearest >= to
  }

  // Searches again, in [from, hi), for each sign found before `from`; then, if the window ends before
  // `to`, extends it and searches the new part for the signs it has not found. The new part starts a
  // character early, so that two spaces across its start are found.
  private advance(from: number, to: number): void {
    const at = this.at
    const hi = this.hi
    const end = hi < to ? Math.max(to, hi + WINDOW) : hi
    let nearest = -1
    for (let k = 0; k < at.length; k++) {
      let p = at[k]!
      if (p !== -1 && p < from) p = this.find(k, from, hi)
      if (p === -1 && end > hi) p = this.find(k, hi > from ? hi - 1 : hi, end)
      at[k] = p
      if (p !== -1 && (nearest === -1 || p < nearest)) nearest = p
    }
    this.hi = end
    this.nearest = nearest
  }

  private find(k: number, from: number, to: number): number {
    if (from >= to) return -1
    const w = this.s.slice(from, to)
    let p: number
    if (k < SIGNS.length) p = w.indexOf(SIGNS[k]!)
    else if (k === DOUBLE_SPACE) {
      this.bytes ??= new Uint8Array(3 * Math.min(this.s.length, WINDOW + 1) + 1)
      p = findDoubleSpace(w, this.bytes)
    } else p = w.search(WIDE_SPACE)
    return p === -1 ? -1 : from + p
  }
}

const encoder = new TextEncoder()

/**
 * Where `w` first holds two spaces in a row, or -1: `w.indexOf('  ')`, in a fraction of its time on text
 * with a space every few characters. That search stops at every space (a native search for the first
 * character, then a look at the next), and prose has one every six characters or so: it was a fifth of
 * the time of a WebVTT parse. Here `w` is written into `bytes` as UTF-8 (native, and for ASCII about a copy)
 * and the bytes are searched as 16-bit pairs for 0x2020, once as they lie and once moved by a byte: each
 * search is a native loop over half as many elements, with no stop until a match.
 *
 * A space is the byte 0x20 in UTF-8 and no byte of a longer sequence is below 0x80, so the first pair of
 * 0x20 bytes is the first pair of spaces. Its byte offset `b` is its character offset when every
 * character took one byte; otherwise that offset lies between b/3 and b (no UTF-16 unit takes more than
 * three bytes), and `indexOf` from b/3 finds it. A `w` that does not fit in `bytes` is searched directly.
 */
export function findDoubleSpace(w: string, bytes: Uint8Array): number {
  const n = w.length
  if (n < 2) return -1
  if (3 * n + 1 > bytes.length) return w.indexOf('  ')
  const { written } = encoder.encodeInto(w, bytes)
  let b = new Uint16Array(bytes.buffer, bytes.byteOffset, written >> 1).indexOf(0x2020) * 2
  // Moved by one: pair k of the view is bytes 2k - 1 and 2k of the text (pair 0 starts before it).
  encoder.encodeInto(w, bytes.subarray(1))
  bytes[0] = 0
  const k = new Uint16Array(bytes.buffer, bytes.byteOffset, (written + 1) >> 1).indexOf(0x2020)
  if (k > 0 && (b < 0 || 2 * k - 1 < b)) b = 2 * k - 1
  if (b < 0) return -1
  return written === n ? b : w.indexOf('  ', Math.floor(b / 3))
}
