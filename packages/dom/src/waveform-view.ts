import type { SearchMatch } from '@castline/core'
import type { Chapter } from '@castline/core/chapters'
import { loudnessEnvelope, type Peaks } from '@castline/core/peaks'
import type WaveSurfer from 'wavesurfer.js'
import type { WaveSurferOptions } from 'wavesurfer.js'
import { defaultLocale, type LocaleText } from './labels.js'
import type { MediaStore, TimeRange } from './media-store.js'
import {
  bufferedSegments,
  pointerFraction,
  searchTicks,
  tipLabel,
  type WaveformSegment,
  type WaveformTip,
} from './waveform-marks.js'

/** Seconds moved by the slider's arrow keys. */
export const WAVEFORM_STEP = 5
/** Seconds moved by PageUp/PageDown. */
export const WAVEFORM_PAGE = 60

/** What the box says when wavesurfer.js could not be loaded; the slider still seeks without a picture. */
export const WAVEFORM_UNAVAILABLE = 'No waveform: wavesurfer.js did not load.'

/**
 * Where the waveform's peaks stand. `none`: no peaks were given, so wavesurfer fetches and decodes the
 * audio itself; `loading` and `error` draw a flat line and fetch nothing.
 */
export type WaveformPeaks =
  | { readonly status: 'none' }
  | { readonly status: 'loading' }
  | { readonly status: 'ready'; readonly peaks: Peaks }
  | { readonly status: 'error' }

/** The wavesurfer.js module as `import('wavesurfer.js')` gives it. */
export type WaveSurferModule = typeof import('wavesurfer.js')

/** How the waveform looks; colours left undefined are read from the theme's custom properties. */
export interface WaveformLook {
  /** Height in CSS pixels (default 64). */
  height?: number | undefined
  /** Colour of the unplayed wave (default `--castline-wave-color`, then `--castline-muted`). */
  waveColor?: string | undefined
  /** Colour of the played part (default `--castline-wave-progress-color`, then `--castline-accent`). */
  progressColor?: string | undefined
  /** Colour of the cursor (default `--castline-wave-cursor-color`, then `--castline-fg`). */
  cursorColor?: string | undefined
  /** Width of the cursor in pixels (default 2). */
  cursorWidth?: number | undefined
  /** Width of each bar in pixels (default 3); 0 draws a continuous wave instead of bars. */
  barWidth?: number | undefined
  /** Gap between bars in pixels (default 2). */
  barGap?: number | undefined
  /** Rounded bar ends: the corners' radius in pixels (default 1.5). */
  barRadius?: number | undefined
  /**
   * What a bar's height shows, with peaks given (default `loudness`): `loudness` is each bar's loudness
   * relative to the episode's own quiet and loud parts (`loudnessEnvelope`), so speech and pauses show
   * in an overview of a long episode; `peak` is the largest peak under the bar, wavesurfer's own drawing,
   * which for a long spoken episode is a solid block.
   */
  scale?: 'loudness' | 'peak' | undefined
  /** Scale the wave to the loudest peak (default true). */
  normalize?: boolean | undefined
}

/** Options of a `WaveformView`. `setOptions` replaces them; an omitted optional one takes its default. */
export interface WaveformViewOptions extends WaveformLook {
  // Supplied by the adapter.
  /** The media store of the shared element: wavesurfer draws that element, and the view hears it through the store. */
  store: MediaStore
  /** Carries out a seek (the adapter's sync controller, so that follow mode hears of it). */
  seek: (seconds: number) => void
  // Supplied by the user.
  /** Where the peaks stand (default `none`: wavesurfer decodes the audio). */
  peaks?: WaveformPeaks | undefined
  /** The episode's length in seconds, for drawing and for the slider before the media knows its own. */
  duration?: number | undefined
  /** Receives the wavesurfer instance once created (for plugins) and null when it is destroyed. */
  onWaveSurfer?: ((instance: WaveSurfer | null) => void) | undefined
  /** The chapters, sorted by start: the tooltip names the listed one at its time (default none). */
  chapters?: readonly Chapter[] | undefined
  /** The words and digits of the slider's value text and the tooltip (default English). */
  locale?: LocaleText | undefined
  // Optional.
  /** The playback position the keys seek from (default: the store's element, read now). */
  getTime?: (() => number) | undefined
  /** The media's duration in seconds, NaN or 0 while unknown (default: the store's snapshot). */
  getMediaDuration?: (() => number) | undefined
  /** Loads wavesurfer.js (default: a dynamic import, shared by every view on the page). */
  loadWaveSurfer?: (() => Promise<WaveSurferModule>) | undefined
}

