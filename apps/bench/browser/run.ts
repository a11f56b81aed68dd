/**
 * The browser benchmarks, in headless Chromium (scripts/chromium.mjs) with real audio: builds the bench
 * page with Vite, serves it with the demo's e2e static server (Range requests, so the audio seeks as on
 * a real site) and runs each scenario of page/main.tsx, ours and the peer's in the same run.
 *
 *   pnpm --filter @castline/bench browser [--json FILE] [--repeats 3] [--seconds 60] [--seeks 1000]
 *     [--only playback,pages,mount,longtasks,seeks,waveform]
 *
 * `pages` builds the demo (apps/demo) and measures highlight lag and scripting per frame on each player
 * page of apps/demo/e2e/player-pages.ts, the list the e2e listener checks use: the same sample episode
 * played on each, whatever renders it.
 *
 * Diagnostics: BENCH_TRACE=FILE keeps the playback trace, BENCH_PROFILE=1 writes CPU profiles to /tmp,
 * BENCH_MOUNT_CPU=1 traces the mounts and gives each long task's CPU time, BENCH_DEBUG=1 logs the page.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { createTimeIndex } from '@castline/core'
import { parseTranscript } from '@castline/core/formats'
import { type Browser, type CDPSession, chromium, type Page } from 'playwright-core'
import { chromiumLaunchOptions } from '../../../scripts/chromium.mjs'
import { productionBuild } from '../../../scripts/production-build.mjs'
import { PLAYER_PAGES } from '../../demo/e2e/player-pages.js'
import { serveStatic } from '../../demo/e2e/static-server.js'
import { median, percentile } from './stats.js'

const { values } = parseArgs({
  options: {
    json: { type: 'string' },
    repeats: { type: 'string', default: '1' },
    seconds: { type: 'string', default: '60' },
    seeks: { type: 'string', default: '1000' },
    only: { type: 'string' },
  },
})
const repeats = Number(values.repeats)
const wanted = (name: string) => values.only === undefined || values.only.split(',').includes(name)

async function buildPage(): Promise<string> {
  // React's production (profiling) build, whatever NODE_ENV the shell has.
  await productionBuild({ configFile: fileURLToPath(new URL('./vite.config.ts', import.meta.url)) })
  return fileURLToPath(new URL('./dist', import.meta.url))
}

async function open(browser: Browser, url: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1000, height: 800 }, reducedMotion: 'reduce' })
  page.on('pageerror', (e) => console.error('page error:', e.message))
  page.on('response', (r) => {
    if (r.status() >= 400) console.error(`page: HTTP ${r.status()} for ${r.url()}`)
  })
  page.on('console', (m) => {
    if (m.type() === 'error' || process.env.BENCH_DEBUG) console.error('page console:', m.text())
  })
  await page.goto(url)
  await page.waitForFunction(() => window.bench !== undefined)
  return page
}

// --- Steady playback: scripting time per frame from a Chrome trace ----------------------------------

interface TraceEvent {
  name: string
  ph: string
  ts: number
  dur?: number
  /** Thread time: how long the thread was on a CPU, where `dur` is wall time. */
  tdur?: number
  pid: number
  tid: number
  args?: { name?: string }
}

type MountKind = Parameters<Window['bench']['mountList']>[1]

/** " (wall/CPU 85/28 ms)" for the long tasks of a load, or nothing. */
function cpuOf(tasks: Array<{ wall: number; cpu: number }>): string {
  return tasks.length === 0
    ? ''
    : ` (wall/CPU ${tasks.map((t) => `${t.wall.toFixed(0)}/${t.cpu.toFixed(0)}`).join(', ')} ms)`
}

/**
 * Records a trace over CDP while `run` runs (given the session, for a CPU profile alongside); resolves
 * with the result and the trace's events. Over CDP directly: playwright's stopTracing waits forever on
 * some Chromium builds.
 */
