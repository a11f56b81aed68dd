/**
 * The browser benchmarks' page. Each scenario is a function on `window.bench` that browser/run.ts calls
 * through playwright-core; they return plain figures (milliseconds, counts), the runner does the statistics.
 */
import '@castline/react/styles.css'
import {
  type Cue,
  createManualSource,
  createTimeIndex,
  type SyncController,
  type Transcript as TranscriptModel,
} from '@castline/core'
import { CastlineProvider, DEFAULT_COMFORT_BAND, Transcript, useCastline } from '@castline/react'
import { Waveform } from '@castline/react/waveform'
import '@castline/element'
import type { CastlineTranscriptElement } from '@castline/element'
import { Profiler, type ReactNode } from 'react'
import { createRoot, type Root } from 'react-dom/client'
import WaveSurfer from 'wavesurfer.js'
import { syntheticCues } from '../../../../packages/core/bench/generate.js'
// Follow mode's scroll target, to judge where a row comes to rest (@castline/dom's, which the bench does not depend on).
import { followScrollTarget } from '../../../../packages/dom/src/follow.js'
// @internal render probe of the rows (not exported from the package entry).
import { lineRenderProbe } from '../../../../packages/react/src/line.js'

const EPISODE = './episodes/talk-python-514/'
const DURATION = 4374.406
const stage = document.getElementById('stage')!

function frame(): Promise<number> {
  return new Promise((resolve) => requestAnimationFrame(resolve))
}
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

function model(cues: Cue[]): TranscriptModel {
  const wordLevel = cues.some((c) => c.words !== undefined)
  return { format: 'json', cues, warnings: [], speakers: [], wordLevel, duration: DURATION }
}

/**
 * `count` cues spread over the episode; `lines` makes row heights vary from 1 to 6 text lines; `jitter`
 * moves each boundary by up to that many seconds, so that boundaries fall at every phase of the frames.
 */
function cuesOver(count: number, { lines = false, words = false, jitter = 0 } = {}): Cue[] {
  let seed = 7
  const random = () => {
    seed = (seed * 16807) % 2147483647
    return seed / 2147483647
  }
  const base = syntheticCues(count, DURATION / 3600)
  const starts = base.map((c, i) => (i === 0 ? c.start : c.start + random() * jitter))
  return base.map((c, i) => {
    const start = starts[i]!
    const end = i + 1 < starts.length ? starts[i + 1]! - 0.001 : c.end
    // 1-6 repetitions of a 6-18 word line: rows of about 1 to 6 text lines at the page's width.
    const repeat = lines ? 1 + ((i * 7919) % 6) : 1
    const text = Array.from({ length: repeat }, () => c.text).join(' ')
    if (!words) return { start, end, text }
    const parts = text.split(' ')
    const step = (end - start) / parts.length
    return {
      start,
      end,
      text,
      words: parts.map((w, k) => ({ start: start + k * step, end: start + (k + 1) * step, text: w })),
    }
  })
}

/** Hands the provider's controller and media to the scenario (renders nothing, subscribes to nothing). */
let context: { controller: SyncController; media: HTMLMediaElement | null; seekTo(s: number): void } | null =
  null
function Grab(): ReactNode {
  const value = useCastline()
  context = { controller: value.controller, media: value.media, seekTo: value.seekTo }
  return null
}

let root: Root | null = null
function mount(node: ReactNode) {
  root?.unmount()
  root = createRoot(stage)
  root.render(node)
}
function unmount() {
  root?.unmount()
  root = null
  context = null
}

async function until<T>(read: () => T | null | undefined | false, what: string, ms = 30_000): Promise<T> {
  const end = performance.now() + ms
  for (;;) {
    const v = read()
    if (v !== null && v !== undefined && v !== false) return v
    if (performance.now() > end) throw new Error(`timed out waiting for ${what}`)
    await frame()
  }
}

function media(): HTMLMediaElement {
  const m = context?.media
  if (m === null || m === undefined) throw new Error('no media element yet')
  return m
}