/** What a waveform shows besides the wave: its state and the message to show instead of a picture. */
export interface WaveformSnapshot {
  /** The peaks' state, or `error` when wavesurfer.js did not load (never `ready` with nothing drawn). */
  readonly status: 'none' | 'loading' | 'ready' | 'error'
  /** What the box says instead of a waveform, null while there is nothing to say. */
  readonly message: string | null
  /** The tooltip to show over the wave (hover, drag or a key's seek), null when none. */
  readonly tip: WaveformTip | null
}

/** The slider's ARIA values: whole seconds, as the value text reads them. */
export interface SliderValues {
  readonly min: number
  readonly max: number
  readonly now: number
  /** "12:34 of 1:12:51", or "12:34" while the duration is unknown. */
  readonly text: string
}

const NONE: WaveformPeaks = Object.freeze({ status: 'none' })
const DEFAULT_COLORS = { wave: '#a3acbd', progress: '#2454c5', cursor: '#10131a' } as const
// One silent point: wavesurfer renders a flat line from it and, having peaks, never fetches the audio.
const FLAT: Float32Array[] = [new Float32Array(1)]

function positive(n: number | undefined): n is number {
  return n !== undefined && Number.isFinite(n) && n > 0
}

/**
 * What a screen reader says for the slider: "12 minutes, 34 seconds of 1 hour, 12 minutes, 51 seconds",
 * or the position alone while the duration is unknown, in `locale`'s words and digits (`Intl` units).
 */
export function seekValueText(
  seconds: number,
  duration: number,
  locale: LocaleText = defaultLocale(),
): string {
  const now = locale.format.duration(seconds)
  return positive(duration) ? locale.labels.seekValue(now, locale.format.duration(duration)) : now
}

/** The slider's values for a position and a duration (NaN or 0 while unknown), in whole seconds. */
export function sliderValues(time: number, duration: number, locale?: LocaleText): SliderValues {
  // Whole seconds, like the value text ("1 hour, 12 minutes, 52 seconds" for 4372.8 s).
  const max = positive(duration) ? Math.floor(duration) : 0
  const now = max > 0 ? Math.min(time, max) : time
  return { min: 0, max: Math.max(max, now), now, text: seekValueText(now, duration, locale) }
}

/** The seek target of a slider key, or null when the key is not the slider's. */
export function sliderKeyTarget(key: string, time: number, duration: number): number | null {
  let target: number
  switch (key) {
    case 'ArrowLeft':
    case 'ArrowDown':
      target = time - WAVEFORM_STEP
      break
    case 'ArrowRight':
    case 'ArrowUp':
      target = time + WAVEFORM_STEP
      break
    case 'PageUp':
      target = time + WAVEFORM_PAGE
      break
    case 'PageDown':
      target = time - WAVEFORM_PAGE
      break
    case 'Home':
      target = 0
      break
    case 'End':
      if (!positive(duration)) return null
      target = duration
      break
    default:
      return null
  }
  target = Math.max(0, target)
  return positive(duration) ? Math.min(target, duration) : target
}

