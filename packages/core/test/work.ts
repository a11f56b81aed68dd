/**
 * Counts the work a synchronous call does without reading a clock, so that a busy machine gives the same
 * counts as an idle one. Two counts, kept apart so that neither hides the other:
 *
 * - `code`: characters of JavaScript executed in the scripts that `scripts` selects, from V8's block
 *   coverage. Every function, branch and loop body has an execution count; a block's own characters
 *   (those not in a nested block) count once per execution, so a 12-character loop body run 1,000 times
 *   counts 12,000.
 * - `native`: characters (or array elements) handled by built-in methods whose cost grows with a length,
 *   which block coverage does not see into: `indexOf` counts the distance it searched, `slice` what it
 *   returned, `split`, `trim` or `toLowerCase` the string they read, `JSON.parse` its text, `Array#join` its
 *   result, `Array#splice` the elements it moved. A regular expression run counts the characters from
 *   where its search starts to the end of its match, or to the end of the input when it finds none (one
 *   for a sticky one that fails).
 *
 * Block coverage must be on before the counted code is loaded (./counting.js).
 *
 * What neither count sees: the steps a regular expression takes inside one run (backtracking; `regexps`
 * lists each expression run and its longest input, for ./regexp-shape.ts to judge), and costs of the
 * engine itself (garbage collection, flattening a concatenated string), which show only as time.
 */
import { Session } from 'node:inspector'

export interface Work<T> {
  value: T
  code: number
  native: number
  /** Each regular expression run (by source and flags), with the longest input it was run on. */
  regexps: Map<string, { re: RegExp; longest: number }>
}

/** One execution count over a range of a script, as V8's precise coverage gives it. */
interface CoverageRange {
  startOffset: number
  endOffset: number
  count: number
}
interface ScriptCoverage {
  url: string
  functions: { functionName: string; ranges: CoverageRange[]; isBlockCoverage: boolean }[]
}

const session = new Session()
session.connect()

// The inspector answers a session of the same thread before `post` returns.
function post<R>(method: string, params?: object): R {
  let answered = false
  let result: unknown
  let error: Error | null = null
  session.post(method, params, (e, r) => {
    answered = true
    error = e
    result = r
  })
  if (!answered) throw new Error(`the inspector did not answer ${method} synchronously`)
  if (error) throw error
  return result as R
}

let coverageOn = false

/**
 * Characters executed in the selected scripts since the last call: the sum over ranges of each range's
 * count times its own length (its length less that of the ranges nested in it). V8 merges a nested range
 * into its parent when their counts are equal, which leaves every character's count as it was: the sum
 * does not depend on how the ranges were merged.
 */
function takeCode(scripts: (url: string) => boolean): number {
  const { result } = post<{ result: ScriptCoverage[] }>('Profiler.takePreciseCoverage')
  let total = 0
  for (const script of result) {
    if (!scripts(script.url)) continue
    // A function compiled before block coverage started has no block counters: a loop in it would go
    // uncounted. Class field initializers are let through: they hold no loop of their own.
    for (const f of script.functions) {
      const [whole] = f.ranges
      if (f.isBlockCoverage || whole === undefined || whole.count === 0) continue
      if (f.functionName === '<instance_members_initializer>') continue
      throw new Error(
        `${script.url}: ${f.functionName || 'the function'} at ${whole.startOffset} ran without block counters: it was compiled before startCounting()`,
      )
    }
    // Outer ranges first: a function's ranges nest in it, and functions nest in each other.
    const ranges = script.functions.flatMap((f) => f.ranges)
    ranges.sort((a, b) => a.startOffset - b.startOffset || b.endOffset - a.endOffset)
    const open: { end: number; count: number; own: number }[] = []
    const close = () => {
      const r = open.pop()!
      total += r.count * r.own
    }
    for (const r of ranges) {
      while (open.length > 0 && open[open.length - 1]!.end <= r.startOffset) close()
      const parent = open[open.length - 1]
      if (parent) parent.own -= r.endOffset - r.startOffset
      open.push({ end: r.endOffset, count: r.count, own: r.endOffset - r.startOffset })
    }
    while (open.length > 0) close()
  }
  return total
}

type Cost = (self: never, args: never, result: never) => number

