import {
  drawTicks,
  type MediaStore,
  type TimeRange,
  type WaveformSegment,
  type WaveformTip,
  WaveformView,
  type WaveformViewOptions,
} from '@castline/dom'
import {
  type CSSProperties,
  type ReactNode,
  useCallback,
  useEffect,
  useId,
  useRef,
  useState,
  useSyncExternalStore,
} from 'react'
import type WaveSurfer from 'wavesurfer.js'
import { useChapterSnapshot } from './chapters.js'
import { useCastlineApi, useCastlineStore, useLocale } from './hooks.js'
import { useMediaState } from './use-media-state.js'
import { type PeaksInput, usePeaks } from './use-peaks.js'

export {
  seekValueText,
  sliderKeyTarget,
  WAVEFORM_PAGE,
  WAVEFORM_STEP,
  WAVEFORM_UNAVAILABLE,
} from '@castline/dom'

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
  /** Width of each bar in pixels (default 3); 0 draws a continuous wave instead of bars. */
  barWidth?: number | undefined
  /** Gap between bars in pixels (default 2). */
  barGap?: number | undefined
  /** Rounded bar ends: the corners' radius in pixels (default 1.5). */
  barRadius?: number | undefined
  /**
   * What a bar's height shows, with peaks given (default `loudness`): the bar's loudness relative to the
   * episode's quiet and loud parts, so speech and pauses show; `peak` is the largest peak under it.
   */
  scale?: 'loudness' | 'peak' | undefined
  /** Scale the wave to the loudest peak so quiet speech still fills the height (default true). */
  normalize?: boolean | undefined
  /** Accessible name of the slider (default "Seek"). */
  label?: string | undefined
  /** Extra class names (it always has `castline castline-waveform`). */
  className?: string | undefined
  /** Receives the wavesurfer instance once created (for plugins) and null when it is destroyed. */
  onWaveSurfer?: ((instance: WaveSurfer | null) => void) | undefined
}

/**
 * The episode's waveform (wavesurfer.js on the provider's own media element) as a seek slider: click or
 * drag to seek, arrows +-5 s, PageUp/PageDown +-60 s, Home/End. Seeks go to the media, so the transcript
 * follows. A `WaveformView` (@castline/dom) does the work: it loads and creates wavesurfer in an effect
 * only (nothing on a server), once per media element, and destroys it on unmount; it never owns, pauses
 * or unloads the media. This component renders the slider from the view's snapshot and the media state.
 */
export function Waveform(props: WaveformProps): ReactNode {
  const { mediaStore, controller, seekTo, stores } = useCastlineApi()
  const media = useCastlineStore('media', (view) => view.element)
  const load = usePeaks(props.peaks)
  const rootRef = useRef<HTMLDivElement | null>(null)
  const hostRef = useRef<HTMLDivElement | null>(null)
  const ticksRef = useRef<HTMLDivElement | null>(null)
  const messageId = useId()
  const time = useMediaState((s) => s.currentTime)
  const mediaDuration = useMediaState((s) => s.duration)
  const buffered = useBuffered(mediaStore)
  const { chapters } = useChapterSnapshot()

  const locale = useLocale()
  const options: WaveformViewOptions = {
    store: mediaStore,
    seek: seekTo,
    peaks: load,
    duration: props.duration,
    height: props.height,
    waveColor: props.waveColor,
    progressColor: props.progressColor,
    cursorColor: props.cursorColor,
    cursorWidth: props.cursorWidth,
    barWidth: props.barWidth,
    barGap: props.barGap,
    barRadius: props.barRadius,
    scale: props.scale,
    normalize: props.normalize,
    onWaveSurfer: props.onWaveSurfer,
    chapters,
    locale,
    // The provider's time and duration, which a custom time source supplies when there is no element.
    getTime: () => controller.getTime(),
    getMediaDuration: () => mediaDuration,
  }
  const [view] = useState(() => new WaveformView(options))
  view.setOptions(options)
  const { status, message, tip } = useSyncExternalStore(view.subscribe, view.getSnapshot, view.getSnapshot)
  // The search's ticks, drawn outside React's render (drawTicks): a keystroke in the search box redraws
  // them as its matches change, and re-renders nothing else of the waveform. A new duration places them
  // anew (the view reads it from this render's options).
  // biome-ignore lint/correctness/useExhaustiveDependencies: redrawn when the duration changes
  useEffect(() => {
    const container = ticksRef.current
    if (container === null) return
    let drawn: unknown[] = []
    const draw = () => {
      const matches = stores.search.getSnapshot().matches
      const cues = stores.load.getSnapshot().transcript?.cues ?? []
      if (drawn[0] === matches && drawn[1] === cues) return
      drawn = [matches, cues]
      drawTicks(container, view.searchTicks(matches, cues))
    }
    draw()
    const offSearch = stores.search.subscribe(draw)
    const offLoad = stores.load.subscribe(draw)
    return () => {
      offSearch()
      offLoad()
    }
  }, [view, stores, mediaDuration])

  // One wavesurfer per media element: mounting again for another element makes a new one.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the view draws the store's element; a new element needs a new mount
  useEffect(() => {
    const root = rootRef.current
    const host = hostRef.current
    if (root === null || host === null) return
    return view.mount({ root, host })
  }, [view, media])
  // New peaks and look reach wavesurfer in the commit that rendered them.
  useEffect(() => view.update())

  const slider = view.sliderValues(time)
  const className = ['castline', 'castline-waveform', `castline-waveform--${status}`]
  if (props.className !== undefined) className.push(props.className)

  return (
    <>
      <div
        ref={rootRef}
        className={className.join(' ')}
        role="slider"
        tabIndex={0}
        aria-label={props.label ?? locale.labels.seek}
        aria-valuemin={slider.min}
        aria-valuemax={slider.max}
        aria-valuenow={slider.now}
        aria-valuetext={slider.text}
        aria-busy={status === 'loading' ? true : undefined}
        aria-describedby={message === null ? undefined : messageId}
        data-peaks={status}
      >
        <div ref={hostRef} className="castline-waveform__wave" style={{ minHeight: props.height ?? 64 }} />
        <div ref={ticksRef} className="castline-waveform__ticks" aria-hidden="true" />
        <WaveformMarks segments={view.bufferedSegments(buffered)} tip={tip} />
        {message === null ? null : (
          <p id={messageId} className="castline-waveform__message">
            {message}
          </p>
        )}
      </div>
      <ChapterMarkers
        duration={positiveOr(mediaDuration, props.duration)}
        place={(t) => view.fractionOf(t)}
        seekTo={seekTo}
      />
    </>
  )
}