/** How many bars fit `width` pixels (a wide screen's worth while the width is not known yet). */
function barCount(look: WaveformLook, width: number): number {
  const step = Math.max(1, (look.barWidth ?? 3) || 1) + (look.barGap ?? 2)
  return Math.max(16, Math.floor((width > 0 ? width : 1920) / step))
}

/**
 * What wavesurfer is told about the waveform's data for a given peaks state: with `scale` loudness (the
 * default), one value a bar across `width` pixels, so that each bar is one bin of `loudnessEnvelope`.
 */
function dataOptions(
  peaks: WaveformPeaks,
  duration: number,
  look: WaveformLook,
  width: number,
): Pick<WaveSurferOptions, 'peaks' | 'duration'> {
  if (peaks.status === 'none') return {}
  if (peaks.status === 'ready') {
    const d = positive(duration) ? duration : peaks.peaks.duration
    const values =
      (look.scale ?? 'loudness') === 'loudness'
        ? [loudnessEnvelope(peaks.peaks, barCount(look, width))]
        : peaks.peaks.peaks
    return { peaks: values, duration: positive(d) ? d : 1 }
  }
  // Loading or failed: a flat line, and no fetch of the audio.
  return { peaks: FLAT, duration: positive(duration) ? duration : 1 }
}

// One import shared by every waveform on the page (and by React strict mode's second mount).
let wavesurferModule: Promise<WaveSurferModule> | null = null

/** Loads wavesurfer.js on first use; a failed load may be retried by the next waveform. */
function importWaveSurfer(): Promise<WaveSurferModule> {
  if (wavesurferModule === null) {
    wavesurferModule = import('wavesurfer.js').catch((error: unknown) => {
      wavesurferModule = null
      throw error
    })
  }
  return wavesurferModule
}

// The console hears of a failed wavesurfer.js load once per page, however many waveforms try it.
let reportedUnavailable = false

/** Tells the developer, once, why no waveform is drawn and what to do about it. */
function reportUnavailable(error: unknown): void {
  if (reportedUnavailable) return
  reportedUnavailable = true
  console.error(`Castline: ${WAVEFORM_UNAVAILABLE} Install it: npm i wavesurfer.js`, error)
}

/** The first of the custom properties `names` set on `el` (own or inherited), else `fallback`. */
function cssColor(el: Element, names: readonly string[], fallback: string): string {
  const style = getComputedStyle(el)
  for (const name of names) {
    const value = style.getPropertyValue(name).trim()
    if (value !== '') return value
  }
  return fallback
}

/** The visual options, with colours not given read from the theme's custom properties on `themeFrom`. */
function lookOptions(look: WaveformLook, themeFrom: Element): Partial<WaveSurferOptions> {
  const options: Partial<WaveSurferOptions> = {
    height: look.height ?? 64,
    waveColor:
      look.waveColor ??
      cssColor(themeFrom, ['--castline-wave-color', '--castline-muted'], DEFAULT_COLORS.wave),
    progressColor:
      look.progressColor ??
      cssColor(themeFrom, ['--castline-wave-progress-color', '--castline-accent'], DEFAULT_COLORS.progress),
    cursorColor:
      look.cursorColor ??
      cssColor(themeFrom, ['--castline-wave-cursor-color', '--castline-fg'], DEFAULT_COLORS.cursor),
    cursorWidth: look.cursorWidth ?? 2,
    normalize: look.normalize ?? true,
  }
  // Rounded bars by default; a bar width of 0 asks for wavesurfer's continuous wave.
  const barWidth = look.barWidth ?? 3
  if (barWidth > 0) {
    options.barWidth = barWidth
    options.barGap = look.barGap ?? 2
    options.barRadius = look.barRadius ?? 1.5
  }
  return options
}

const LOOK_KEYS = [
  'height',
  'waveColor',
  'progressColor',
  'cursorColor',
  'cursorWidth',
  'barWidth',
  'barGap',
  'barRadius',
  'normalize',
  'scale',
] as const satisfies readonly (keyof WaveformLook)[]