async function traced<T>(page: Page, categories: string[], run: (cdp: CDPSession) => Promise<T>) {
  const cdp = await page.context().newCDPSession(page)
  const events: TraceEvent[] = []
  let lastData = 0
  cdp.on('Tracing.dataCollected', (e) => {
    for (const v of e.value as unknown as TraceEvent[]) events.push(v)
    lastData = performance.now()
  })
  let complete = false
  cdp.on('Tracing.tracingComplete', () => {
    complete = true
  })
  await cdp.send('Tracing.start', {
    traceConfig: { includedCategories: categories },
    transferMode: 'ReportEvents',
  })
  const result = await run(cdp)
  await cdp.send('Tracing.end')
  lastData = performance.now()
  // tracingComplete does not always arrive over a page session: also stop after 2 s without data.
  const ending = performance.now()
  while (!complete && performance.now() - lastData < 2000 && performance.now() - ending < 30_000) {
    await new Promise((r) => setTimeout(r, 200))
    if (process.env.BENCH_DEBUG) console.log(`  trace: ${events.length} events`)
  }
  await cdp.detach()
  return { result, events }
}

/**
 * A mount. With BENCH_MOUNT_CPU=1 it is traced, and each long task (over 50 ms of wall time) between the
 * page's two marks comes with its CPU time (the thread's time on a CPU): on a machine with fewer cores than
 * busy processes a task can be long in wall time while the thread waits for a core. Off by default: the
 * trace's own work makes long tasks more frequent.
 */
async function mountTraced(
  page: Page,
  count: number,
  kind: MountKind,
  trace = process.env.BENCH_MOUNT_CPU !== undefined,
) {
  if (!trace) {
    const result = await page.evaluate(([n, k]) => window.bench.mountList(n, k), [count, kind] as const)
    return {
      ...result,
      longTaskCpu: [] as Array<{ wall: number; cpu: number }>,
      longestAny: { wall: Number.NaN, cpu: Number.NaN },
    }
  }
  const { result, events } = await traced(page, ['toplevel', 'blink.user_timing'], () =>
    page.evaluate(([n, k]) => window.bench.mountList(n, k), [count, kind] as const),
  )
  const mark = (name: string) => events.find((e) => e.name === name)
  const start = mark('castline-mount-start')
  const end = mark('castline-mount-end')
  const longTaskCpu: Array<{ wall: number; cpu: number }> = []
  // The longest task of any length (the observer reports only those over 50 ms), by wall and by CPU time.
  const longestAny = { wall: 0, cpu: 0 }
  if (start !== undefined && end !== undefined) {
    for (const e of events) {
      if (e.pid !== start.pid || e.tid !== start.tid || e.ph !== 'X' || e.dur === undefined) continue
      if (e.name !== 'ThreadControllerImpl::RunTask') continue
      if (e.ts + e.dur < start.ts || e.ts > end.ts) continue
      longestAny.wall = Math.max(longestAny.wall, e.dur / 1000)
      longestAny.cpu = Math.max(longestAny.cpu, (e.tdur ?? 0) / 1000)
      if (e.dur > 50_000) longTaskCpu.push({ wall: e.dur / 1000, cpu: (e.tdur ?? Number.NaN) / 1000 })
    }
  }
  return { ...result, longTaskCpu, longestAny }
}

/** Names of trace events that are JavaScript running on the renderer's main thread. */
const SCRIPT = new Set([
  'FunctionCall',
  'EvaluateScript',
  'v8.evaluateModule',
  'FireAnimationFrame',
  'TimerFire',
  'EventDispatch',
  'RunMicrotasks',
  'v8.run',
])