const NO_RANGES: readonly TimeRange[] = []

/** The store's buffered ranges (none on a server); a new array only when they change ('progress'). */
function useBuffered(store: MediaStore): readonly TimeRange[] {
  const subscribe = useCallback((fn: () => void) => store.select((s) => s.buffered, fn), [store])
  const read = useCallback(() => store.getSnapshot().buffered, [store])
  return useSyncExternalStore(subscribe, read, () => NO_RANGES)
}

/** A custom property's value for a `style` prop. */
function at(name: string, value: number): CSSProperties {
  return { [name]: value } as CSSProperties
}

/**
 * What lies over the wave (inside the slider, so presentational, and hidden from assistive technology:
 * the slider's value text says the time) besides the search's ticks: the buffered ranges along its foot
 * and the hover/scrub tooltip. None of it takes the pointer.
 */
function WaveformMarks(props: { segments: readonly WaveformSegment[]; tip: WaveformTip | null }): ReactNode {
  const { segments, tip } = props
  return (
    <>
      {segments.length === 0 ? null : (
        <div className="castline-waveform__buffered" aria-hidden="true">
          {segments.map((s) => (
            <span
              key={s.from}
              className="castline-waveform__range"
              style={{ ...at('--castline-from', s.from), ...at('--castline-to', s.to) }}
            />
          ))}
        </div>
      )}
      {tip === null ? null : (
        <span className="castline-waveform__hover" aria-hidden="true" style={at('--castline-at', tip.at)}>
          {tip.label}
        </span>
      )}
    </>
  )
}

function positiveOr(a: number, b: number | undefined): number | undefined {
  if (Number.isFinite(a) && a > 0) return a
  return b !== undefined && Number.isFinite(b) && b > 0 ? b : undefined
}

/**
 * A marker under the waveform at each listed chapter's start, placed along the wave by `place` (the
 * chapter's audio position: with ad breaks, after the breaks before it): a button that
 * seeks there, named by the chapter's title, which shows as its tooltip on hover and focus. Outside the
 * slider, whose children are presentational; absent until the duration is known.
 */
function ChapterMarkers(props: {
  duration: number | undefined
  place: (time: number) => number | null
  seekTo: (s: number) => void
}): ReactNode {
  const { listed } = useChapterSnapshot()
  const { labels } = useLocale()
  const { duration, seekTo } = props
  if (listed.length === 0 || duration === undefined) return null
  return (
    <ol className="castline-waveform__chapters" aria-label={labels.chapterMarkers}>
      {listed.map((chapter) => (
        <li
          key={`${chapter.start}:${chapter.title}`}
          className="castline-waveform__chapter"
          // Along the wave at the chapter's audio position (after any ad breaks before it).
          style={{ '--castline-at': props.place(chapter.start) ?? 0 } as CSSProperties}
        >
          <button type="button" className="castline-waveform__marker" onClick={() => seekTo(chapter.start)}>
            <span className="castline-waveform__tip">{chapter.title}</span>
          </button>
        </li>
      ))}
    </ol>
  )
}