function sameLook(a: WaveformLook, b: WaveformLook): boolean {
  return LOOK_KEYS.every((k) => Object.is(a[k], b[k]))
}

/** Where a mounted view draws and listens. */
export interface WaveformMount {
  /** The slider: keys, pointer and the theme's custom properties are read here. */
  root: HTMLElement
  /** Where wavesurfer draws (inside `root`; its width maps the pointer to time). */
  host: HTMLElement
}

interface Drag {
  id: number
  frame: number | null
  x: number
}

/**
 * The episode's waveform as a seek slider, without a framework: wavesurfer.js draws the store's own
 * media element (loaded with a dynamic import when the view is mounted, so a page without a waveform
 * never loads it); click or drag seeks; arrows +-5 s, PageUp/PageDown +-60 s, Home/End. Seeks go through
 * `options.seek`. It hears the media only through the `MediaStore`, and never pauses, unloads or
 * destroys the element, which it does not own.
 *
 * The shape of `SyncController`: construct once, `setOptions` on every render (and `update()` after a
 * commit, to apply it there), `subscribe`/`getSnapshot` for the state to render, `mount({ root, host })`
 * returning the cleanup.
 */
export class WaveformView {
  /** The options in force. */
  options: WaveformViewOptions
  private snapshot: WaveformSnapshot = Object.freeze({ status: 'none', message: null, tip: null })
  private tip: WaveformTip | null = null
  private readonly listeners = new Set<{ fn: () => void }>()
  private unavailable = false
  private queued = false
  private instance: WaveSurfer | null = null
  /** The peaks state the instance shows, so that the same state is not loaded twice. */
  private shown: WaveformPeaks | null = null
  /** The look the instance has, so that an unchanged look is not set again. */
  private shownLook: WaveformLook | null = null
  private mounted: WaveformMount | null = null
  private drag: Drag | null = null

  constructor(options: WaveformViewOptions) {
    this.options = options
  }

  /**
   * Replaces the options (call it on every render; nothing happens inside the call, so a render may). New
   * peaks or a new look go to the wavesurfer instance, and subscribers hear of a new snapshot, in a
   * microtask. For another media element, mount again.
   */
  setOptions(options: WaveformViewOptions): void {
    this.options = options
    if (this.queued) return
    this.queued = true
    queueMicrotask(() => {
      this.queued = false
      this.update()
    })
  }

  /**
   * Applies the options in force now: new peaks and a changed look go to the wavesurfer instance, and
   * subscribers hear of a new snapshot. `setOptions` does it in a microtask; an adapter that wants it
   * done in its commit calls it there (TanStack's `_willUpdate`). Calling it again changes nothing.
   */
  update(): void {
    this.syncInstance()
    this.notify()
  }

  /** Listens for snapshot changes. Returns the unsubscribe. */
  subscribe = (listener: () => void): (() => void) => {
    const entry = { fn: listener }
    this.listeners.add(entry)
    return () => {
      this.listeners.delete(entry)
    }
  }

  /** The state to render, from the options in force; the same frozen object while nothing shown changed. */
  getSnapshot = (): WaveformSnapshot => {
    const status = this.unavailable ? 'error' : (this.options.peaks ?? NONE).status
    const message = this.unavailable
      ? (this.options.locale?.labels.waveformUnavailable ?? WAVEFORM_UNAVAILABLE)
      : null
    const current = this.snapshot
    if (status !== current.status || message !== current.message || this.tip !== current.tip)
      this.snapshot = Object.freeze({ status, message, tip: this.tip })
    return this.snapshot
  }

  /** The wavesurfer instance, once created. */
  get waveSurfer(): WaveSurfer | null {
    return this.instance
  }

  /** The slider's duration: the media's own when known, else the episode's given length, else the peaks'. */
  getDuration(): number {
    const media = this.options.getMediaDuration?.() ?? this.options.store.getSnapshot().duration
    return positive(media) ? media : this.fallbackDuration()
  }

