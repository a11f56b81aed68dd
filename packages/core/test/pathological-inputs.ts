/**
 * Inputs of 1-10 MB built to hit the worst case of a scanner (one huge line, a million arrows, deep
 * nesting, half a million blank lines, and per-format ones), with what parsing them must give: counted in
 * ./pathological.test.ts, timed in ../bench/growth.ts.
 */
import type { TranscriptFormat } from '../src/model.js'

/** What a parse of the input at size parameter n must give. */
export type Outcome =
  /** A transcript or a TranscriptParseError, whichever. */
  | { kind: 'rejected or any' }
  | { kind: 'cues'; count: (n: number) => number }
  /** One cue whose text is at least this long. */
  | { kind: 'one long cue'; min: (n: number) => number }

export interface Pathological {
  name: string
  format: TranscriptFormat
  /** The input for size parameter n; the base n gives 1-5 MB; parsed at n/4 and 2n (at most 10 MB). */
  build: (n: number) => string
  n: number
  expected: Outcome
}

const rejectedOrAny: Outcome = { kind: 'rejected or any' }
const cueCount = (count: (n: number) => number): Outcome => ({ kind: 'cues', count })
const oneCueOfLength = (min: (n: number) => number): Outcome => ({ kind: 'one long cue', min })

const VTT = 'WEBVTT\n\n'
const vttCue = '00:00:01.000 --> 00:00:02.000\n'
const srtCue = '1\n00:00:01,000 --> 00:00:02,000\n'
const word = 'word '
export const MB = 1024 * 1024