// The originals, for the costs that search again (no cost may call an instrumented method).
const stringIndexOf = String.prototype.indexOf
const arrayIndexOf = Array.prototype.indexOf
const clampFrom = (from: unknown, length: number, otherwise: number): number => {
  const n = Number(from)
  return from === undefined || Number.isNaN(n) ? otherwise : Math.min(Math.max(Math.trunc(n), 0), length)
}
/** The characters a forward search examined: up to the end of its match, or to the end of the string. */
const searched = (s: string, from: number, found: number, needle: number): number =>
  found === -1 ? s.length - from : found - from + needle
/** The same for a backward search from `from` down to its match, or to the start of the string. */
const searchedBack = (from: number, found: number, needle: number): number =>
  found === -1 ? from + needle : from - found + needle

const read = (s: string) => s.length
const produced = (_: unknown, __: unknown, r: string | unknown[]) => r.length
const readAndProduced = (s: string, _: unknown, r: string) => s.length + r.length

const stringCosts: Record<string, Cost> = {
  indexOf: (s: string, [needle, from]: [string, unknown], r: number) =>
    searched(s, clampFrom(from, s.length, 0), r, String(needle).length),
  includes: (s: string, [needle, from]: [string, unknown]) => {
    const start = clampFrom(from, s.length, 0)
    return searched(s, start, stringIndexOf.call(s, needle, start), String(needle).length)
  },
  lastIndexOf: (s: string, [needle, from]: [string, unknown], r: number) =>
    searchedBack(clampFrom(from, s.length, s.length), r, String(needle).length),
  startsWith: (_: string, [needle]: [string]) => String(needle).length,
  endsWith: (_: string, [needle]: [string]) => String(needle).length,
  slice: produced,
  substring: produced,
  substr: produced,
  split: read,
  trim: read,
  trimStart: read,
  trimEnd: read,
  toLowerCase: read,
  toUpperCase: read,
  toLocaleLowerCase: read,
  toLocaleUpperCase: read,
  normalize: read,
  search: read,
  match: read,
  matchAll: read,
  localeCompare: (s: string, [other]: [string]) => s.length + String(other).length,
  replace: readAndProduced,
  replaceAll: readAndProduced,
  padStart: produced,
  padEnd: produced,
  repeat: produced,
  concat: produced,
}

/** The longest input each regular expression was run on, from where its search started. */
let longest = new Map<RegExp, number>()

// A run starts at lastIndex when the expression is global or sticky, else at 0; lastIndex is read before
// the run (see `instrumentRegExp`), and a successful global or sticky run leaves it at the end of the match.
interface RegExpRun {
  re: RegExp
  start: number
  s: string
}
const regexpRun = ({ re, start, s }: RegExpRun, match: RegExpExecArray | boolean | null): number => {
  longest.set(re, Math.max(longest.get(re) ?? 0, s.length - start))
  if (match === null || match === false) return re.sticky ? 1 : s.length - start
  if (match !== true) return match.index + match[0].length - start
  return re.global || re.sticky ? Math.max(1, re.lastIndex - start) : s.length - start
}

const arrayCosts: Record<string, Cost> = {
  indexOf: (a: unknown[], _: unknown, r: number) => (r === -1 ? a.length : r + 1),
  includes: (a: unknown[], [x]: [unknown]) => {
    const at = arrayIndexOf.call(a, x)
    return at === -1 ? a.length : at + 1
  },
  lastIndexOf: (a: unknown[], _: unknown, r: number) => (r === -1 ? a.length : a.length - r),
  join: (a: unknown[], _: unknown, r: string) => a.length + r.length,
  slice: produced,
  concat: produced,
  flat: produced,
  reverse: read as Cost,
  fill: read as Cost,
  copyWithin: read as Cost,
  // Comparisons, not counting those the comparator's own code counts.
  sort: (a: unknown[]) => a.length * Math.ceil(Math.log2(a.length + 1)),
  // The elements after the cut move, and those inserted are written; taken before the call.
  splice: (a: unknown[], [start, _deleted, ...items]: [unknown, unknown, ...unknown[]]) =>
    a.length - clampFrom(start, a.length, 0) + items.length,
  // Every element moves (V8 moves them too, once an array is large); taken before the call.
  shift: read as Cost,
  unshift: (a: unknown[], items: unknown[]) => a.length + items.length,
}