  /**
   * Where transcript time `time` is along the wave, 0 to 1 (null while the duration is unknown). The wave
   * draws the audio, so with ad breaks a time sits at its audio position (chapter markers use this).
   */
  fractionOf(time: number): number | null {
    const store = this.options.store
    const d = store.toAudio(this.getDuration())
    return positive(d) ? Math.min(1, Math.max(0, store.toAudio(time) / d)) : null
  }

  /**
   * The tooltip at `at` along the wave (0 to 1): the transcript time there (an audio point inside an ad
   * break reads as the line after it, where a click there seeks) and its label; null while the duration
   * is unknown.
   */
  tipAt(at: number): WaveformTip | null {
    const store = this.options.store
    const d = store.toAudio(this.getDuration())
    if (!positive(d)) return null
    const time = store.toTranscript(at * d)
    return Object.freeze({
      at,
      time,
      label: tipLabel(time, this.options.chapters ?? [], this.options.locale),
    })
  }

  /** The buffered ranges (the store's `buffered`, media time) as fractions along the wave. */
  bufferedSegments(ranges: readonly TimeRange[]): WaveformSegment[] {
    return bufferedSegments(ranges, this.options.store.toAudio(this.getDuration()))
  }

  /**
   * The search hits' ticks along the wave: each matched line's start, at most one tick a pixel of the
   * wave's width (`searchTicks`).
   */
  searchTicks(matches: readonly SearchMatch[], cues: readonly { start: number }[]): number[] {
    const width = this.mounted?.host.clientWidth ?? 0
    return searchTicks(
      matches,
      (i) => cues[i]?.start,
      (t) => this.fractionOf(t),
      width,
    )
  }

  /** The slider's values for the position `time` (whole seconds are what the slider shows). */
  sliderValues(time: number): SliderValues {
    return sliderValues(time, this.getDuration(), this.options.locale)
  }

  /** Seeks for a slider key; true when the key was the slider's (the caller's event is then handled). */
  handleKey(event: Pick<KeyboardEvent, 'key' | 'altKey' | 'ctrlKey' | 'metaKey'>): boolean {
    if (event.altKey || event.ctrlKey || event.metaKey) return false
    const target = sliderKeyTarget(event.key, this.time(), this.getDuration())
    if (target === null) return false
    this.options.seek(target)
    // The tooltip shows where the key went, as it does under the pointer.
    const at = this.fractionOf(target)
    this.setTip(at === null ? null : this.tipAt(at))
    return true
  }

  /**
   * Loads wavesurfer.js and draws the store's element in `host`; listens to the slider's keys and
   * pointer on `root`. Returns the cleanup, which destroys the wavesurfer instance (never the media).
   */
  mount(at: WaveformMount): () => void {
    this.mounted = at
    this.unmount = this.attach(at)
    let done = false
    return () => {
      if (done) return
      done = true
      this.unmount?.()
      this.unmount = null
      this.mounted = null
    }
  }

  private unmount: (() => void) | null = null

