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
import { WebVTTParser } from 'webvtt-parser'
import { createTimeIndex, parseTranscript } from '../src/index.js'
import { syntheticSrt, syntheticVtt, syntheticWordJson } from './generate.js'
import { type Measurement, measure, table } from './harness.js'

const CUES = 100_000
const vtt = syntheticVtt(CUES)
const srt = syntheticSrt(CUES)
const wordJson = syntheticWordJson(CUES)
const sample = readFileSync(
  new URL('../../../../shared/fixtures/talk-python-514.txt', import.meta.url),
  'utf8',
)

const out: string[] = [
  `Machine: ${process.platform} ${process.arch}, Node ${process.version}; medians of 15 runs after 3 warm-ups.`,
  '',
]
const results: Record<string, Measurement[]> = {}

async function group(title: string, ours: Measurement, peers: Array<Measurement | string>) {
  out.push(table(title, ours, peers), '')
  results[title] = [ours, ...peers.filter((p): p is Measurement => typeof p !== 'string')]
  console.log(out.slice(-2).join('\n'))
}

function check(name: string, n: number, expected: number) {
  if (n !== expected) throw new Error(`${name} read ${n} cues, expected ${expected}`)
}

check('castline vtt', parseTranscript(vtt, { format: 'vtt' }).cues.length, CUES)
check('castline srt', parseTranscript(srt, { format: 'srt' }).cues.length, CUES)

const vttParser = new WebVTTParser()
await group(
  `WebVTT, ${CUES.toLocaleString('en')} cues, 10 hours (${(vtt.length / 1e6).toFixed(1)} MB)`,
  await measure('castline parseTranscript', () => parseTranscript(vtt, { format: 'vtt' })),
  [
    await measure('subtitle parseSync', () => parseSync(vtt)),
    await measure('webvtt-parser', () => vttParser.parse(vtt, 'metadata')),
    await measure('media-captions parseText', () => parseText(vtt, { type: 'vtt' })),
  ],
)

const srtParser = new SrtParser()
await group(
  `SRT, ${CUES.toLocaleString('en')} cues, 10 hours (${(srt.length / 1e6).toFixed(1)} MB)`,
  await measure('castline parseTranscript', () => parseTranscript(srt, { format: 'srt' })),
  [
    await measure('subtitle parseSync', () => parseSync(srt)),
    await measure('srt-parser-2', () => srtParser.fromSrt(srt)),
    await measure('media-captions parseText', () => parseText(srt, { type: 'srt' })),
  ],
)

await group(
  `Podcasting 2.0 JSON, ${CUES.toLocaleString('en')} words, word-level (${(wordJson.length / 1e6).toFixed(1)} MB)`,
  await measure('castline parseTranscript', () => parseTranscript(wordJson, { format: 'json' })),
  [await measure('JSON.parse alone', () => JSON.parse(wordJson))],
)

await group(
  'Sample episode (talk-python-514.txt, 1,209 lines, text format)',
  await measure('castline parseTranscript', () => parseTranscript(sample), { runs: 51, warmup: 10 }),
  ['(no peer reads this format)'],
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