/** Milliseconds of script per 16.7 ms frame slot on the renderer main thread (overlaps merged). */
export function scriptPerFrame(events: TraceEvent[]): number[] {
  // The renderer's main thread: the one that runs the animation frames.
  const counts = new Map<string, number>()
  for (const e of events) {
    if (e.name === 'FireAnimationFrame')
      counts.set(`${e.pid}:${e.tid}`, (counts.get(`${e.pid}:${e.tid}`) ?? 0) + 1)
  }
  const busiest = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0]
  if (busiest === undefined) return []
  const [pid, tid] = busiest.split(':').map(Number) as [number, number]
  const main = { pid, tid }
  const spans = events
    .filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && SCRIPT.has(e.name) && e.dur)
    .map((e) => [e.ts, e.ts + e.dur!] as [number, number])
    .sort((a, b) => a[0] - b[0])
  const merged: Array<[number, number]> = []
  for (const s of spans) {
    const last = merged[merged.length - 1]
    if (last !== undefined && s[0] <= last[1]) last[1] = Math.max(last[1], s[1])
    else merged.push([s[0], s[1]])
  }
  let from = Number.POSITIVE_INFINITY
  let to = Number.NEGATIVE_INFINITY
  for (const e of events) {
    if (e.pid !== main.pid || !(e.ts > 0)) continue
    from = Math.min(from, e.ts)
    to = Math.max(to, e.ts + (e.dur ?? 0))
  }
  if (!Number.isFinite(from)) return []
  const slot = 1e6 / 60
  const frames = new Array<number>(Math.floor((to - from) / slot) + 1).fill(0)
  for (const [a, b] of merged) {
    for (let i = Math.floor((a - from) / slot); i <= Math.floor((b - from) / slot); i++) {
      const overlap = Math.min(b, from + (i + 1) * slot) - Math.max(a, from + i * slot)
      if (overlap > 0 && i < frames.length) frames[i]! += overlap / 1000
    }
  }
  return frames
}

async function playbackBench(browser: Browser, url: string) {
  const page = await open(browser, url)
  const cues = await page.evaluate(() => window.bench.setupPlayback(600))
  const seconds = Number(values.seconds)
  // BENCH_PROFILE=1: a CPU profile of the run too, for finding where the time goes (open it in DevTools).
  const profile = process.env.BENCH_PROFILE !== undefined
  const { result, events } = await traced(page, ['devtools.timeline'], async (cdp) => {
    if (profile) {
      await cdp.send('Profiler.enable')
      await cdp.send('Profiler.start')
    }
    const run = await page.evaluate((s) => window.bench.runPlayback(s), seconds)
    if (profile) {
      const { profile: cpu } = await cdp.send('Profiler.stop')
      writeFileSync('/tmp/castline-playback.cpuprofile', JSON.stringify(cpu))
    }
    return run
  })
  // BENCH_TRACE=FILE: the trace's events, for a look at where the frames' time goes.
  if (process.env.BENCH_TRACE) writeFileSync(process.env.BENCH_TRACE, JSON.stringify(events))
  const perFrame = scriptPerFrame(events)
  await page.close()
  return { cues, ...result, scriptPerFrame: perFrame }
}

// --- Player pages: highlight lag and scripting per frame on each page of PLAYER_PAGES -----------------

/** The demo's sample episode as core reads it (as apps/demo/e2e/support.ts `loadSample` does). */
function sampleCueStarts(): number[] {
  const dir = new URL('../../demo/public/episodes/talk-python-514/', import.meta.url)
  const episode = JSON.parse(readFileSync(new URL('episode.json', dir), 'utf8')) as {
    duration: number
    transcript: string
  }
  const text = readFileSync(new URL(episode.transcript, dir), 'utf8')
  const transcript = parseTranscript(text, { duration: episode.duration, fileName: episode.transcript })
  // Built here as the page builds it, so that a malformed sample fails here and not as odd lags.
  createTimeIndex(transcript)
  return transcript.cues.map((c) => c.start)
}

async function buildDemo(): Promise<string> {
  const root = fileURLToPath(new URL('../../demo/', import.meta.url))
  await productionBuild({ root, configFile: `${root}vite.config.ts` })
  return `${root}dist/`
}

/**
 * Plays `seconds` of the sample from 10:00 on a player page and records, without knowing its renderer,
 * when each line became `aria-current` (the transcript region's rows, in the document or in an open
 * shadow root) and the media clock against `performance.now()`; a trace gives the scripting per frame.
 */