  private attach(at: WaveformMount): () => void {
    const { root, host } = at
    const store = this.options.store
    let cancelled = false
    let ws: WaveSurfer | null = null
    let drawnSrc = srcOf(store)
    // Decoding draws one file: when the element starts loading another source, decode that one instead.
    const offSource = store.subscribeEvents((event) => {
      if (event.type !== 'loadstart') return
      const src = srcOf(store)
      if (ws === null || src === drawnSrc || this.shown?.status !== 'none') return
      drawnSrc = src
      ws.load(src).catch(() => {})
    })
    const media = store.media as HTMLMediaElement | null
    if (media !== null) {
      const load = this.options.loadWaveSurfer ?? importWaveSurfer
      load()
        .then(({ default: WaveSurferClass }) => {
          if (cancelled) return
          this.setUnavailable(false)
          const peaks = this.options.peaks ?? NONE
          ws = WaveSurferClass.create({
            container: host,
            media,
            // The view seeks itself: wavesurfer's own click seek waits for `canplay` before touching the media.
            interact: false,
            hideScrollbar: true,
            ...lookOptions(this.options, root),
            ...dataOptions(peaks, this.options.duration ?? Number.NaN, this.options, host.clientWidth),
          })
          // A failed decode (no peaks, an unplayable file) leaves a flat line; the media's own error shows elsewhere.
          ws.on('error', () => {})
          this.shown = peaks
          this.shownLook = { ...this.options }
          drawnSrc = srcOf(store)
          this.instance = ws
          this.options.onWaveSurfer?.(ws)
        })
        .catch((error: unknown) => {
          // Not installed (bundlers turn a missing optional peer into an import that throws) or a blocked
          // chunk: say so in the console and in the box; the slider still seeks without a picture.
          if (cancelled) return
          reportUnavailable(error)
          this.setUnavailable(true)
        })
    }

    const onKeyDown = (e: KeyboardEvent) => {
      if (this.handleKey(e)) e.preventDefault()
    }
    const onPointerDown = (e: PointerEvent) => {
      if (e.button !== 0 || !e.isPrimary) return
      root.setPointerCapture?.(e.pointerId)
      this.drag = { id: e.pointerId, frame: null, x: e.clientX }
      this.hoverAt(e.clientX)
      this.seekToPointer(e.clientX)
    }
    const onPointerMove = (e: PointerEvent) => {
      // The tooltip follows the pointer, hovering or dragging.
      if (e.isPrimary) this.hoverAt(e.clientX)
      const d = this.drag
      if (d === null || d.id !== e.pointerId) return
      d.x = e.clientX
      if (d.frame !== null) return
      // At most one seek a frame while dragging.
      d.frame = requestAnimationFrame(() => {
        d.frame = null
        if (this.drag === d) this.seekToPointer(d.x)
      })
    }
    const endDrag = (e: PointerEvent) => {
      const d = this.drag
      if (d === null || d.id !== e.pointerId) return
      if (d.frame !== null) cancelAnimationFrame(d.frame)
      this.drag = null
      if (e.type === 'pointerup' && d.x !== e.clientX) this.seekToPointer(e.clientX)
      // A finger lifted leaves nothing hovering; a mouse still hovers until it leaves.
      if (e.pointerType !== 'mouse') this.setTip(null)
    }
    // Leaving the wave (not while dragging: the drag goes on outside it) or the slider's focus hides it.
    const onPointerLeave = () => {
      if (this.drag === null) this.setTip(null)
    }
    const onFocusOut = () => this.setTip(null)
    root.addEventListener('keydown', onKeyDown)
    root.addEventListener('pointerdown', onPointerDown)
    root.addEventListener('pointermove', onPointerMove)
    root.addEventListener('pointerup', endDrag)
    root.addEventListener('pointercancel', endDrag)
    root.addEventListener('pointerleave', onPointerLeave)
    root.addEventListener('focusout', onFocusOut)

    // Theme colours come from custom properties, which may flip with the system's colour scheme.
    const query =
      typeof window !== 'undefined' && typeof window.matchMedia === 'function'
        ? window.matchMedia('(prefers-color-scheme: dark)')
        : null
    const onScheme = () => this.applyLook(true)
    query?.addEventListener('change', onScheme)

    return () => {
      cancelled = true
      offSource()
      query?.removeEventListener('change', onScheme)
      root.removeEventListener('keydown', onKeyDown)
      root.removeEventListener('pointerdown', onPointerDown)
      root.removeEventListener('pointermove', onPointerMove)
      root.removeEventListener('pointerup', endDrag)
      root.removeEventListener('pointercancel', endDrag)
      root.removeEventListener('pointerleave', onPointerLeave)
      root.removeEventListener('focusout', onFocusOut)
      this.setTip(null)
      if (this.drag?.frame != null) cancelAnimationFrame(this.drag.frame)
      this.drag = null
      if (ws === null) return
      this.options.onWaveSurfer?.(null)
      // wavesurfer given a media element of ours leaves it alone when destroyed.
      ws.destroy()
      if (this.instance === ws) this.instance = null
      this.shown = null
      this.shownLook = null
    }
  }