export const inputs: Pathological[] = [
  // A single 5 MB line (parsed at 0.6 MB and 5 MB), in every format.
  {
    name: 'a single huge untimed line',
    format: 'text',
    n: 2.5 * MB,
    build: (n) => `00:00:00 ${'a'.repeat(n)}`,
    expected: oneCueOfLength((n) => n),
  },
  {
    name: 'a single huge line without a timestamp',
    format: 'text',
    n: 2.5 * MB,
    build: (n) => word.repeat(n / word.length),
    expected: rejectedOrAny,
  },
  {
    name: 'a single huge cue line',
    format: 'vtt',
    n: 2.5 * MB,
    build: (n) => `${VTT}${vttCue}${word.repeat(n / word.length)}`,
    expected: oneCueOfLength((n) => n - 1),
  },
  {
    name: 'a single huge header line',
    format: 'vtt',
    n: 2.5 * MB,
    build: (n) => `WEBVTT ${'x'.repeat(n)}\n\n${vttCue}hello`,
    expected: cueCount(() => 1),
  },
  {
    name: 'a single huge cue line',
    format: 'srt',
    n: 2.5 * MB,
    build: (n) => `${srtCue}${word.repeat(n / word.length)}`,
    expected: oneCueOfLength((n) => n - 1),
  },
  {
    name: 'a single huge body',
    format: 'json',
    n: 2.5 * MB,
    build: (n) =>
      JSON.stringify({
        version: '1.0.0',
        segments: [{ startTime: 1, endTime: 2, body: word.repeat(n / 5) }],
      }),
    expected: oneCueOfLength((n) => n - 1),
  },
  {
    name: 'a single huge paragraph',
    format: 'html',
    n: 2.5 * MB,
    build: (n) =>
      `<html><body><cite>A:</cite><time>0:00</time><p>${word.repeat(n / word.length)}</p></body></html>`,
    expected: oneCueOfLength((n) => n - 1),
  },
  // A million arrows (parsed at 0.75 MB and 6 MB).
  {
    name: 'a million arrows on one line',
    format: 'vtt',
    n: 1_000_000,
    build: (n) => `${VTT}${'-->'.repeat(n)}\n`,
    expected: rejectedOrAny,
  },
  {
    name: '400,000 arrows, one a line',
    format: 'vtt',
    n: 400_000,
    build: (n) => `${VTT}${'-->\n'.repeat(n)}`,
    expected: rejectedOrAny,
  },
  {
    name: 'a million arrows in a cue text',
    format: 'vtt',
    n: 1_000_000,
    build: (n) => `${VTT}${vttCue}${'--> '.repeat(n)}`,
    expected: rejectedOrAny,
  },
  {
    name: 'a million arrows on one line',
    format: 'srt',
    n: 1_000_000,
    build: (n) => `1\n${'-->'.repeat(n)}\n`,
    expected: rejectedOrAny,
  },
  {
    name: '400,000 arrows, one a line',
    format: 'srt',
    n: 400_000,
    build: (n) => `${srtCue}${'-->\n'.repeat(n)}`,
    expected: rejectedOrAny,
  },
  {
    name: 'a million arrows',
    format: 'text',
    n: 1_000_000,
    build: (n) => `00:00:00 ${'--> '.repeat(n)}`,
    expected: cueCount(() => 1),
  },
  // 100,000 nested tags (parsed at 25,000 and 200,000).
  {
    name: '100,000 nested tags in a cue',
    format: 'vtt',
    n: 100_000,
    build: (n) => `${VTT}${vttCue}${'<b>'.repeat(n)}deep${'</b>'.repeat(n)}`,
    expected: cueCount(() => 1),
  },
  {
    name: '100,000 unclosed voice tags in a cue',
    format: 'vtt',
    n: 100_000,
    build: (n) => `${VTT}${vttCue}${'<v A><c.x><i>'.repeat(n)}deep`,
    expected: cueCount(() => 1),
  },
  {
    name: '100,000 nested tags in a cue',
    format: 'srt',
    n: 100_000,
    build: (n) => `${srtCue}${'<font color="red">'.repeat(n)}deep${'</font>'.repeat(n)}`,
    expected: cueCount(() => 1),
  },
  {
    name: '100,000 nested tags',
    format: 'html',
    n: 100_000,
    build: (n) =>
      `<html><body>${'<div>'.repeat(n)}<cite>A:</cite><time>0:00</time><p>deep</p>${'</div>'.repeat(n)}`,
    expected: rejectedOrAny,
  },
  {
    name: '300,000 nested arrays',
    format: 'json',
    n: 300_000,
    build: (n) => `{"segments":${'['.repeat(n)}${']'.repeat(n)}}`,
    expected: rejectedOrAny,
  },
  {
    name: '100,000 nested objects',
    format: 'json',
    n: 100_000,
    build: (n) => `${'{"segments":'.repeat(n)}[]${'}'.repeat(n)}`,
    expected: rejectedOrAny,
  },
  {
    name: '300,000 nested brackets',
    format: 'text',
    n: 300_000,
    build: (n) => `00:00:00 ${'[('.repeat(n)}`,
    expected: cueCount(() => 1),
  },
  // Half a million blank lines (parsed at 125,000 and a million).
  ...(['text', 'vtt', 'srt', 'json', 'html'] as const).map(
    (format): Pathological => ({
      name: '500,000 blank lines',
      format,
      n: 500_000,
      build: (n) =>
        ({
          text: `00:00:00 a${'\n'.repeat(n)}00:00:01 b`,
          vtt: `${VTT}${vttCue}a${'\n'.repeat(n)}${vttCue}b`,
          srt: `${srtCue}a${'\n'.repeat(n)}${srtCue}b`,
          json: `{"segments":[${'\n'.repeat(n)}{"startTime":1,"body":"a"}]}`,
          html: `<html><body>${'\n'.repeat(n)}<cite>A:</cite><time>0:00</time><p>a</p></body></html>`,
        })[format],
      expected: format === 'json' || format === 'html' ? cueCount(() => 1) : cueCount(() => 2),
    }),
  ),
  {
    name: '500,000 CRLF blank lines',
    format: 'vtt',
    n: 500_000,
    build: (n) => `${VTT}${vttCue}a${'\r\n'.repeat(n)}${vttCue}b`,
    expected: cueCount(() => 2),
  },
  // Per format: what each scanner loops over.
  {
    name: '200,000 stamped lines with the same time',
    format: 'text',
    n: 200_000,
    build: (n) => '00:00:00 same time\n'.repeat(n),
    expected: rejectedOrAny,
  },
  {
    name: '200,000 distinct lines with the same time',
    format: 'text',
    n: 200_000,
    build: (n) => Array.from({ length: n }, (_, i) => `00:00:00 line ${i}`).join('\n'),
    expected: cueCount((n) => n),
  },
  {
    name: '100,000 cues with the same start',
    format: 'vtt',
    n: 100_000,
    build: (n) => VTT + Array.from({ length: n }, (_, i) => `${vttCue}line ${i}\n`).join('\n'),
    expected: cueCount((n) => n),
  },
  {
    name: '100,000 cues in reverse order',
    format: 'srt',
    n: 100_000,
    build: (n) =>
      Array.from({ length: n }, (_, i) => {
        const s = n - i
        return `${i + 1}\n${clock(s, ',')} --> ${clock(s + 1, ',')}\nline ${i}\n`
      }).join('\n'),
    expected: cueCount((n) => n),
  },
  // Every cue misses the plain-text fast path (an entity, a tag, a double space, a carriage return),
  // so each one is found by PlainRanges and then cleaned the slow way: the sweep must stay linear.
  {
    name: '60,000 cues, none of them plain',
    format: 'srt',
    n: 60_000,
    build: (n) =>
      Array.from({ length: n }, (_, i) => {
        return `${i + 1}\r\n${clock(i, ',')} --> ${clock(i + 1, ',')}\r\nQ&amp;A <i>${i}</i>  done\r\n`
      }).join('\r\n'),
    expected: cueCount((n) => n),
  },
  {
    name: '500,000 index-only lines',
    format: 'srt',
    n: 500_000,
    build: (n) => Array.from({ length: n }, (_, i) => String(i + 1)).join('\n'),
    expected: rejectedOrAny,
  },
  {
    name: '200,000 inline timestamps in one cue',
    format: 'vtt',
    n: 200_000,
    build: (n) =>
      `${VTT}00:00:00.000 --> 99:00:00.000\n${Array.from({ length: n }, (_, i) => `<${clock(i, '.')}>w`).join(' ')}`,
    expected: cueCount(() => 1),
  },
  {
    name: '80,000 one-word segments',
    format: 'json',
    n: 80_000,
    build: (n) =>
      JSON.stringify({
        version: '1.0.0',
        segments: Array.from({ length: n }, (_, i) => ({
          startTime: i / 10,
          endTime: i / 10 + 0.1,
          body: 'w',
        })),
      }),
    expected: rejectedOrAny,
  },
  {
    name: '500,000 unterminated tags',
    format: 'html',
    n: 500_000,
    build: (n) => `<html><body><cite>A:</cite><time>0:00</time><p>${'<a '.repeat(n)}`,
    expected: rejectedOrAny,
  },
  {
    name: '500,000 unterminated comments',
    format: 'html',
    n: 500_000,
    build: (n) => `<html><body><cite>A:</cite><time>0:00</time><p>x</p>${'<!-- '.repeat(n)}`,
    expected: rejectedOrAny,
  },
  {
    name: '250,000 ampersands',
    format: 'html',
    n: 250_000,
    build: (n) => `<html><body><cite>A:</cite><time>0:00</time><p>${'&amp'.repeat(n)}</p>`,
    expected: cueCount(() => 1),
  },
  {
    name: '250,000 unterminated entities',
    format: 'vtt',
    n: 250_000,
    build: (n) => `${VTT}${vttCue}${'&#1'.repeat(n)}`,
    expected: cueCount(() => 1),
  },
  {
    name: '1,000,000 colons and digits',
    format: 'text',
    n: 1_000_000,
    build: (n) => '1:2'.repeat(n),
    expected: rejectedOrAny,
  },
]

function clock(seconds: number, sep: string): string {
  const h = Math.floor(seconds / 3600)
  const m = Math.floor(seconds / 60) % 60
  const s = seconds % 60
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}${sep}000`
}
