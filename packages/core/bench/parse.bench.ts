/**
 * Core benchmarks: parsing against the npm parsers people use, in the same process, and TimeIndex
 * lookups. Run with `pnpm bench` (node --expose-gc so that each run starts from a collected heap).
 * `--json FILE` also writes the figures for docs/benchmarks.md.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { parseText } from 'media-captions'
import SrtParser from 'srt-parser-2'
import { parseSync } from 'subtitle'
// @ts-expect-error webvtt-parser ships no types
import webvttParser from 'webvtt-parser'
import { parseTranscript } from '../src/entry/formats.js'
import { createTimeIndex } from '../src/index.js'
import { syntheticSrt, syntheticVtt, syntheticWordJson } from './generate.js'
import { interleaved, type Measurement, measure, table } from './harness.js'

const CUES = 100_000
const vtt = syntheticVtt(CUES)
const srt = syntheticSrt(CUES)
const wordJson = syntheticWordJson(CUES)
const sample = readFileSync(
  new URL('../../../../shared/fixtures/talk-python-514.txt', import.meta.url),
  'utf8',
)

// The 10-hour files take up to seconds a run with the slower peers: fewer runs keep `pnpm bench` short.
const BIG = { runs: 9, warmup: 2 }
const SLOW = { runs: 3, warmup: 1 }

const out: string[] = [
  `Machine: ${process.platform} ${process.arch}, Node ${process.version}; medians of ${BIG.runs} runs after ` +
    `${BIG.warmup} warm-ups (webvtt-parser, srt-parser-2 and media-captions ${SLOW.runs} after ${SLOW.warmup}; the sample episode 51 after 10).`,
  '',
]
const results: Record<string, Measurement[]> = {}

/** Ours and the peers that take about as long, in alternating rounds (see `interleaved`). */
async function pair(
  ours: readonly [string, () => unknown],
  peers: ReadonlyArray<readonly [string, () => unknown]>,
  options = BIG,
): Promise<[Measurement, ...Measurement[]]> {
  const [o, ...p] = await interleaved([ours, ...peers], options)
  return [o!, ...p]
}

async function group(title: string, ours: Measurement, ...peers: Array<Measurement | string>) {
  out.push(table(title, ours, peers), '')
  results[title] = [ours, ...peers.filter((p): p is Measurement => typeof p !== 'string')]
  console.log(out.slice(-2).join('\n'))
}

function check(name: string, n: number, expected: number) {
  if (n !== expected) throw new Error(`${name} read ${n} cues, expected ${expected}`)
}

check('castline vtt', parseTranscript(vtt, { format: 'vtt' }).cues.length, CUES)
check('castline srt', parseTranscript(srt, { format: 'srt' }).cues.length, CUES)

// webvtt-parser is CommonJS: Node's ESM loader sees only its default export.
const vttParser = new webvttParser.WebVTTParser()
await group(
  `WebVTT, ${CUES.toLocaleString('en')} cues, 10 hours (${(vtt.length / 1e6).toFixed(1)} MB)`,
  ...(await pair(
    ['castline parseTranscript', () => parseTranscript(vtt, { format: 'vtt' })],
    [['subtitle parseSync', () => parseSync(vtt)]],
  )),
  await measure('webvtt-parser', () => vttParser.parse(vtt, 'metadata'), SLOW),
  '(media-captions: over 100 s a run at this size; see 10,000 cues below)',
)

const srtParser = new SrtParser()
await group(
  `SRT, ${CUES.toLocaleString('en')} cues, 10 hours (${(srt.length / 1e6).toFixed(1)} MB)`,
  ...(await pair(
    ['castline parseTranscript', () => parseTranscript(srt, { format: 'srt' })],
    [['subtitle parseSync', () => parseSync(srt)]],
  )),
  // Five times as long as ours: not a peer that takes about as long (see `pair`). Between our runs, its
  // 280 ms of allocation left the young generation for the next run to grow again, and ours paid for that.
  await measure('srt-parser-2', () => srtParser.fromSrt(srt), SLOW),
  '(media-captions: over 100 s a run at this size; see 10,000 cues below)',
)