async function seekMedia(m: HTMLMediaElement, seconds: number) {
  const seeked = new Promise((r) => m.addEventListener('seeked', r, { once: true }))
  m.currentTime = seconds
  await seeked
}

// ---------------------------------------------------------------------------------------------------
// Highlight lag and steady playback (issue items 2 and 4).

interface PlaybackState {
  cues: Cue[]
  commits: number
  /** Commits in which the active cue differs from the previous commit's. */
  cueCommits: number
  /** Commits without a cue change that mounted rows (rows scrolled into view). */
  mountCommits: number
  cueChanges: number
  /** Re-renders of rows already mounted, by index. */
  renders: Map<number, number>
  /** Rows mounted (scrolled into view). */
  mounts: number
  /** Rows mounted since the last commit. */
  pendingMounts: number
  committedCue: number
}
let playback: PlaybackState | null = null

function emptyPlayback(cues: Cue[]): PlaybackState {
  return {
    cues,
    commits: 0,
    cueCommits: 0,
    mountCommits: 0,
    cueChanges: 0,
    renders: new Map(),
    mounts: 0,
    pendingMounts: 0,
    committedCue: -1,
  }
}

/**
 * Mounts the transcript on the real episode, seeked to `from`: cues about every 0.9 s with timed words,
 * each start moved by up to 0.3 s so that boundaries fall at every phase of the display's frames.
 */
async function setupPlayback(from: number): Promise<number> {
  const cues = cuesOver(Math.round(DURATION / 0.9), { words: true, jitter: 0.3 })
  const state = emptyPlayback(cues)
  playback = state
  mount(
    <Profiler
      id="player"
      onRender={() => {
        state.commits++
        const cue = context?.controller.getSnapshot().cueIndex ?? -1
        if (cue !== state.committedCue) state.cueCommits++
        else if (state.pendingMounts > 0) state.mountCommits++
        state.committedCue = cue
        state.pendingMounts = 0
      }}
    >
      <CastlineProvider src={`${EPISODE}episode.mp3`} transcript={model(cues)} deepLink={false}>
        <Transcript />
        <Grab />
      </CastlineProvider>
    </Profiler>,
  )
  const m = await until(() => context?.media, 'the media element')
  if (m.readyState < 1) await new Promise((r) => m.addEventListener('loadedmetadata', r, { once: true }))
  await seekMedia(m, from)
  await until(() => stage.querySelector('[aria-current="true"]'), 'the active row')
  await sleep(300)
  return cues.length
}

