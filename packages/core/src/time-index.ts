import type { Transcript } from './model.js'

/**
 * Which cue (and word) is active at a time. Built once per transcript; answers in O(log n) worst case and
 * O(1) while time moves forward steadily, without allocating.
 */
export interface TimeIndex {
  /** Number of cues in the transcript. */
  readonly length: number
  /**
   * Index of the cue active at `seconds`: among cues with `start <= seconds < end`, the one with the
   * latest start (the later one in transcript order when starts are equal); -1 when none is active.
   */
  cueAt(seconds: number): number
  /**
   * The active word: the word of the active cue (`cueAt(seconds)`) with `start <= seconds < end` and the
   * latest start (the later one when equal), or null. Words of other cues that overlap the active cue are
   * not considered, so the highlighted word always belongs to the highlighted line. The same object is
   * returned for the same (cue, word) pair, so comparing results by identity is enough.
   */
  wordAt(seconds: number): WordHit | null
  /** Start of cue `i` in seconds (NaN when out of range). */
  cueStart(i: number): number
  /** End of cue `i` in seconds (NaN when out of range). */
  cueEnd(i: number): number
}

/** A word position: index of the cue in `transcript.cues` and of the word in that cue's `words`. */
export interface WordHit {
  readonly cue: number
  readonly word: number
}

/** Builds the time index of a transcript. Cues need not be sorted; empty or invalid spans are never active. */
export function createTimeIndex(transcript: Transcript): TimeIndex {
  return new CueTimeIndex(transcript)
}

interface Span {
  start: number
  end: number
}

/**
 * Intervals sorted by start, answering "latest-starting interval containing t".
 *
 * With `p` the last interval starting at or before t, the answer is the rightmost q <= p with end > t.
 * Usually that is p itself (cues rarely overlap) or nothing (a gap: the prefix maximum of ends is <= t);
 * only inside overlapping runs do we need the max-segment-tree descent, which is O(log n) where walking
 * back through a long run of nested cues would be O(n).
 */
class IntervalIndex {
  readonly n: number
  /**
   * start, end of each sorted interval, interleaved: a random lookup is bound by cache misses, and this
   * way the start it compares and the end it checks share one cache line.
   */
  private readonly spans: Float64Array
  /** Original index of each sorted interval; null when that is the sorted position (sorted input). */
  private readonly ids: Int32Array | null
  /** Prefix maximum of ends: when reach[p] <= t, no interval up to p contains t. */
  private readonly reach: Float64Array
  /** Max segment tree over ends (leaves at `leaves + q`); null when no two intervals overlap. */
  private readonly tree: Float64Array | null
  private readonly leaves: number
  /**
   * Time buckets over [first start, last start]: first[b] = how many intervals start in buckets before b.
   * Podcast cues spread evenly over time, so a jump lands on a handful of candidates instead of a
   * 17-step binary search over the whole array (each step a cache miss at 100,000 cues).
   */
  private readonly first: Int32Array | null
  private readonly origin: number
  private readonly scale: number
  // Cursor: pos is the last interval starting at or before t, for every t in [lo, hi).
  private pos = -1
  private lo = Number.POSITIVE_INFINITY
  private hi = Number.NEGATIVE_INFINITY

  constructor(spans: readonly Span[]) {
    // One pass for the common case (every span valid, sorted by start: what the readers produce); the
    // general path below filters and sorts. Each pass over 100,000 cue objects costs milliseconds.
    const length = spans.length
    let packed = new Float64Array(2 * length)
    let reach = new Float64Array(length)
    let max = Number.NEGATIVE_INFINITY
    let overlaps = false
    let prev = Number.NEGATIVE_INFINITY
    let clean = true
    for (let i = 0; i < length; i++) {
      const s = spans[i]!
      const start = s.start
      const end = s.end
      // `start < end` is false for NaN and for empty spans: such intervals can never be active.
      if (!(start < end) || start < prev) {
        clean = false
        break
      }
      prev = start
      packed[2 * i] = start
      packed[2 * i + 1] = end
      if (max > start) overlaps = true
      if (end > max) max = end
      reach[i] = max
    }
    let count = length
    let ids: Int32Array | null = null
    if (!clean) {
      count = 0
      let sorted = true
      prev = Number.NEGATIVE_INFINITY
      for (let i = 0; i < length; i++) {
        const s = spans[i]!
        if (!(s.start < s.end)) continue
        if (s.start < prev) sorted = false
        prev = s.start
        count++
      }
      const order = new Int32Array(count)
      for (let i = 0, k = 0; i < length; i++) {
        const s = spans[i]!
        if (s.start < s.end) order[k++] = i
      }
      // Stable by original index among equal starts, so "the later one wins" matches transcript order.
      if (!sorted) order.sort((a, b) => spans[a]!.start - spans[b]!.start || a - b)
      ids = order
      packed = new Float64Array(2 * count)
      reach = new Float64Array(count)
      max = Number.NEGATIVE_INFINITY
      overlaps = false
      for (let k = 0; k < count; k++) {
        const s = spans[order[k]!]!
        packed[2 * k] = s.start
        packed[2 * k + 1] = s.end
        if (max > s.start) overlaps = true
        if (s.end > max) max = s.end
        reach[k] = max
      }
    }

    this.n = count
    this.ids = ids
    this.spans = packed
    this.reach = reach

    let leaves = 1
    while (leaves < count) leaves *= 2
    this.leaves = leaves
    this.tree = overlaps ? buildMaxTree(packed, count, leaves) : null

    this.origin = count > 0 ? this.spans[0]! : 0
    const range = count > 0 ? this.spans[2 * (count - 1)]! - this.origin : 0
    this.scale = range > 0 && range < Number.POSITIVE_INFINITY ? count / range : 0
    this.first = count >= BUCKETED_FROM && this.scale > 0 ? this.buildBuckets(count) : null
  }

