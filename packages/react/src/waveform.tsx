import { formatTimestamp } from '@castline/core'
import {
  type KeyboardEvent,
  type PointerEvent,
  type ReactNode,
  useCallback,
  useEffect,
  useId,
  useRef,
  useState,
} from 'react'
import type WaveSurfer from 'wavesurfer.js'
import type { WaveSurferOptions } from 'wavesurfer.js'
import { useCastline } from './hooks.js'
import { useMediaState } from './use-media-state.js'
import { type PeaksInput, type PeaksLoad, usePeaks } from './use-peaks.js'

/** Props of `<Waveform>`. */
export interface WaveformProps {
  /**
   * Precomputed peaks (`parsePeaks` output, a `.json`/`.dat` URL, or a file's bytes): the waveform is
   * drawn without downloading or decoding the audio. Without them wavesurfer fetches and decodes the
   * whole file, which only suits short clips.
   */
  peaks?: PeaksInput | undefined
  /** Media duration in seconds, for drawing and for the slider before the audio's metadata arrives. */
  duration?: number | undefined
  /** Height of the waveform in CSS pixels (default 64). */
  height?: number | undefined
  /** Colour of the unplayed waveform (default: the `--castline-wave-color` custom property). */
  waveColor?: string | undefined
  /** Colour of the played part (default: `--castline-wave-progress-color`). */
  progressColor?: string | undefined
  /** Colour of the playback cursor (default: `--castline-wave-cursor-color`). */
  cursorColor?: string | undefined
  /** Width of the cursor in pixels (default 2). */
  cursorWidth?: number | undefined
  /** Draw bars of this width instead of a continuous wave. */
  barWidth?: number | undefined
  /** Gap between bars in pixels. */
  barGap?: number | undefined
  /** Rounded bar corners, in pixels. */
  barRadius?: number | undefined
  /** Scale the wave to the loudest peak so quiet speech still fills the height (default true). */
  normalize?: boolean | undefined
  /** Accessible name of the slider (default "Seek"). */
  label?: string | undefined
  /** Extra class names (it always has `castline castline-waveform`). */
  className?: string | undefined
  /** Receives the wavesurfer instance once created (for plugins) and null when it is destroyed. */
  onWaveSurfer?: ((instance: WaveSurfer | null) => void) | undefined
}

/** Seconds moved by the slider's keys. */
export const WAVEFORM_STEP = 5
/** Seconds moved by PageUp/PageDown. */
export const WAVEFORM_PAGE = 60

const DEFAULT_COLORS = { wave: '#a3acbd', progress: '#2454c5', cursor: '#10131a' } as const
// One silent point: wavesurfer renders a flat line from it and, having peaks, never fetches the audio.
const FLAT: Float32Array[] = [new Float32Array(1)]

function positive(n: number | undefined): n is number {
  return n !== undefined && Number.isFinite(n) && n > 0
}