async function pageBench(browser: Browser, url: string, starts: number[], seconds: number) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, reducedMotion: 'reduce' })
  page.on('pageerror', (e) => console.error('page error:', e.message))
  // tsx compiles the page functions below with esbuild's keepNames, which wraps named functions in
  // `__name(...)`: the demo's page has no such helper.
  await page.addInitScript({ content: 'globalThis.__name = (f) => f' })
  await page.goto(`${url}#t=600`)
  // The transcript's rows and the media, whichever renders them.
  await page.getByRole('region', { name: 'Transcript' }).getByRole('listitem').first().waitFor()
  await page.locator('audio').first().waitFor({ state: 'attached' })
  await page.waitForFunction(() => {
    const roots: Array<Document | ShadowRoot> = [document]
    for (let i = 0; i < roots.length; i++)
      for (const el of roots[i]!.querySelectorAll('*')) if (el.shadowRoot !== null) roots.push(el.shadowRoot)
    const audio = roots.map((r) => r.querySelector('audio')).find((a) => a !== null)
    return audio !== undefined && audio.readyState >= 1 && !audio.seeking && audio.currentTime >= 599
  })
  const { result, events } = await traced(page, ['devtools.timeline'], () =>
    page.evaluate(async (ms) => {
      const roots: Array<Document | ShadowRoot> = [document]
      for (let i = 0; i < roots.length; i++)
        for (const el of roots[i]!.querySelectorAll('*'))
          if (el.shadowRoot !== null) roots.push(el.shadowRoot)
      const find = (selector: string) =>
        roots.map((r) => r.querySelector(selector)).find((e) => e !== null) ?? null
      const audio = find('audio') as HTMLAudioElement
      const region = find('[aria-label="Transcript"]')!
      const changes: Array<{ cue: number; at: number }> = []
      const seen = (el: Element, at: number) => {
        if (el.getAttribute('aria-current') === 'true' && el.hasAttribute('aria-posinset'))
          changes.push({ cue: Number(el.getAttribute('aria-posinset')) - 1, at })
      }
      // A row may become current as it is set (an attribute) or be mounted current (added to the list).
      const observer = new MutationObserver((records) => {
        const at = performance.now()
        for (const r of records) {
          if (r.type === 'attributes') seen(r.target as Element, at)
          else
            for (const node of r.addedNodes)
              if (node instanceof Element) {
                seen(node, at)
                for (const el of node.querySelectorAll('[aria-current="true"]')) seen(el, at)
              }
        }
      })
      observer.observe(region, {
        attributes: true,
        attributeFilter: ['aria-current'],
        subtree: true,
        childList: true,
      })
      // The media clock, sampled by a timer (not a frame callback, so that the frames measured hold only
      // the page's own work): media time = wall / 1000 + offset.
      const offsets: number[] = []
      await audio.play()
      const started = performance.now()
      const sampler = setInterval(() => {
        if (!audio.paused) offsets.push(audio.currentTime - performance.now() / 1000)
      }, 50)
      await new Promise((r) => setTimeout(r, ms))
      clearInterval(sampler)
      audio.pause()
      observer.disconnect()
      return { started, offsets, changes }
    }, seconds * 1000),
  )
  await page.close()
  // Skip the first half second: the clock settles once audio output has started.
  const settled = result.offsets.slice(10).sort((a, b) => a - b)
  const offset = settled[settled.length >> 1]!
  const lag = result.changes
    .filter((c) => c.at > result.started + 500 && c.cue > 0 && starts[c.cue] !== undefined)
    .map((c) => c.at - (starts[c.cue]! - offset) * 1000)
  return { lag, scriptPerFrame: scriptPerFrame(events) }
}

// --- Waveform: memory, bytes before playback, first paint --------------------------------------------