/** Plays for `seconds` and times each cue change: ours (aria-current) and a timeupdate baseline. */
async function runPlayback(seconds: number) {
  const state = playback!
  const m = media()
  const controller = context!.controller
  const index = createTimeIndex(model(state.cues))

  // Baseline: what a player listening to `timeupdate` does, on the same media in the same run.
  const baseline = document.createElement('div')
  document.body.append(baseline)
  let baseIndex = -1
  const onTimeUpdate = () => {
    const i = index.cueAt(m.currentTime)
    if (i !== baseIndex) {
      baseIndex = i
      baseline.setAttribute('data-current', String(i))
    }
  }
  m.addEventListener('timeupdate', onTimeUpdate)

  const ours: Array<{ cue: number; at: number }> = []
  const theirs: Array<{ cue: number; at: number }> = []
  const observer = new MutationObserver((records) => {
    const at = performance.now()
    for (const r of records) {
      const el = r.target as HTMLElement
      if (el === baseline) theirs.push({ cue: Number(baseline.dataset.current), at })
      else if (el.getAttribute('aria-current') === 'true') ours.push({ cue: Number(el.dataset.index), at })
    }
  })
  observer.observe(stage, { attributes: true, attributeFilter: ['aria-current'], subtree: true })
  observer.observe(baseline, { attributes: true, attributeFilter: ['data-current'] })

  // When the controller saw the change (a frame's time read), apart from when the DOM showed it.
  const detected: Array<{ cue: number; at: number }> = []
  let lastCue = controller.getSnapshot().cueIndex
  const offChange = controller.subscribe((s) => {
    if (s.cueIndex !== lastCue) {
      lastCue = s.cueIndex
      state.cueChanges++
      detected.push({ cue: s.cueIndex, at: performance.now() })
    }
  })
  state.commits = 0
  state.cueCommits = 0
  state.mountCommits = 0
  state.cueChanges = 0
  state.renders.clear()
  state.mounts = 0
  state.committedCue = controller.getSnapshot().cueIndex
  lineRenderProbe.current = (i, mounted) => {
    if (mounted) {
      state.mounts++
      state.pendingMounts++
    } else state.renders.set(i, (state.renders.get(i) ?? 0) + 1)
  }

  // The media clock against performance.now(), sampled 20 times a second by a timer (not a frame
  // callback: the harness's own work stays out of the frames whose scripting is measured).
  // media time = wall / 1000 + offset.
  const offsets: number[] = []
  await m.play()
  const started = performance.now()
  const sampler = setInterval(() => {
    if (!m.paused) offsets.push(m.currentTime - performance.now() / 1000)
  }, 50)
  await sleep(seconds * 1000)
  clearInterval(sampler)
  m.pause()
  const ended = performance.now()
  m.removeEventListener('timeupdate', onTimeUpdate)
  offChange()
  lineRenderProbe.current = null
  observer.disconnect()
  baseline.remove()

  // Skip the first half second: the clock settles once audio output has started.
  const settled = offsets.slice(10).sort((a, b) => a - b)
  const offset = settled[settled.length >> 1]!
  const lag = (changes: Array<{ cue: number; at: number }>) =>
    changes
      .filter((c) => c.at > started + 500 && c.cue > 0 && state.cues[c.cue] !== undefined)
      .map((c) => c.at - (state.cues[c.cue]!.start - offset) * 1000)
  const changedRows = [...state.renders.entries()]
  return {
    seconds: (ended - started) / 1000,
    oursLag: lag(ours),
    detectLag: lag(detected),
    timeupdateLag: lag(theirs),
    commits: state.commits,
    cueCommits: state.cueCommits,
    mountCommits: state.mountCommits,
    cueChanges: state.cueChanges,
    rowRenders: changedRows.reduce((a, [, n]) => a + n, 0),
    rowsRendered: changedRows.length,
    rowMounts: state.mounts,
  }
}

// ---------------------------------------------------------------------------------------------------
// DOM size and mount time (issue item 3).

/** Every row in the DOM, as a transcript without virtualization renders it (hyperaudio-lite's way). */
function PlainList({ cues }: { cues: Cue[] }): ReactNode {
  return (
    <section aria-label="Transcript" style={{ height: 600, overflow: 'auto' }}>
      <ul>
        {cues.map((c, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a static list
          <li key={i} data-index={i}>
            <button type="button">{c.start.toFixed(1)}</button> <span>{c.text}</span>
          </li>
        ))}
      </ul>
    </section>
  )
}

/**
 * 'castline': the transcript. 'plain': every row, as an unvirtualized transcript renders. 'first-rows': React
 * alone rendering the nine rows the transcript shows (no provider, no virtualizer): what the page's first
 * React render costs whatever the component, for comparing first loads.
 */