  private time(): number {
    return this.options.getTime?.() ?? this.options.store.getTime()
  }

  private fallbackDuration(): number {
    if (positive(this.options.duration)) return this.options.duration
    const peaks = this.options.peaks
    return peaks?.status === 'ready' ? peaks.peaks.duration : Number.NaN
  }

  /** Where `clientX` is along the wave, 0 to 1; null before mounting or while it has no width. */
  private pointerAt(clientX: number): number | null {
    const host = this.mounted?.host
    if (host === undefined) return null
    const rect = host.getBoundingClientRect()
    return pointerFraction(clientX, rect.left, rect.width)
  }

  private hoverAt(clientX: number): void {
    const at = this.pointerAt(clientX)
    this.setTip(at === null ? null : this.tipAt(at))
  }

  /** Shows `tip` (null hides it); subscribers hear of it when what it says or where it is changed. */
  private setTip(tip: WaveformTip | null): void {
    const before = this.tip
    if (
      tip === before ||
      (tip !== null && before !== null && tip.at === before.at && tip.label === before.label)
    )
      return
    this.tip = tip
    this.notify()
  }

  private seekToPointer(clientX: number): void {
    const d = this.getDuration()
    const ratio = this.pointerAt(clientX)
    if (ratio === null || !positive(d)) return
    // The wave is the audio: the point is an audio time, sought as its transcript time (a point inside
    // an ad break seeks to the line after it).
    const store = this.options.store
    this.options.seek(store.toTranscript(ratio * store.toAudio(d)))
  }

  /** Hands new peaks and a changed look to the instance there is. */
  private syncInstance(): void {
    const ws = this.instance
    if (ws === null) return
    const peaks = this.options.peaks ?? NONE
    // The bars' values depend on the scale and on how many bars fit: a change of either redraws them.
    const before = this.shownLook
    const bars =
      before !== null &&
      (['scale', 'barWidth', 'barGap'] as const).some((k) => !Object.is(before[k], this.options[k]))
    if (this.shown !== peaks || (bars && peaks.status === 'ready')) {
      this.shown = peaks
      const width = this.mounted?.host.clientWidth ?? 0
      const data = dataOptions(peaks, this.options.duration ?? Number.NaN, this.options, width)
      ws.load(srcOf(this.options.store), data.peaks, data.duration).catch(() => {})
    }
    this.applyLook(false)
  }

  /** Sets the look on the instance: `force` re-reads the theme even when no option changed. */
  private applyLook(force: boolean): void {
    const ws = this.instance
    const root = this.mounted?.root
    if (ws === null || root === undefined) return
    if (!force && this.shownLook !== null && sameLook(this.shownLook, this.options)) return
    this.shownLook = { ...this.options }
    ws.setOptions(lookOptions(this.options, root))
  }

  private setUnavailable(unavailable: boolean): void {
    if (this.unavailable === unavailable) return
    this.unavailable = unavailable
    this.notify()
  }

  /**
   * Tells subscribers when the snapshot changed since it was last read: one read after `setOptions`
   * (a render) already saw the change, so nobody needs telling again.
   */
  private notify(): void {
    const before = this.snapshot
    if (this.getSnapshot() === before) return
    for (const entry of this.listeners) entry.fn()
  }
}

/** The source the store's element plays: `currentSrc`, or its `src` while loading has not started. */
function srcOf(store: MediaStore): string {
  return store.getSnapshot().currentSrc || ((store.media as { src?: string } | null)?.src ?? '')
}