/** A process's proportional set size in bytes (/proc/<pid>/smaps_rollup): all of it, and its file-backed part. */
interface Pss {
  total: number
  /**
   * Pages of mapped files: mostly the Chromium binary's code and data. They are shared with every process
   * that maps the binary, other browsers on the machine included, so this part moves with those.
   */
  file: number
}

/** The PSS of process `pid`; NaN off Linux or once the process is gone. */
function pss(pid: number): Pss {
  try {
    const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8')
    const kB = (field: string) =>
      Number(new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(rollup)?.[1] ?? Number.NaN)
    return { total: kB('Pss') * 1024, file: kB('Pss_File') * 1024 }
  } catch {
    return { total: Number.NaN, file: Number.NaN }
  }
}

const PROBE = 64 * 1024 * 1024

/**
 * The renderer process that hosts `page`, not the browser, GPU, network, audio or a spare renderer: the
 * renderer whose PSS grows by a 64 MB ArrayBuffer written in the page. The probe is dropped and collected
 * before returning. Null when no process grew by at least half the probe (not Linux, or no /proc).
 */
async function pageRenderer(page: Page, cdp: CDPSession, browserCdp: CDPSession): Promise<number | null> {
  const info = (await browserCdp.send('SystemInfo.getProcessInfo')) as {
    processInfo: Array<{ type: string; id: number }>
  }
  const pids = info.processInfo.filter((p) => p.type === 'renderer').map((p) => p.id)
  const before = pids.map((pid) => pss(pid).total)
  await page.evaluate((size) => {
    const probe = new Uint8Array(size)
    probe.fill(1)
    ;(window as { probe?: Uint8Array }).probe = probe
  }, PROBE)
  const growth = pids.map((pid, i) => pss(pid).total - before[i]!)
  await page.evaluate(() => {
    delete (window as { probe?: Uint8Array }).probe
  })
  await cdp.send('HeapProfiler.collectGarbage')
  let best = -1
  for (let i = 0; i < pids.length; i++)
    if (growth[i]! >= PROBE / 2 && (best < 0 || growth[i]! > growth[best]!)) best = i
  if (process.env.BENCH_DEBUG)
    console.log(
      `  renderers ${pids.join(', ')}: probe +${growth.map((g) => (g / 1e6).toFixed(1)).join(', ')} MB`,
    )
  return best < 0 ? null : pids[best]!
}

/** `performance.measureUserAgentSpecificMemory()` in bytes; NaN when the page is not cross-origin isolated. */
function uaMemory(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const p = performance as Performance & {
      measureUserAgentSpecificMemory?: () => Promise<{ bytes: number }>
    }
    if (!crossOriginIsolated || p.measureUserAgentSpecificMemory === undefined) return Number.NaN
    return (await p.measureUserAgentSpecificMemory()).bytes
  })
}

type WaveformKind = 'castline' | 'wavesurfer' | 'audio'

/**
 * One waveform run in a fresh browser. Memory is the growth of the page's own renderer process (PSS), or
 * with `isolated` (the page served cross-origin isolated) the user agent's estimate for the page from
 * `measureUserAgentSpecificMemory()`. Bytes are response body bytes (the server sends no compression).
 */