let native = 0

/**
 * Replaces each listed method of `target` with one that calls it and adds its cost to `native`; returns
 * what puts the originals back.
 */
function instrument(target: object, costs: Record<string, Cost>): () => void {
  const originals: [string, PropertyDescriptor][] = []
  for (const [name, cost] of Object.entries(costs)) {
    const descriptor = Object.getOwnPropertyDescriptor(target, name)
    if (!descriptor || typeof descriptor.value !== 'function') continue
    const original = descriptor.value as (...args: unknown[]) => unknown
    // These change the length: their cost is taken from the length before the call.
    const before = name === 'splice' || name === 'shift' || name === 'unshift'
    Object.defineProperty(target, name, {
      ...descriptor,
      value: function counted(this: never, ...args: never[]) {
        if (before) native += cost(this, args as never, undefined as never)
        const result = Reflect.apply(original, this, args)
        if (!before) native += cost(this, args as never, result as never)
        return result
      },
    })
    originals.push([name, descriptor])
  }
  return () => {
    for (const [name, descriptor] of originals) Object.defineProperty(target, name, descriptor)
  }
}

function instrumentRegExp(): () => void {
  const exec = RegExp.prototype.exec
  const test = RegExp.prototype.test
  const start = (re: RegExp) => (re.global || re.sticky ? re.lastIndex : 0)
  RegExp.prototype.exec = function counted(this: RegExp, s: string) {
    const run = { re: this, start: start(this), s: String(s) }
    const match = exec.call(this, s)
    native += regexpRun(run, match)
    return match
  }
  RegExp.prototype.test = function counted(this: RegExp, s: string) {
    const run = { re: this, start: start(this), s: String(s) }
    const found = test.call(this, s)
    native += regexpRun(run, found)
    return found
  }
  return () => {
    RegExp.prototype.exec = exec
    RegExp.prototype.test = test
  }
}

function instrumentJson(): () => void {
  const parse = JSON.parse
  const stringify = JSON.stringify
  JSON.parse = function counted(text: string, reviver?: Parameters<typeof JSON.parse>[1]) {
    native += String(text).length
    return parse(text, reviver)
  }
  JSON.stringify = function counted(...args: Parameters<typeof JSON.stringify>) {
    const out = stringify(...args)
    native += out === undefined ? 0 : out.length
    return out
  } as typeof JSON.stringify
  return () => {
    JSON.parse = parse
    JSON.stringify = stringify
  }
}

/**
 * Turns block coverage on, until `stopCounting`. V8 gives block counters only to functions compiled
 * after this, so it must come before the code to count is loaded: a test file imports ./counting.js
 * first. `countWork` fails on a function that ran without them.
 */
export function startCounting(): void {
  if (coverageOn) return
  post('Profiler.enable')
  post('Profiler.startPreciseCoverage', { callCount: true, detailed: true })
  coverageOn = true
}

/**
 * Runs `run` once and counts its work: code executed in the scripts whose URL `scripts` accepts, and
 * native work anywhere. Needs `startCounting` first.
 */
export function countWork<T>(run: () => T, scripts: (url: string) => boolean): Work<T> {
  if (!coverageOn)
    throw new Error('countWork needs startCounting() first, before the code it counts first runs')
  takeCode(() => false)
  native = 0
  longest = new Map()
  const restore = [
    instrument(String.prototype, stringCosts),
    instrument(String, {
      fromCharCode: produced,
      fromCodePoint: produced,
    }),
    instrument(Array.prototype, arrayCosts),
    instrumentRegExp(),
    instrumentJson(),
  ]
  let value: T
  try {
    value = run()
  } finally {
    for (let i = restore.length - 1; i >= 0; i--) restore[i]!()
  }
  const regexps = new Map<string, { re: RegExp; longest: number }>()
  for (const [re, length] of longest) {
    const key = `/${re.source}/${re.flags}`
    regexps.set(key, { re, longest: Math.max(length, regexps.get(key)?.longest ?? 0) })
  }
  return { value, code: takeCode(scripts), native, regexps }
}

export function stopCounting(): void {
  if (!coverageOn) return
  post('Profiler.stopPreciseCoverage')
  post('Profiler.disable')
  coverageOn = false
}