/** "12:34 of 1:12:51", or "12:34" while the duration is unknown. */
export function seekValueText(seconds: number, duration: number): string {
  const now = formatTimestamp(seconds, 'clock')
  return positive(duration) ? `${now} of ${formatTimestamp(duration, 'clock')}` : now
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

/** What wavesurfer is told about the waveform's data for a given peaks state. */
function dataOptions(load: PeaksLoad, duration: number): Pick<WaveSurferOptions, 'peaks' | 'duration'> {
  if (load.status === 'none') return {}
  if (load.status === 'ready') {
    const d = positive(duration) ? duration : load.peaks.duration
    return { peaks: load.peaks.peaks, duration: positive(d) ? d : 1 }
  }
  // Loading or failed: a flat line, and no fetch of the audio.
  return { peaks: FLAT, duration: positive(duration) ? duration : 1 }
}

// One import shared by every waveform (and by StrictMode's second effect run).
let wavesurferModule: Promise<typeof import('wavesurfer.js')> | null = null

/** Loads wavesurfer.js on first use, in the browser only; a failed load may be retried by the next waveform. */
function loadWaveSurfer(): Promise<typeof import('wavesurfer.js')> {
  if (wavesurferModule === null) {
    wavesurferModule = import('wavesurfer.js').catch((error: unknown) => {
      wavesurferModule = null
      throw error
    })
  }
  return wavesurferModule
}

/** What the box says when wavesurfer.js could not be loaded; the slider still seeks without a picture. */
export const WAVEFORM_UNAVAILABLE = 'No waveform: wavesurfer.js did not load.'

// The console hears of a failed wavesurfer.js load once per page, however many waveforms try it.
let reportedUnavailable = false

/** Tells the developer, once, why no waveform is drawn and what to do about it. */
function reportUnavailable(error: unknown): void {
  if (reportedUnavailable) return
  reportedUnavailable = true
  console.error(`Castline: ${WAVEFORM_UNAVAILABLE} Install it: npm i wavesurfer.js`, error)
}

/** The first of the custom properties `names` that is set on `el` (own or inherited), else `fallback`. */
function cssColor(el: Element, names: readonly string[], fallback: string): string {
  const style = getComputedStyle(el)
  for (const name of names) {
    const value = style.getPropertyValue(name).trim()
    if (value !== '') return value
  }
  return fallback
}

interface Look {
  height: number
  waveColor: string | undefined
  progressColor: string | undefined
  cursorColor: string | undefined
  cursorWidth: number
  barWidth: number | undefined
  barGap: number | undefined
  barRadius: number | undefined
  normalize: boolean
}

/** The visual options, with colours not given as props read from the theme's custom properties. */
function lookOptions(look: Look, themeFrom: Element): Partial<WaveSurferOptions> {
  const options: Partial<WaveSurferOptions> = {
    height: look.height,
    waveColor:
      look.waveColor ??
      cssColor(themeFrom, ['--castline-wave-color', '--castline-muted'], DEFAULT_COLORS.wave),
    progressColor:
      look.progressColor ??
      cssColor(themeFrom, ['--castline-wave-progress-color', '--castline-accent'], DEFAULT_COLORS.progress),
    cursorColor:
      look.cursorColor ??
      cssColor(themeFrom, ['--castline-wave-cursor-color', '--castline-fg'], DEFAULT_COLORS.cursor),
    cursorWidth: look.cursorWidth,
    normalize: look.normalize,
  }
  if (look.barWidth !== undefined) options.barWidth = look.barWidth
  if (look.barGap !== undefined) options.barGap = look.barGap
  if (look.barRadius !== undefined) options.barRadius = look.barRadius
  return options
}

/**
 * The episode's waveform (wavesurfer.js on the provider's own media element) as a seek slider: click or
 * drag to seek, arrows +-5 s, PageUp/PageDown +-60 s, Home/End. Seeks go to the media, so the transcript
 * follows. wavesurfer is loaded and created in an effect only (nothing on a server), once per media
 * element, and destroyed on unmount; it never owns, pauses or unloads the media.
 */
export function Waveform(props: WaveformProps): ReactNode {
  const { media, controller, seekTo } = useCastline()
  const load = usePeaks(props.peaks)
  const rootRef = useRef<HTMLDivElement | null>(null)
  const hostRef = useRef<HTMLDivElement | null>(null)
  const instance = useRef<WaveSurfer | null>(null)
  // The peaks state the instance shows, so a re-render with the same state loads nothing.
  const shown = useRef<PeaksLoad | null>(null)
  // wavesurfer.js could not be loaded (not installed, a blocked chunk): the box says so instead of drawing.
  const [unavailable, setUnavailable] = useState(false)
  const messageId = useId()

  const time = useMediaState((s) => s.currentTime)
  const mediaDuration = useMediaState((s) => s.duration)
  const fallbackDuration = positive(props.duration) ? props.duration : (load.peaks?.duration ?? Number.NaN)
  const duration = positive(mediaDuration) ? mediaDuration : fallbackDuration

  const look: Look = {
    height: props.height ?? 64,
    waveColor: props.waveColor,
    progressColor: props.progressColor,
    cursorColor: props.cursorColor,
    cursorWidth: props.cursorWidth ?? 2,
    barWidth: props.barWidth,
    barGap: props.barGap,
    barRadius: props.barRadius,
    normalize: props.normalize ?? true,
  }
  // Read by effects that must not re-run (and re-create wavesurfer) when these change identity.
  const latest = useRef({ load, duration: fallbackDuration, look, onWaveSurfer: props.onWaveSurfer })
  latest.current = { load, duration: fallbackDuration, look, onWaveSurfer: props.onWaveSurfer }

  // One instance per media element. The import is dynamic so that a server never loads wavesurfer.
  useEffect(() => {
    const host = hostRef.current
    const root = rootRef.current
    if (media === null || host === null || root === null) return
    let cancelled = false
    let ws: WaveSurfer | null = null
    const srcOf = () => media.currentSrc || media.src
    let drawnSrc = srcOf()
    // Decoding draws one file: when the element moves to another source, decode that one instead.
    const onSource = () => {
      const src = srcOf()
      if (ws === null || src === drawnSrc || shown.current?.status !== 'none') return
      drawnSrc = src
      ws.load(src).catch(() => {})
    }
    media.addEventListener('loadstart', onSource)
    loadWaveSurfer()
      .then(({ default: WaveSurferClass }) => {
        if (cancelled) return
        setUnavailable(false)
        const { load: current, duration: d, look: l } = latest.current
        ws = WaveSurferClass.create({
          container: host,
          media,
          // We seek ourselves: wavesurfer's own click seek waits for `canplay` before touching the media.
          interact: false,
          hideScrollbar: true,
          ...lookOptions(l, root),
          ...dataOptions(current, d),
        })
        // A failed decode (no peaks, an unplayable file) leaves a flat line; the audio's own error shows elsewhere.
        ws.on('error', () => {})
        shown.current = current
        drawnSrc = srcOf()
        instance.current = ws
        latest.current.onWaveSurfer?.(ws)
      })
      .catch((error: unknown) => {
        // Not installed (bundlers turn a missing optional peer into an import that throws) or a blocked
        // chunk: say so in the console and in the box; the slider still seeks without a picture.
        if (cancelled) return
        reportUnavailable(error)
        setUnavailable(true)
      })
    return () => {
      cancelled = true
      media.removeEventListener('loadstart', onSource)
      if (ws === null) return
      latest.current.onWaveSurfer?.(null)
      ws.destroy()
      if (instance.current === ws) instance.current = null
      shown.current = null
    }
  }, [media])

  // New peaks (or the end of loading) go to the existing instance.
  useEffect(() => {
    const ws = instance.current
    if (ws === null || shown.current === load) return
    shown.current = load
    const src = media === null ? '' : media.currentSrc || media.src
    const data = dataOptions(load, latest.current.duration)
    ws.load(src, data.peaks, data.duration).catch(() => {})
  }, [load, media])

  // Visual options: setOptions on the instance we have, never a new one.
  const {
    height,
    waveColor,
    progressColor,
    cursorColor,
    cursorWidth,
    barWidth,
    barGap,
    barRadius,
    normalize,
  } = look
  const applyLook = useCallback(() => {
    const ws = instance.current
    const root = rootRef.current
    if (ws === null || root === null) return
    ws.setOptions(lookOptions(latest.current.look, root))
  }, [])
  // biome-ignore lint/correctness/useExhaustiveDependencies: the look's values are the triggers; applyLook reads them through a ref
  useEffect(() => {
    applyLook()
  }, [
    applyLook,
    height,
    waveColor,
    progressColor,
    cursorColor,
    cursorWidth,
    barWidth,
    barGap,
    barRadius,
    normalize,
  ])

  // Theme colours come from custom properties, which may flip with the system's colour scheme.
  useEffect(() => {
    if (typeof window === 'undefined' || typeof window.matchMedia !== 'function') return
    const query = window.matchMedia('(prefers-color-scheme: dark)')
    query.addEventListener('change', applyLook)
    return () => query.removeEventListener('change', applyLook)
  }, [applyLook])

  const durationRef = useRef(duration)
  durationRef.current = duration

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return
    const target = sliderKeyTarget(e.key, controller.getTime(), durationRef.current)
    if (target === null) return
    e.preventDefault()
    seekTo(target)
  }

  // Click or drag: seek to the pointer's place, at most once per frame while dragging.
  const drag = useRef<{ id: number; frame: number | null; x: number } | null>(null)
  const seekToPointer = useCallback(
    (clientX: number) => {
      const host = hostRef.current
      const d = durationRef.current
      if (host === null || !positive(d)) return
      const rect = host.getBoundingClientRect()
      if (rect.width <= 0) return
      const ratio = Math.min(1, Math.max(0, (clientX - rect.left) / rect.width))
      seekTo(ratio * d)
    },
    [seekTo],
  )
  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    if (e.button !== 0 || !e.isPrimary) return
    e.currentTarget.setPointerCapture?.(e.pointerId)
    drag.current = { id: e.pointerId, frame: null, x: e.clientX }
    seekToPointer(e.clientX)
  }
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    const d = drag.current
    if (d === null || d.id !== e.pointerId) return
    d.x = e.clientX
    if (d.frame !== null) return
    d.frame = requestAnimationFrame(() => {
      d.frame = null
      if (drag.current === d) seekToPointer(d.x)
    })
  }
  const endDrag = (e: PointerEvent<HTMLDivElement>) => {
    const d = drag.current
    if (d === null || d.id !== e.pointerId) return
    if (d.frame !== null) cancelAnimationFrame(d.frame)
    drag.current = null
    if (e.type === 'pointerup' && d.x !== e.clientX) seekToPointer(e.clientX)
  }

  // Whole seconds, like the value and its text ("1:12:52" for 4372.8 s).
  const max = positive(duration) ? Math.floor(duration) : 0
  const now = max > 0 ? Math.min(time, max) : time
  // Without wavesurfer the waveform is an error whatever its peaks: never marked ready with nothing drawn.
  const status = unavailable ? 'error' : load.status
  const className = ['castline', 'castline-waveform', `castline-waveform--${status}`]
  if (props.className !== undefined) className.push(props.className)

  return (
    <div
      ref={rootRef}
      className={className.join(' ')}
      role="slider"
      tabIndex={0}
      aria-label={props.label ?? 'Seek'}
      aria-valuemin={0}
      aria-valuemax={Math.max(max, now)}
      aria-valuenow={now}
      aria-valuetext={seekValueText(now, duration)}
      aria-busy={status === 'loading' ? true : undefined}
      aria-describedby={unavailable ? messageId : undefined}
      data-peaks={status}
      onKeyDown={onKeyDown}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={endDrag}
      onPointerCancel={endDrag}
    >
      <div ref={hostRef} className="castline-waveform__wave" style={{ minHeight: look.height }} />
      {unavailable ? (
        <p id={messageId} className="castline-waveform__message">
          {WAVEFORM_UNAVAILABLE}
        </p>
      ) : null}
    </div>
  )
}