async function waveformBench(url: string, kind: WaveformKind, isolated: boolean) {
  const options = chromiumLaunchOptions()
  // The measurement at once, instead of at the next garbage collection (up to 20 s later).
  const args = isolated ? [...options.args, '--enable-blink-features=ForceEagerMeasureMemory'] : options.args
  const browser = await chromium.launch({ ...options, args })
  try {
    const page = await open(browser, url)
    const cdp = await page.context().newCDPSession(page)
    const browserCdp = await browser.newBrowserCDPSession()
    await cdp.send('Network.enable')
    await cdp.send('HeapProfiler.enable')
    let bytes = 0
    let lastData = performance.now()
    // dataLength, not encodedDataLength: Chromium reports the encoded length of media responses in
    // batches that do not line up with the data events, so mixing the two counted some bytes twice.
    cdp.on('Network.dataReceived', (e: { dataLength: number }) => {
      bytes += e.dataLength
      lastData = performance.now()
    })
    let bytesAtPlay = Number.NaN
    await page.exposeFunction('markPlaying', () => {
      bytesAtPlay = bytes
    })
    const heap = async () => {
      await cdp.send('HeapProfiler.collectGarbage')
      return ((await cdp.send('Runtime.getHeapUsage')) as { usedSize: number }).usedSize
    }
    if (isolated && !(await page.evaluate(() => crossOriginIsolated)))
      throw new Error(`${url} is not cross-origin isolated`)
    const renderer = isolated ? null : await pageRenderer(page, cdp, browserCdp)
    if (!isolated && renderer === null)
      console.error('  (no renderer PSS: not Linux, or the probe found no process)')
    const memory = async (): Promise<Pss> => {
      if (isolated) return { total: await uaMemory(page), file: Number.NaN }
      return renderer === null ? { total: Number.NaN, file: Number.NaN } : pss(renderer)
    }
    const heapBefore = await heap()
    const memoryBefore = await memory()
    const result = await page.evaluate((k) => window.bench.waveform(k), kind)
    // The media element may still be filling its buffer: measure once the network has been quiet for 1 s.
    const latest = performance.now() + 15_000
    await page.waitForTimeout(1000)
    while (performance.now() - lastData < 1000 && performance.now() < latest) await page.waitForTimeout(200)
    const heapAfter = await heap()
    const memoryAfter = await memory()
    return {
      ...result,
      bytesBeforePlay: bytesAtPlay,
      bytesTotal: bytes,
      heapGrowth: heapAfter - heapBefore,
      memoryGrowth: memoryAfter.total - memoryBefore.total,
      fileGrowth: memoryAfter.file - memoryBefore.file,
    }
  } finally {
    await browser.close()
  }
}

// --- Everything ------------------------------------------------------------------------------------