async function mountList(count: number, kind: 'castline' | 'element' | 'plain' | 'first-rows') {
  unmount()
  await sleep(200)
  const cues = cuesOver(count, { lines: true })
  const transcript = model(cues)
  // Let the task that built the cues end: only the mount's own tasks are observed.
  await sleep(100)
  const longTasks: number[] = []
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) longTasks.push(e.duration)
  })
  observer.observe({ type: 'longtask' })
  // The window the observer covers, for the harness's trace (which gives each long task's CPU time).
  performance.mark('castline-mount-start')
  const t0 = performance.now()
  // The custom element: <castline-transcript> bound to a page <audio> (no source: nothing plays), given
  // the parsed transcript as a property, as a site's script would. Its rows are in its shadow root.
  let rowsRoot: ParentNode = stage
  if (kind === 'element') {
    const audio = document.createElement('audio')
    audio.id = 'bench-audio'
    const el = document.createElement('castline-transcript') as CastlineTranscriptElement
    el.setAttribute('for', 'bench-audio')
    el.style.setProperty('--castline-transcript-height', '600px')
    el.transcript = transcript
    stage.replaceChildren(audio, el)
    rowsRoot = el.shadowRoot!
  } else
    mount(
      kind === 'castline' ? (
        <CastlineProvider
          source={createManualSource({ duration: DURATION })}
          transcript={transcript}
          deepLink={false}
        >
          <Transcript />
        </CastlineProvider>
      ) : (
        <PlainList cues={kind === 'plain' ? cues : cues.slice(0, 9)} />
      ),
    )
  await until(() => {
    const row = rowsRoot.querySelector(kind === 'element' ? 'li[aria-posinset]' : 'li[data-index]')
    return row !== null && row.getBoundingClientRect().height > 0
  }, 'the first rows')
  // The frame that shows them: the next animation frame starts after it was painted.
  await frame()
  const firstRows = performance.now() - t0
  await sleep(500)
  observer.disconnect()
  performance.mark('castline-mount-end')
  const rows = rowsRoot.querySelectorAll('li').length
  if (kind === 'element') stage.replaceChildren()
  return { firstRows, rows, longTasks }
}

// ---------------------------------------------------------------------------------------------------
// Seek and scroll (issue item 5).

async function setupSeeks(count: number): Promise<number> {
  const cues = cuesOver(count, { lines: true })
  playback = emptyPlayback(cues)
  mount(
    <CastlineProvider src={`${EPISODE}episode.mp3`} transcript={model(cues)} deepLink={false}>
      <Transcript />
      <Grab />
    </CastlineProvider>,
  )
  const m = await until(() => context?.media, 'the media element')
  if (m.readyState < 1) await new Promise((r) => m.addEventListener('loadedmetadata', r, { once: true }))
  return cues.length
}

/** How far (px) the active row is from where follow mode would put it; 0 when follow mode leaves it. */
function followError(row: HTMLElement, viewport: HTMLElement): number {
  const top = viewport.scrollTop + row.getBoundingClientRect().top - viewport.getBoundingClientRect().top
  const span = { start: top, end: top + row.offsetHeight }
  const view = { offset: viewport.scrollTop, size: viewport.clientHeight }
  const target = followScrollTarget(span, view, DEFAULT_COMFORT_BAND)
  if (target === null) return 0
  const max = viewport.scrollHeight - viewport.clientHeight
  return Math.abs(Math.min(max, Math.max(0, target)) - viewport.scrollTop)
}

async function runSeeks(seeks: number, seed = 514) {
  const cues = playback!.cues
  const viewport = stage.querySelector<HTMLElement>('.castline-transcript__viewport')!
  let s = seed
  const random = () => {
    s = (s * 16807) % 2147483647
    return s / 2147483647
  }
  const rows: Array<{ cue: number; latency: number; frames: number; error: number }> = []
  for (let k = 0; k < seeks; k++) {
    let cue = Math.floor(random() * cues.length)
    if (cue === Number(stage.querySelector<HTMLElement>('[aria-current="true"]')?.dataset.index))
      cue = (cue + 1) % cues.length
    const c = cues[cue]!
    const requested = performance.now()
    context!.seekTo(c.start + (c.end - c.start) / 2)
    const row = await until(
      () => stage.querySelector<HTMLElement>(`[aria-current="true"][data-index="${cue}"]`),
      `row ${cue} active`,
    )
    const latency = performance.now() - requested
    // Frames from the active-row change until the row rests within 2 px of follow mode's target.
    let frames = 0
    let error = Number.POSITIVE_INFINITY
    let still = 0
    while (frames < 60) {
      await frame()
      frames++
      const current = stage.querySelector<HTMLElement>(`[data-index="${cue}"]`)
      error = current === null ? Number.POSITIVE_INFINITY : followError(current, viewport)
      if (error <= 2) {
        still++
        if (still === 2) break
      } else still = 0
    }
    rows.push({ cue, latency, frames: frames - 1, error: Number.isFinite(error) ? error : -1 })
    void row
  }
  return rows
}