  /** Bucket of a time at or after `origin`; monotonic in t, so bucket order never contradicts time order. */
  private bucketOf(t: number, buckets: number): number {
    const b = Math.floor((t - this.origin) * this.scale)
    return Math.min(b, buckets - 1)
  }

  private buildBuckets(count: number): Int32Array {
    const first = new Int32Array(count + 1)
    for (let k = 0; k < count; k++) first[this.bucketOf(this.spans[2 * k]!, count) + 1]!++
    for (let b = 1; b <= count; b++) first[b]! += first[b - 1]!
    return first
  }

  /** Original index of the latest-starting interval containing t, or -1. */
  at(t: number): number {
    let p = this.pos
    if (!(t >= this.lo && t < this.hi)) p = this.move(t)
    if (p < 0) return -1
    const ids = this.ids
    if (this.spans[2 * p + 1]! > t) return ids === null ? p : ids[p]!
    if (this.reach[p]! <= t) return -1
    const q = this.rightmostEndingAfter(p, t)
    return ids === null ? q : ids[q]!
  }

  /** Moves the cursor to t: the next interval first (steady playback), binary search on a jump. */
  private move(t: number): number {
    const { spans, n } = this
    if (Number.isNaN(t)) return -1
    let p = this.pos + 1
    // Forward by one: valid when start(p) <= t < start(p + 1).
    if (!(p < n && spans[2 * p]! <= t && (p + 1 >= n || t < spans[2 * p + 2]!))) {
      let lo = 0
      let hi = n
      const first = this.first
      if (first !== null) {
        if (t < this.origin) lo = hi = 0
        else {
          // Intervals in earlier buckets start before t, those in later buckets after it.
          const b = this.bucketOf(t, n)
          lo = first[b]!
          hi = first[b + 1]!
        }
      }
      while (lo < hi) {
        const mid = (lo + hi) >>> 1
        if (spans[2 * mid]! <= t) lo = mid + 1
        else hi = mid
      }
      p = lo - 1
    }
    this.pos = p
    this.lo = p >= 0 ? spans[2 * p]! : Number.NEGATIVE_INFINITY
    this.hi = p + 1 < n ? spans[2 * p + 2]! : Number.POSITIVE_INFINITY
    return p
  }

  /** Rightmost q <= p with ends[q] > t; the caller knows one exists (reach[p] > t). */
  private rightmostEndingAfter(p: number, t: number): number {
    const tree = this.tree!
    let i = this.leaves + p
    // Climb: each left sibling met covers the positions just before the ones already ruled out.
    while (i > 1) {
      if ((i & 1) === 1 && tree[i - 1]! > t) {
        i--
        // Descend, preferring the right child: it holds the later starts.
        while (i < this.leaves) i = tree[2 * i + 1]! > t ? 2 * i + 1 : 2 * i
        return i - this.leaves
      }
      i >>= 1
    }
    return -1
  }
}

/** Below this many intervals (a cue's words) a plain binary search is as fast as the bucket table. */
const BUCKETED_FROM = 64

function buildMaxTree(spans: Float64Array, count: number, leaves: number): Float64Array {
  const tree = new Float64Array(2 * leaves).fill(Number.NEGATIVE_INFINITY)
  for (let k = 0; k < count; k++) tree[leaves + k] = spans[2 * k + 1]!
  for (let i = leaves - 1; i >= 1; i--) {
    tree[i] = Math.max(tree[2 * i]!, tree[2 * i + 1]!)
  }
  return tree
}

/** Per-cue word lookup, built the first time the cue is active. */
interface CueWords {
  index: IntervalIndex
  /** Stable result objects, one per word, created on first use. */
  hits: Array<WordHit | undefined>
}

class CueTimeIndex implements TimeIndex {
  readonly length: number
  private readonly transcript: Transcript
  private readonly cues: IntervalIndex
  private readonly words: Array<CueWords | null | undefined>

  constructor(transcript: Transcript) {
    this.transcript = transcript
    this.length = transcript.cues.length
    this.cues = new IntervalIndex(transcript.cues)
    this.words = new Array<CueWords | null | undefined>(this.length)
  }

  cueAt(seconds: number): number {
    return this.cues.at(seconds)
  }

  wordAt(seconds: number): WordHit | null {
    const cue = this.cues.at(seconds)
    if (cue < 0) return null
    let entry = this.words[cue]
    if (entry === undefined) entry = this.words[cue] = this.buildWords(cue)
    if (entry === null) return null
    const word = entry.index.at(seconds)
    if (word < 0) return null
    let hit = entry.hits[word]
    if (hit === undefined) hit = entry.hits[word] = Object.freeze({ cue, word })
    return hit
  }

  cueStart(i: number): number {
    return this.transcript.cues[i]?.start ?? Number.NaN
  }

  cueEnd(i: number): number {
    return this.transcript.cues[i]?.end ?? Number.NaN
  }

  private buildWords(cue: number): CueWords | null {
    const words = this.transcript.cues[cue]?.words
    if (words === undefined || words.length === 0) return null
    return { index: new IntervalIndex(words), hits: new Array<WordHit | undefined>(words.length) }
  }
}