const started = performance.now()
const dist = await buildPage()
const server = await serveStatic(dist)
const url = `${server.url}index.html`
const results: Record<string, unknown> = { chromium: '', repeats }
try {
  const browser = await chromium.launch(chromiumLaunchOptions())
  results.chromium = browser.version()
  try {
    if (wanted('playback')) {
      console.log(`playback: ${values.seconds} s of the episode`)
      const p = await playbackBench(browser, url)
      results.playback = p
      console.log(
        `  lag ours p50 ${percentile(p.oursLag, 50).toFixed(1)} p95 ${percentile(p.oursLag, 95).toFixed(1)} ms;` +
          ` timeupdate p50 ${percentile(p.timeupdateLag, 50).toFixed(1)} p95 ${percentile(p.timeupdateLag, 95).toFixed(1)} ms;` +
          ` script/frame p95 ${percentile(p.scriptPerFrame, 95).toFixed(2)} ms; commits ${p.commits} (${p.cueCommits} with a cue change, ${p.mountCommits} mounting rows) for ${p.cueChanges} cue changes; row re-renders ${p.rowRenders}, mounts ${p.rowMounts}`,
      )
    }
    if (wanted('pages')) {
      const demo = await serveStatic(await buildDemo())
      try {
        const starts = sampleCueStarts()
        const pages: Array<{ name: string; path: string; lag: number[]; scriptPerFrame: number[] }> = []
        for (const player of PLAYER_PAGES) {
          console.log(`page ${player.name}: ${values.seconds} s of the sample from 10:00`)
          const run = await pageBench(browser, `${demo.url}${player.path}`, starts, Number(values.seconds))
          pages.push({ name: player.name, path: player.path, ...run })
          console.log(
            `  lag p50 ${percentile(run.lag, 50).toFixed(1)} p95 ${percentile(run.lag, 95).toFixed(1)} ms (${run.lag.length} changes); script/frame p50 ${percentile(run.scriptPerFrame, 50).toFixed(2)} p95 ${percentile(run.scriptPerFrame, 95).toFixed(2)} ms`,
          )
        }
        results.pages = pages
      } finally {
        await demo.close()
      }
    }
    if (wanted('mount')) {
      const mounts: Array<Record<string, unknown>> = []
      // The first loads of the page in a fresh browser, apart: the browser process itself is still warming
      // up. Every load is in a new browser context (its own empty cache, no V8 code cache), as a first-time
      // visitor's: the code runs for the first time in each mount, here and in the cases below.
      const cold: Array<{
        firstRows: number
        longestTask: number
        longTaskCpu: Array<{ wall: number; cpu: number }>
      }> = []
      // The baseline, interleaved: React alone rendering the same nine rows, also in a fresh context.
      const coldBaseline: typeof cold = []
      for (let r = 0; r < 6; r++) {
        for (const kind of ['castline', 'first-rows'] as const) {
          const page = await open(browser, url)
          const run = await mountTraced(page, 2_000, kind)
          ;(kind === 'castline' ? cold : coldBaseline).push({
            firstRows: run.firstRows,
            longestTask: Math.max(0, ...run.longTasks),
            longTaskCpu: run.longTaskCpu,
          })
          await page.close()
        }
      }
      results.mountCold = cold
      results.mountColdBaseline = coldBaseline
      const list = (runs: typeof cold): string =>
        runs
          .map(
            (c) =>
              `first rows ${c.firstRows.toFixed(0)} ms, longest task ${c.longestTask.toFixed(0)} ms${cpuOf(c.longTaskCpu)}`,
          )
          .join('; ')
      console.log(`mount cold (first loads, 2000 castline): ${list(cold)}`)
      console.log(
        `mount cold baseline (first loads, React rendering the nine rows alone): ${list(coldBaseline)}`,
      )
      for (const count of [2_000, 20_000, 100_000]) {
        // Every row in the DOM at 100,000 takes about a minute a run (20,000: 10 s): left out to keep the run short.
        for (const kind of count > 20_000 ? (['castline'] as const) : (['castline', 'plain'] as const)) {
          const runs = []
          for (let r = 0; r < repeats; r++) {
            const page = await open(browser, url)
            const cdp =
              process.env.BENCH_PROFILE === undefined ? null : await page.context().newCDPSession(page)
            if (cdp !== null) {
              await cdp.send('Profiler.enable')
              await cdp.send('Profiler.setSamplingInterval', { interval: 100 })
              await cdp.send('Profiler.start')
            }
            runs.push(await mountTraced(page, count, kind))
            if (cdp !== null) {
              const { profile: cpu } = await cdp.send('Profiler.stop')
              writeFileSync(`/tmp/castline-mount-${count}-${kind}.cpuprofile`, JSON.stringify(cpu))
            }
            await page.close()
          }
          const row = {
            count,
            kind,
            firstRows: median(runs.map((r) => r.firstRows)),
            rows: median(runs.map((r) => r.rows)),
            longestTask: median(runs.map((r) => Math.max(0, ...r.longTasks))),
            worstTask: Math.max(0, ...runs.flatMap((r) => r.longTasks)),
            longTasks: median(runs.map((r) => r.longTasks.length)),
            longTaskCpu: runs.flatMap((r) => r.longTaskCpu),
          }
          mounts.push(row)
          console.log(
            `mount ${count} ${kind}: ${row.rows} rows, first rows ${row.firstRows.toFixed(0)} ms, longest task ${row.longestTask.toFixed(0)} ms${cpuOf(row.longTaskCpu)}`,
          )
        }
      }
      results.mount = mounts
    }
    if (wanted('longtasks')) {
      // Issue 16: no long task while mounting 100,000 lines. Each mount in a fresh page; every long task
      // (PerformanceObserver 'longtask') from root.render until 500 ms after the first rows are shown, and
      // from a trace of the same window the longest task of any length (wall and CPU time): a task under
      // 50 ms is no long task, but how far under says how much room a slower machine has.
      // Both renderers, in alternating pages: the React transcript and the <castline-transcript> element.
      type LongTaskRun = {
        longestTask: number
        over50: number
        firstRows: number
        longestAny: { wall: number; cpu: number }
      }
      const runs: LongTaskRun[] = []
      const elementRuns: LongTaskRun[] = []
      for (let r = 0; r < Math.max(5, repeats); r++) {
        for (const kind of ['castline', 'element'] as const) {
          const page = await open(browser, url)
          const run = await mountTraced(page, 100_000, kind, true)
          await page.close()
          const row = {
            longestTask: Math.max(0, ...run.longTasks),
            over50: run.longTasks.filter((t) => t > 50).length,
            firstRows: run.firstRows,
            longestAny: run.longestAny,
          }
          ;(kind === 'castline' ? runs : elementRuns).push(row)
          console.log(
            `longtasks 100000 ${kind === 'castline' ? 'React' : 'element'}: observer longest ${row.longestTask.toFixed(0)} ms, ${row.over50} over 50 ms; traced longest task ${row.longestAny.wall.toFixed(1)} ms wall / ${row.longestAny.cpu.toFixed(1)} ms CPU; first rows ${run.firstRows.toFixed(0)} ms`,
          )
        }
      }
      results.longTasks = { count: 100_000, runs, elementRuns }
    }
    if (wanted('seeks')) {
      const page = await open(browser, url)
      const cues = await page.evaluate(() => window.bench.setupSeeks(2_000))
      const seeks = await page.evaluate((n) => window.bench.runSeeks(n), Number(values.seeks))
      await page.close()
      results.seeks = { cues, seeks }
      const frames = seeks.map((s) => s.frames)
      const within = seeks.filter((s) => s.error >= 0 && s.error <= 2).length
      console.log(
        `seeks: ${seeks.length}, within 2 px ${within}, frames p50 ${percentile(frames, 50)} p95 ${percentile(frames, 95)} max ${Math.max(...frames)}`,
      )
    }
  } finally {
    await browser.close()
  }
  if (wanted('waveform')) {
    // The same page cross-origin isolated, for measureUserAgentSpecificMemory().
    const isolated = await serveStatic(dist, {
      headers: {
        'cross-origin-opener-policy': 'same-origin',
        'cross-origin-embedder-policy': 'require-corp',
      },
    })
    const mb = (n: number) => (n / 1e6).toFixed(1)
    try {
      const waveform: Record<WaveformKind, unknown[]> = { castline: [], wavesurfer: [], audio: [] }
      for (let r = 0; r < repeats; r++) {
        for (const kind of ['castline', 'wavesurfer', 'audio'] as const) {
          const w = await waveformBench(url, kind, false)
          const ua = await waveformBench(`${isolated.url}index.html`, kind, true)
          waveform[kind].push({
            firstPaint: w.firstPaint,
            playingAt: w.playingAt,
            bytesBeforePlay: w.bytesBeforePlay,
            bytesTotal: w.bytesTotal,
            heapGrowth: w.heapGrowth,
            rendererGrowth: w.memoryGrowth,
            rendererFileGrowth: w.fileGrowth,
            uaMemoryGrowth: ua.memoryGrowth,
          })
          console.log(
            `waveform ${kind}: heap +${mb(w.heapGrowth)} MB, renderer PSS +${mb(w.memoryGrowth)} MB ` +
              `(file-backed +${mb(w.fileGrowth)}), UA-specific memory +${mb(ua.memoryGrowth)} MB, ` +
              `${(w.bytesBeforePlay / 1e6).toFixed(2)} MB before play, ${(w.bytesTotal / 1e6).toFixed(2)} MB in all, ` +
              `first paint ${w.firstPaint.toFixed(0)} ms, playing ${w.playingAt.toFixed(0)} ms`,
          )
        }
      }
      results.waveform = waveform
    } finally {
      await isolated.close()
    }
  }
} finally {
  await server.close()
}
results.seconds = (performance.now() - started) / 1000
console.log(`browser benchmarks: ${results.seconds} s`)
if (values.json !== undefined) writeFileSync(values.json, JSON.stringify(results, null, 2))
