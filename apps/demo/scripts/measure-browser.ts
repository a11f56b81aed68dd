/**
 * Checks in headless Chromium that audio time t in the browser is the episode's PCM time t, from the start
 * and after seeks: for cues spread over the episode it seeks just before the cue, plays, and times the onset
 * of speech as it reaches Web Audio against the element's `currentTime`; the onset ffmpeg decodes at the
 * same place is the reference. The first row plays from 0 without seeking and is the baseline (it holds
 * the measuring set-up's own constant offset, which the other rows subtract).
 *
 *   pnpm --filter @castline/demo exec tsx scripts/measure-browser.ts [--chromium /usr/bin/chromium] [--cues 12]
 *
 * Serves the episode folder on 127.0.0.1 (a random port) for the duration of the run.
 */
import { readFileSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { parseArgs } from 'node:util'
import { chromium } from 'playwright-core'
import { episodePath, FULL, parseCues, readTranscript } from './lib/episode.js'
import { decodeToPcm } from './lib/mp3.js'
import { energyPrefix, onsetAfter } from './lib/onsets.js'
import { SAMPLE_RATE } from './lib/pcm.js'

const { values } = parseArgs({
  options: {
    chromium: { type: 'string', default: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' },
    cues: { type: 'string', default: '12' },
    'threshold-db': { type: 'string', default: '-40' },
  },
})

const thresholdDb = Number(values['threshold-db'])
const onsetOptions = {
  sampleRate: SAMPLE_RATE,
  window: Math.round(0.005 * SAMPLE_RATE),
  threshold: 32768 * 10 ** (thresholdDb / 20),
}
const pcm = await decodeToPcm(episodePath(FULL.audio))
const prefix = energyPrefix(pcm)
const cues = parseCues(readTranscript(episodePath(FULL.transcript)), pcm.length / SAMPLE_RATE)

/** Seconds of silence wanted before a measured cue, so the first onset after the seek is that cue's. */
const LEAD = 0.4
function quietBefore(start: number): boolean {
  const from = Math.round((start - LEAD) * SAMPLE_RATE)
  const to = Math.round(start * SAMPLE_RATE)
  const w = onsetOptions.window
  for (let p = from + w; p <= to; p += w) {
    const energy = ((prefix[p] as number) - (prefix[p - w] as number)) / w
    if (energy > onsetOptions.threshold ** 2) return false
  }
  return true
}

interface Probe {
  cue: number
  /** Where playback starts (the seek target; 0 for the baseline, which does not seek). */
  from: number
  /** Onset of the cue's speech in the ffmpeg-decoded audio, seconds. */
  reference: number
}
const candidates: Probe[] = []
cues.forEach((cue, i) => {
  if (i === 0 || cue.start < LEAD || !quietBefore(cue.start)) return
  const drift = onsetAfter(prefix, cue.start, cue.end, onsetOptions)
  if (drift !== null && drift >= 0)
    candidates.push({ cue: i, from: cue.start - LEAD, reference: cue.start + drift })
})
const baseline = candidates.find((c) => c.reference < 20)
if (baseline === undefined) throw new Error('no cue with silence before it in the first 20 s')
const count = Number(values.cues)
const duration = pcm.length / SAMPLE_RATE
const probes: Probe[] = [{ ...baseline, from: 0 }]
for (let k = 0; k < count; k++) {
  const target = ((k + 0.5) / count) * duration
  let best: Probe | undefined
  for (const c of candidates) {
    if (best === undefined || Math.abs(c.reference - target) < Math.abs(best.reference - target)) best = c
  }
  if (best !== undefined && !probes.some((p) => p.cue === best.cue && p.from !== 0)) probes.push(best)
}

type Measure = (plan: Array<{ from: number; until: number }>, threshold: number) => Promise<unknown>
// Plain JavaScript in the page (tsx's transform would add helpers the page does not have).
const runner = `
window.measure = async (plan, threshold) => {
  const a = document.getElementById('a')
  if (a.readyState < 1) await new Promise((r) => a.addEventListener('loadedmetadata', r, { once: true }))
  const ctx = new AudioContext()
  await ctx.audioWorklet.addModule(URL.createObjectURL(new Blob([WORKLET], { type: 'text/javascript' })))
  const node = new AudioWorkletNode(ctx, 'onsets', { processorOptions: { threshold } })
  ctx.createMediaElementSource(a).connect(node).connect(ctx.destination)
  await ctx.resume()
  let heard = []
  node.port.onmessage = (e) => heard.push(e.data)
  const rows = []
  for (const { from, until } of plan) {
    a.pause()
    if (a.currentTime !== from) {
      a.currentTime = from
      await new Promise((r) => a.addEventListener('seeked', r, { once: true }))
    }
    heard = []
    const pairs = []
    await a.play()
    await new Promise((done) => {
      const frame = () => {
        pairs.push(a.currentTime - ctx.currentTime)
        if (a.currentTime < until) requestAnimationFrame(frame)
        else done()
      }
      requestAnimationFrame(frame)
    })
    a.pause()
    // Media time = context time + offset while playing; the median ignores the first jittery frames.
    const offsets = pairs.slice(5).sort((x, y) => x - y)
    const offset = offsets[offsets.length >> 1]
    rows.push({ onsets: heard.map((t) => t + offset) })
  }
  return { duration: a.duration, rows }
}`
const worklet = `
class Onsets extends AudioWorkletProcessor {
  constructor(options) {
    super()
    this.window = Math.round(0.005 * sampleRate)
    this.threshold = options.processorOptions.threshold
    this.ring = new Float32Array(this.window)
    this.at = 0
    this.sum = 0
    this.loud = false
  }
  process(inputs) {
    const ch = inputs[0] && inputs[0][0]
    if (ch) for (let i = 0; i < ch.length; i++) {
      const v = ch[i] * ch[i]
      this.sum += v - this.ring[this.at]
      this.ring[this.at] = v
      this.at = (this.at + 1) % this.window
      const loud = this.sum / this.window > this.threshold * this.threshold
      if (loud && !this.loud) this.port.postMessage((currentFrame + i) / sampleRate)
      this.loud = loud
    }
    return true
  }
}
registerProcessor('onsets', Onsets)`
const page = `<!doctype html><meta charset="utf-8"><audio id="a" src="${FULL.audio}" preload="auto"></audio>
<script>const WORKLET = ${JSON.stringify(worklet)};${runner}</script>`

const folder = episodePath('')
const server = createServer((req, res) => {
  const name = (req.url ?? '/').split('?')[0] ?? '/'
  if (name === '/') {
    res.writeHead(200, { 'content-type': 'text/html' })
    res.end(page)
    return
  }
  let body: Buffer
  try {
    body = readFileSync(`${folder}${name.slice(1).replaceAll('..', '')}`)
  } catch {
    res.writeHead(404)
    res.end()
    return
  }
  const type = name.endsWith('.mp3') ? 'audio/mpeg' : 'application/octet-stream'
  const range = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? '')
  if (range !== null) {
    const start = Number(range[1])
    const end = range[2] === '' ? body.length - 1 : Math.min(body.length - 1, Number(range[2]))
    res.writeHead(206, {
      'content-type': type,
      'accept-ranges': 'bytes',
      'content-range': `bytes ${start}-${end}/${body.length}`,
      'content-length': end - start + 1,
    })
    res.end(body.subarray(start, end + 1))
    return
  }
  res.writeHead(200, { 'content-type': type, 'accept-ranges': 'bytes', 'content-length': body.length })
  res.end(body)
})
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
const { port } = server.address() as AddressInfo

const browser = await chromium.launch({
  executablePath: values.chromium,
  args: ['--autoplay-policy=no-user-gesture-required'],
})
try {
  const tab = await browser.newPage()
  await tab.goto(`http://127.0.0.1:${port}/`)
  const plan = probes.map((p) => ({ from: p.from, until: p.reference + 0.3 }))
  const result = (await tab.evaluate(
    ([plan, threshold]) => (window as unknown as { measure: Measure }).measure(plan, threshold),
    [plan, 10 ** (thresholdDb / 20)] as const,
  )) as { duration: number; rows: Array<{ onsets: number[] }> }

  const ms = (s: number) => `${(s * 1000).toFixed(1)} ms`
  console.log(`browser duration ${result.duration} s, decoded by ffmpeg ${duration} s`)
  let base = Number.NaN
  const lags: number[] = []
  probes.forEach((p, i) => {
    const onsets = result.rows[i]?.onsets ?? []
    // The cue's onset: the first one heard within 0.2 s of where ffmpeg puts it.
    const heard = onsets.find((t) => Math.abs(t - p.reference) < 0.2)
    const raw = heard === undefined ? Number.NaN : heard - p.reference
    if (i === 0) base = raw
    else lags.push(raw - base)
    const label = i === 0 ? 'from 0, no seek (baseline)' : `seek to ${p.from.toFixed(2)}`
    const shown = i === 0 ? `set-up offset ${ms(raw)}` : `audio lags currentTime by ${ms(raw - base)}`
    console.log(
      `cue ${String(p.cue).padStart(4)} at ${p.reference.toFixed(3)} s, ${label.padEnd(26)} ${shown}`,
    )
  })
  const finite = lags.filter(Number.isFinite)
  console.log(
    `after seeks: lag min ${ms(Math.min(...finite))}, max ${ms(Math.max(...finite))} over ${finite.length} seeks` +
      (finite.length < lags.length ? ` (${lags.length - finite.length} onsets not found)` : ''),
  )
} finally {
  await browser.close()
  server.close()
}
