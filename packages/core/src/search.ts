import type { Cue, Transcript } from './model.js'

/** One occurrence of the query: `start`/`end` are UTF-16 offsets into `transcript.cues[cue].text`. */
export interface SearchMatch {
  cue: number
  start: number
  end: number
}

/**
 * Finds every occurrence of a phrase in the cue texts, in transcript order, ignoring case and accents
 * ("pokemon" finds "Pokémon", "strasse" finds "Straße", "ﬁ" ligatures and full-width letters fold too).
 * Whitespace in the query matches any run of whitespace; leading and trailing whitespace is ignored;
 * occurrences do not overlap. An empty query finds nothing. Offsets always refer to the original text, so
 * a highlight covers exactly what matched (including accents written as separate combining marks).
 *
 * The folded text is built on the first search of a transcript and kept while the transcript lives;
 * transcripts are treated as immutable.
 */
export function searchTranscript(transcript: Transcript, query: string): SearchMatch[] {
  const needle = trimSpaces(fold(query))
  if (needle.length === 0) return []
  const corpus = corpusOf(transcript.cues)
  const { text, offsets, mapStart, pool, cues } = corpus
  const matches: SearchMatch[] = []
  let at = text.indexOf(needle)
  while (at !== -1) {
    const cue = cueContaining(offsets, at)
    const local = at - offsets[cue]!
    const base = mapStart[cue]!
    if (base < 0) {
      matches.push({ cue, start: local, end: local + needle.length })
    } else {
      const n = (cue + 1 < offsets.length ? offsets[cue + 1]! - 1 : text.length) - offsets[cue]!
      const end = segmentEnd(pool, base, n, local + needle.length, cues[cue]!.text.length)
      matches.push({ cue, start: pool[base + local]!, end })
    }
    at = text.indexOf(needle, at + needle.length)
  }
  return matches
}

/**
 * All cue texts folded and joined by '\n' (folding turns every whitespace into ' ', so no match spans
 * two cues), with the way back to original offsets for the cues where folding moved characters.
 */
interface Corpus {
  cues: readonly Cue[]
  text: string
  /** offsets[i]: where cue i starts in `text`. */
  offsets: Int32Array
  /** Where cue i's offset map starts in `pool`, or -1 when folded position k is original offset k. */
  mapStart: Int32Array
  /** Folded position -> original offset within the cue, for every cue that needs it, back to back. */
  pool: Int32Array
}

const corpora = new WeakMap<readonly Cue[], Corpus>()

function corpusOf(cues: readonly Cue[]): Corpus {
  const cached = corpora.get(cues)
  if (cached !== undefined && cached.offsets.length === cues.length) return cached
  const folder = new Folder()
  const parts: string[] = new Array(cues.length)
  const offsets = new Int32Array(cues.length)
  const mapStart = new Int32Array(cues.length)
  let pool = new Int32Array(256)
  let pooled = 0
  let length = 0
  for (let i = 0; i < cues.length; i++) {
    const text = cues[i]!.text
    offsets[i] = length
    mapStart[i] = -1
    // Most cues of an English transcript are plain ASCII: the engine's lower-casing is the whole fold.
    let part: string
    if (isPlain(text)) part = text.toLowerCase()
    else {
      const n = folder.fold(text)
      part = folder.text()
      if (!folder.identity) {
        if (pooled + n > pool.length) {
          const grown = new Int32Array(Math.max(pool.length * 2, pooled + n))
          grown.set(pool.subarray(0, pooled))
          pool = grown
        }
        pool.set(folder.map.subarray(0, n), pooled)
        mapStart[i] = pooled
        pooled += n
      }
    }
    parts[i] = part
    length += part.length + 1
  }
  const corpus: Corpus = { cues, text: parts.join('\n'), offsets, mapStart, pool: pool.slice(0, pooled) }
  corpora.set(cues, corpus)
  return corpus
}

/** Folds a text on its own (the query), as search folds cue texts: case, accents, compatibility forms, white space. */
export function fold(s: string): string {
  if (isPlain(s)) return s.toLowerCase()
  const folder = new Folder()
  folder.fold(s)
  return folder.text()
}

/** True when folding is lower-casing alone: ASCII, and whitespace only as single ' '. */
function isPlain(s: string): boolean {
  let previousSpace = false
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c >= 128 || c < 32) return false
    const space = c === 32
    if (space && previousSpace) return false
    previousSpace = space
  }
  return true
}

/** Last cue whose folded text starts at or before `at`. */
function cueContaining(offsets: Int32Array, at: number): number {
  let lo = 0
  let hi = offsets.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (offsets[mid]! <= at) lo = mid + 1
    else hi = mid
  }
  return lo - 1
}

/**
 * Original offset where a match ending before folded position `j` (relative to the cue) ends: the start
 * of the next original character, so that dropped combining marks after the last letter are included
 * and a character that folded to several ('ß' -> 'ss') is covered whole even when the match ends inside
 * it. `map` holds the cue's `n` entries from `base`.
 */