// ---------------------------------------------------------------------------------------------------
// Long-episode waveform (issue item 6): ours with peaks vs wavesurfer.js decoding the whole file, and a
// bare `<audio>` playing the same file: what the browser's own media pipeline costs any player.

/**
 * Every page plays the same 3 s before pausing, so that its media element buffers about as much as the
 * others' (it goes on downloading ahead while playing, and the buffer lives in the page's renderer).
 */
const PLAY_MS = 3000
async function playFor(m: HTMLMediaElement) {
  await sleep(PLAY_MS)
  m.pause()
}

async function waveform(kind: 'castline' | 'wavesurfer' | 'audio') {
  const markPlaying = () => window.markPlaying?.() ?? Promise.resolve()
  const t0 = performance.now()
  let firstPaint = Number.NaN
  let playingAt = Number.NaN
  if (kind === 'castline') {
    let peaksReady = false
    const ws = await new Promise<WaveSurfer>((resolve) =>
      mount(
        // The waveform alone, as on wavesurfer's page: no transcript lines to fetch, parse and index.
        <CastlineProvider src={`${EPISODE}episode.mp3`} transcript={model([])}>
          <Waveform
            peaks={`${EPISODE}peaks.json`}
            duration={DURATION}
            onWaveSurfer={(instance) => {
              if (instance !== null) resolve(instance)
            }}
          />
          <Grab />
        </CastlineProvider>,
      ),
    )
    const host = stage.querySelector<HTMLElement>('[data-peaks]')!
    const painted = new Promise<void>((resolve) => {
      ws.on('redrawcomplete', () => {
        if (!peaksReady && host.dataset.peaks !== 'ready') return
        peaksReady = true
        requestAnimationFrame(() => {
          if (Number.isNaN(firstPaint)) firstPaint = performance.now() - t0
          resolve()
        })
      })
    })
    const m = media()
    const playing = new Promise<void>((r) => m.addEventListener('playing', () => r(), { once: true }))
    await m.play()
    await playing
    playingAt = performance.now() - t0
    await markPlaying()
    await Promise.all([painted, playFor(m)])
  } else if (kind === 'audio') {
    // The element the provider renders (preload="metadata"), and nothing drawn.
    const m = document.createElement('audio')
    m.preload = 'metadata'
    m.src = `${EPISODE}episode.mp3`
    stage.append(m)
    const playing = new Promise<void>((r) => m.addEventListener('playing', () => r(), { once: true }))
    await m.play()
    await playing
    playingAt = performance.now() - t0
    await markPlaying()
    await playFor(m)
  } else {
    const container = document.createElement('div')
    stage.append(container)
    const ws = WaveSurfer.create({ container, url: `${EPISODE}episode.mp3`, height: 64 })
    const painted = new Promise<void>((resolve) =>
      ws.once('redrawcomplete', () =>
        requestAnimationFrame(() => {
          firstPaint = performance.now() - t0
          resolve()
        }),
      ),
    )
    const m = ws.getMediaElement()!
    const playing = new Promise<void>((r) => m.addEventListener('playing', () => r(), { once: true }))
    // wavesurfer pauses the media while it sets the source up: ask again until the request sticks.
    for (;;) {
      try {
        await m.play()
        break
      } catch (error) {
        if ((error as Error).name !== 'AbortError') throw error
        await sleep(20)
      }
    }
    await playing
    playingAt = performance.now() - t0
    await markPlaying()
    await Promise.all([painted, playFor(m)])
  }
  return { firstPaint, playingAt }
}

const bench = { setupPlayback, runPlayback, mountList, setupSeeks, runSeeks, waveform, unmount }
declare global {
  interface Window {
    bench: typeof bench
    markPlaying?: () => Promise<void>
  }
}
window.bench = bench
