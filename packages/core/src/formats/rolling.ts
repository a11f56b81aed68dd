/**
 * Rolling captions: YouTube's auto-captions and broadcast roll-up show each line twice, as the last line
 * of one cue and again as the first line of the next, under the new words. Kept as written, a transcript
 * says everything two or three times. The WebVTT and SRT readers drop the carried line with this rule.
 */
import type { Cue } from '../model.js'
import { isSpaceRange } from './lex.js'

/**
 * Where the rest of `payload` (a cue's text lines, LF-joined as written) starts when its first line
 * repeats the last line of `prev` (the cue before, as written); -1 when it does not, or when the payload
 * is one line (a line said twice is said twice). Lines of only white space do not count, and `plain`
 * reads a line as the reader reads cue text, so that markup and spacing do not hide a repeat.
 *
 * The reader calls this only for a cue that does not start before the one it follows.
 */
export function carriedLineEnd(payload: string, prev: string, plain: (line: string) => string): number {
  // The first line with something on it, here; the last such line, there.
  let a = 0
  let nl = payload.indexOf('\n')
  while (nl !== -1 && isSpaceRange(payload, a, nl)) {
    a = nl + 1
    nl = payload.indexOf('\n', a)
  }
  if (nl === -1) return -1
  let z = prev.length
  let b = prev.lastIndexOf('\n', z - 1)
  while (b !== -1 && isSpaceRange(prev, b + 1, z)) {
    z = b
    b = prev.lastIndexOf('\n', z - 1)
  }
  if (isSpaceRange(prev, b + 1, z)) return -1
  return plain(payload.slice(a, nl)) === plain(prev.slice(b + 1, z)) ? nl + 1 : -1
}

/** A cue whose first line repeats the line before: where it is among the reader's cues, and its payload without that line. */
export interface CarriedCue {
  index: number
  rest: string
}

/**
 * Rolling captions are a file's pattern, not a line that happens to repeat: a film's subtitles have
 * "- Yeah. / - Okay." followed by "- Okay. / - It's nice to meet you" now and then (5 of 1,333 cues in
 * La La Land), where every cue of YouTube's captions carries its line. The carried lines are dropped only
 * when at least two cues carry one and they are at least half of the cues of more than one line that
 * could (that follow a cue with text and do not start before it).
 */
export function isRolling(carried: number, couldCarry: number): boolean {
  return carried >= 2 && 2 * carried >= couldCarry
}

/**
 * Drops the carried line of each `carried` cue: `read` gives the cue read from the rest of its payload
 * (given the cue as read whole and its line),
 * or null when nothing new is left (a freeze cue between two captions), which goes. `cues` and `lines`
 * (parallel) are updated in place.
 */
export function unrollCarried(
  cues: Cue[],
  lines: number[],
  carried: readonly CarriedCue[],
  read: (cue: Cue, rest: string, line: number) => Cue | null,
): void {
  let dropped = false
  for (const c of carried) {
    const cue = read(cues[c.index]!, c.rest, lines[c.index]!)
    if (cue === null) dropped = true
    cues[c.index] = cue as Cue
  }
  if (!dropped) return
  let m = 0
  for (let k = 0; k < cues.length; k++) {
    if (cues[k] === null) continue
    cues[m] = cues[k]!
    lines[m++] = lines[k]!
  }
  cues.length = m
  lines.length = m
}