// media-captions grows faster than linearly with the file (2,000 cues 72 ms, 20,000 cues 2.9 s): it is
// compared on a one-hour file, with the fastest peer of the large files beside it.
const SMALL = 10_000
const smallVtt = syntheticVtt(SMALL, 1)
const smallSrt = syntheticSrt(SMALL, 1)
await group(
  `WebVTT, ${SMALL.toLocaleString('en')} cues, 1 hour (${(smallVtt.length / 1e6).toFixed(1)} MB)`,
  ...(await pair(
    ['castline parseTranscript', () => parseTranscript(smallVtt, { format: 'vtt' })],
    [['subtitle parseSync', () => parseSync(smallVtt)]],
  )),
  await measure('media-captions parseText', () => parseText(smallVtt, { type: 'vtt' }), SLOW),
)
await group(
  `SRT, ${SMALL.toLocaleString('en')} cues, 1 hour (${(smallSrt.length / 1e6).toFixed(1)} MB)`,
  ...(await pair(
    ['castline parseTranscript', () => parseTranscript(smallSrt, { format: 'srt' })],
    [['srt-parser-2', () => srtParser.fromSrt(smallSrt)]],
  )),
  await measure('media-captions parseText', () => parseText(smallSrt, { type: 'srt' }), SLOW),
)

interface Segment {
  speaker?: string
  startTime: number
  endTime: number
  body: string
}
/**
 * The least any reader must do with a word-level file: JSON.parse, then one word object per segment, grouped
 * into lines at speaker changes and sentence ends (no validation, no cleanup, no warnings).
 */
function jsonParseAndMap(source: string) {
  const { segments } = JSON.parse(source) as { segments: Segment[] }
  const cues: Array<{ start: number; end: number; text: string; speaker?: string; words: unknown[] }> = []
  let words: Array<{ start: number; end: number; text: string }> = []
  let text = ''
  let speaker: string | undefined
  const flush = () => {
    if (words.length === 0) return
    const cue = { start: words[0]!.start, end: words[words.length - 1]!.end, text, words }
    cues.push(speaker === undefined ? cue : { ...cue, speaker })
    words = []
    text = ''
  }
  for (const s of segments) {
    if (s.speaker !== speaker) flush()
    speaker = s.speaker
    words.push({ start: s.startTime, end: s.endTime, text: s.body })
    text = text === '' ? s.body : `${text} ${s.body}`
    if (s.body.endsWith('.')) flush()
  }
  flush()
  return cues
}

await group(
  `Podcasting 2.0 JSON, ${CUES.toLocaleString('en')} words, word-level (${(wordJson.length / 1e6).toFixed(1)} MB)`,
  ...(await pair(
    ['castline parseTranscript', () => parseTranscript(wordJson, { format: 'json' })],
    [
      ['JSON.parse + mapping to lines', () => jsonParseAndMap(wordJson)],
      ['JSON.parse alone', () => JSON.parse(wordJson)],
    ],
  )),
)

await group(
  'Sample episode (talk-python-514.txt, 1,209 lines, text format)',
  await measure('castline parseTranscript', () => parseTranscript(sample), { runs: 51, warmup: 10 }),
  '(no peer reads this format)',
)

// TimeIndex lookups at 100,000 cues.
const transcript = parseTranscript(vtt, { format: 'vtt' })
const index = createTimeIndex(transcript)
const last = transcript.cues[transcript.cues.length - 1]!.end
const N = 2_000_000
const randomTimes = new Float64Array(N)
let seed = 1
for (let i = 0; i < N; i++) {
  seed = (seed * 16807) % 2147483647
  randomTimes[i] = (seed / 2147483647) * last
}
const step = last / N
let sink = 0
const random = await measure(
  'cueAt random',
  () => {
    for (let i = 0; i < N; i++) sink += index.cueAt(randomTimes[i]!)
  },
  { runs: 7, warmup: 2 },
)
const sequential = await measure(
  'cueAt sequential',
  () => {
    for (let i = 0; i < N; i++) sink += index.cueAt(i * step)
  },
  { runs: 7, warmup: 2 },
)
const loop = await measure(
  'empty loop',
  () => {
    for (let i = 0; i < N; i++) sink += randomTimes[i]! > 0 ? 1 : 0
  },
  { runs: 7, warmup: 2 },
)
const ns = (m: Measurement) => ((m.median - loop.median) * 1e6) / N
out.push(
  `### TimeIndex.cueAt at ${CUES.toLocaleString('en')} cues (${N.toLocaleString('en')} lookups a run, loop overhead subtracted)`,
  '',
  '| lookup | ns per lookup | target |',
  '|---|---:|---:|',
  `| random | ${ns(random).toFixed(1)} | < 150 |`,
  `| sequential (playback) | ${ns(sequential).toFixed(1)} | < 20 |`,
  '',
)
console.log(out.slice(-7).join('\n'))
if (sink === 0.5) console.log('') // keeps `sink` observable so the loops are not optimised away

const jsonAt = process.argv.indexOf('--json')
if (jsonAt !== -1 && process.argv[jsonAt + 1]) {
  writeFileSync(
    process.argv[jsonAt + 1]!,
    JSON.stringify({ results, cueAt: { random: ns(random), sequential: ns(sequential) } }, null, 2),
  )
}
