import type { Transcript } from './model.js'
import { inRuns, type SlicedBuild, slicedBuild, type WorkMeter } from './slices.js'

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
  const build = buildTimeIndex(transcript)
  build.step(Number.POSITIVE_INFINITY)
  return build.result()
}

/**
 * Builds the time index of a transcript in slices (`step(budget)`, or `runInSlices`), for a transcript
 * long enough that building it at once would be a long task. The result is what `createTimeIndex` gives.
 * A unit of work is one cue visited by one pass; a build takes from about 3 units a cue (sorted cues
 * that never overlap) to about 6 plus the sort's log2(n) (unsorted, overlapping).
 */
export function buildTimeIndex(transcript: Transcript): SlicedBuild<TimeIndex> {
  return slicedBuild(function* (meter) {
    const cues = new IntervalIndex(yield* buildIntervals(transcript.cues, meter))
    return new CueTimeIndex(transcript, cues)
  })
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

  constructor(data: IntervalData) {
    this.n = data.count
    this.ids = data.ids
    this.spans = data.spans
    this.reach = data.reach
    this.leaves = data.leaves
    this.tree = data.tree
    this.origin = data.origin
    this.scale = data.scale
    this.first = data.first
  }

  /** The index of `spans` built at once (a cue's words: a handful). */
  static of(spans: readonly Span[]): IntervalIndex {
    const build = slicedBuild((meter) => buildIntervals(spans, meter))
    build.step(Number.POSITIVE_INFINITY)
    return new IntervalIndex(build.result())
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
          const b = bucketOf(t, this.origin, this.scale, n)
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

/** Bucket of a time at or after `origin`; monotonic in t, so bucket order never contradicts time order. */
function bucketOf(t: number, origin: number, scale: number, buckets: number): number {
  const b = Math.floor((t - origin) * scale)
  return Math.min(b, buckets - 1)
}

/** What an `IntervalIndex` is made of (see its fields). */
interface IntervalData {
  count: number
  ids: Int32Array | null
  spans: Float64Array
  reach: Float64Array
  leaves: number
  tree: Float64Array | null
  origin: number
  scale: number
  first: Int32Array | null
}

/**
 * Builds an `IntervalIndex`'s arrays pass by pass, each pass in runs as the slice's budget allows (see
 * `inRuns`); a unit is one element a pass visits.
 */
function* buildIntervals(spans: readonly Span[], meter: WorkMeter): Generator<void, IntervalData, void> {
  // One pass for the common case (every span valid, sorted by start: what the readers produce); the
  // general path below filters and sorts. Each pass over 100,000 cue objects costs milliseconds.
  const length = spans.length
  let packed = new Float64Array(2 * length)
  let reach = new Float64Array(length)
  let max = Number.NEGATIVE_INFINITY
  let overlaps = false
  let prev = Number.NEGATIVE_INFINITY
  const clean = yield* inRuns(meter, length, (from, to) => {
    let m = max
    let p = prev
    for (let i = from; i < to; i++) {
      const s = spans[i]!
      const start = s.start
      const end = s.end
      // `start < end` is false for NaN and for empty spans: such intervals can never be active.
      if (!(start < end) || start < p) return false
      p = start
      packed[2 * i] = start
      packed[2 * i + 1] = end
      if (m > start) overlaps = true
      if (end > m) m = end
      reach[i] = m
    }
    max = m
    prev = p
    return true
  })
  let count = length
  let ids: Int32Array | null = null
  if (!clean) {
    count = 0
    let sorted = true
    prev = Number.NEGATIVE_INFINITY
    yield* inRuns(meter, length, (from, to) => {
      for (let i = from; i < to; i++) {
        const s = spans[i]!
        if (!(s.start < s.end)) continue
        if (s.start < prev) sorted = false
        prev = s.start
        count++
      }
      return true
    })
    let order: Int32Array = new Int32Array(count)
    let k = 0
    yield* inRuns(meter, length, (from, to) => {
      for (let i = from; i < to; i++) {
        const s = spans[i]!
        if (s.start < s.end) order[k++] = i
      }
      return true
    })
    // Stable by original index among equal starts, so "the later one wins" matches transcript order.
    if (!sorted) order = yield* mergeSortByStart(order, spans, meter)
    ids = order
    const packedSorted = new Float64Array(2 * count)
    const reachSorted = new Float64Array(count)
    max = Number.NEGATIVE_INFINITY
    overlaps = false
    yield* inRuns(meter, count, (from, to) => {
      for (let k = from; k < to; k++) {
        const s = spans[order[k]!]!
        packedSorted[2 * k] = s.start
        packedSorted[2 * k + 1] = s.end
        if (max > s.start) overlaps = true
        if (s.end > max) max = s.end
        reachSorted[k] = max
      }
      return true
    })
    packed = packedSorted
    reach = reachSorted
  }

  let leaves = 1
  while (leaves < count) leaves *= 2
  const tree = overlaps ? yield* buildMaxTree(packed, count, leaves, meter) : null

  const origin = count > 0 ? packed[0]! : 0
  const range = count > 0 ? packed[2 * (count - 1)]! - origin : 0
  const scale = range > 0 && range < Number.POSITIVE_INFINITY ? count / range : 0
  let first: Int32Array | null = null
  if (count >= BUCKETED_FROM && scale > 0) {
    const buckets = new Int32Array(count + 1)
    yield* inRuns(meter, count, (from, to) => {
      for (let k = from; k < to; k++) buckets[bucketOf(packed[2 * k]!, origin, scale, count) + 1]!++
      return true
    })
    // Prefix sums: bucket b + 1 from bucket b.
    yield* inRuns(meter, count, (from, to) => {
      for (let b = from + 1; b <= to; b++) buckets[b]! += buckets[b - 1]!
      return true
    })
    first = buckets
  }
  return { count, ids, spans: packed, reach, leaves, tree, origin, scale, first }
}

/**
 * `order` (indexes of `spans`, ascending) sorted by start, stable: a bottom-up merge sort, so that it can
 * stop after any element it moves (a built-in sort is one call). Returns the sorted array (`order` or
 * its scratch twin).
 */
function* mergeSortByStart(
  order: Int32Array,
  spans: readonly Span[],
  meter: WorkMeter,
): Generator<void, Int32Array, void> {
  const n = order.length
  let from: Int32Array = order
  let to: Int32Array = new Int32Array(n)
  for (let width = 1; width < n; width *= 2) {
    // One pass of merges over the whole array: element k of `to` comes from the run pair holding k.
    let lo = 0
    let mid = 0
    let hi = 0
    let a = 0
    let b = 0
    const src = from
    const dst = to
    yield* inRuns(meter, n, (start, stop) => {
      for (let k = start; k < stop; k++) {
        if (k === hi) {
          lo = k
          mid = Math.min(lo + width, n)
          hi = Math.min(lo + 2 * width, n)
          a = lo
          b = mid
        }
        // Ties take the left run first: the earlier original index, as a stable sort does.
        if (a < mid && (b >= hi || spans[src[a]!]!.start <= spans[src[b]!]!.start)) dst[k] = src[a++]!
        else dst[k] = src[b++]!
      }
      return true
    })
    from = dst
    to = src
  }
  return from
}

function* buildMaxTree(
  spans: Float64Array,
  count: number,
  leaves: number,
  meter: WorkMeter,
): Generator<void, Float64Array, void> {
  const tree = new Float64Array(2 * leaves).fill(Number.NEGATIVE_INFINITY)
  yield* inRuns(meter, count, (from, to) => {
    for (let k = from; k < to; k++) tree[leaves + k] = spans[2 * k + 1]!
    return true
  })
  // Internal nodes from the last to the root: j counts them, node leaves - 1 - j.
  yield* inRuns(meter, leaves - 1, (from, to) => {
    for (let j = from; j < to; j++) {
      const i = leaves - 1 - j
      tree[i] = Math.max(tree[2 * i]!, tree[2 * i + 1]!)
    }
    return true
  })
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

  constructor(transcript: Transcript, cues: IntervalIndex) {
    this.transcript = transcript
    this.length = transcript.cues.length
    this.cues = cues
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
    return { index: IntervalIndex.of(words), hits: new Array<WordHit | undefined>(words.length) }
  }
}