function segmentEnd(map: Int32Array, base: number, n: number, j: number, originalLength: number): number {
  const last = map[base + j - 1]!
  while (j < n && map[base + j] === last) j++
  return j < n ? map[base + j]! : originalLength
}

function trimSpaces(s: string): string {
  let a = 0
  let b = s.length
  while (a < b && s.charCodeAt(a) === 32) a++
  while (b > a && s.charCodeAt(b - 1) === 32) b--
  return s.slice(a, b)
}

/**
 * Case- and accent-folds one text at a time into reusable buffers of UTF-16 units, collapsing
 * whitespace runs to one space, and records for each unit the offset of the original character it came
 * from.
 */
class Folder {
  units = new Uint16Array(256)
  /** Original offset of each unit. */
  map = new Int32Array(256)
  length = 0
  /** Whether the last text kept every character at its offset (no map needed). */
  identity = true

  /** Folds `s` into the buffers; returns how many units it wrote and sets `identity`. */
  fold(s: string): number {
    if (this.units.length < s.length) this.grow(s.length)
    // Locals for the loop; re-read after `grow`. ASCII never needs more room than the original.
    let units = this.units
    let map = this.map
    let n = 0
    let identity = true
    let inSpace = false
    for (let i = 0; i < s.length; ) {
      const c = s.charCodeAt(i)
      if (c < 128) {
        if (c === 32 || (c >= 9 && c <= 13)) {
          if (inSpace) identity = false
          else {
            if (n !== i) identity = false
            units[n] = 32
            map[n++] = i
            inSpace = true
          }
        } else {
          if (n !== i) identity = false
          units[n] = c >= 65 && c <= 90 ? c + 32 : c
          map[n++] = i
          inSpace = false
        }
        i++
        continue
      }
      const cp = s.codePointAt(i)!
      const width = cp > 0xffff ? 2 : 1
      const piece = foldCodePoint(cp)
      if (piece === ' ') {
        if (inSpace) identity = false
        else {
          if (n !== i) identity = false
          units[n] = 32
          map[n++] = i
          inSpace = true
        }
      } else if (piece.length === 0) {
        identity = false
      } else {
        const need = n + piece.length + (s.length - i - width)
        if (need > units.length) {
          this.grow(need)
          units = this.units
          map = this.map
        }
        if (n !== i || piece.length !== 1) identity = false
        for (let k = 0; k < piece.length; k++) {
          units[n] = piece.charCodeAt(k)
          map[n++] = i
        }
        inSpace = false
      }
      i += width
    }
    this.length = n
    this.identity = identity && n === s.length
    return n
  }

  private grow(size: number): void {
    const units = new Uint16Array(Math.max(this.units.length * 2, size))
    units.set(this.units)
    const map = new Int32Array(units.length)
    map.set(this.map)
    this.units = units
    this.map = map
  }

  /** The folded text of the last `fold`. */
  text(): string {
    let out = ''
    // fromCharCode takes its units as arguments: chunks stay far below engines' argument limits.
    for (let at = 0; at < this.length; at += 8192) {
      const chunk = this.units.subarray(at, Math.min(this.length, at + 8192))
      out += String.fromCharCode.apply(null, chunk as unknown as number[])
    }
    return out
  }
}

const foldedCodePoints = new Map<number, string>()
const NONSPACING_MARKS = /\p{Mn}/gu
const WHITESPACE = /^\s+$/u
const IGNORABLE = /^\p{Default_Ignorable_Code_Point}$/u

/**
 * Folds one non-ASCII code point: compatibility decomposition (NFKD, so ligatures and full-width forms
 * become plain letters), combining marks dropped, lower-cased, and the few full case foldings that
 * lower-casing misses. Folding each code point alone equals folding the whole string here, because the
 * only thing canonical reordering could move is combining marks, and those are dropped.
 */
function foldCodePoint(cp: number): string {
  const cached = foldedCodePoints.get(cp)
  if (cached !== undefined) return cached
  const ch = String.fromCodePoint(cp)
  let folded: string
  if (WHITESPACE.test(ch)) folded = ' '
  else if (IGNORABLE.test(ch))
    folded = '' // soft hyphens, zero-width joiners: invisible, never typed
  else {
    folded = ch.normalize('NFKD').replace(NONSPACING_MARKS, '').toLowerCase()
    // Lower-casing 'İ' yields 'i' plus a combining dot: decompose and strip once more.
    folded = folded.normalize('NFKD').replace(NONSPACING_MARKS, '')
    folded = folded.replaceAll('ß', 'ss').replaceAll('ς', 'σ').toLowerCase()
    if (folded.length > 0 && WHITESPACE.test(folded)) folded = ' '
  }
  foldedCodePoints.set(cp, folded)
  return folded
}
