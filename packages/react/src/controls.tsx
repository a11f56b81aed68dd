import { type IntersectionObserverLike, localeFormat, type MediaStore, MiniPlayerState } from '@castline/dom'
import { type ReactNode, useCallback, useEffect, useId, useRef, useState, useSyncExternalStore } from 'react'
import { useChapterSnapshot } from './chapters.js'
import { useCastlineApi, useCastlineStore, useLocale } from './hooks.js'
import { useMediaState } from './use-media-state.js'

/** The playback rates offered by default, 0.5x to 3x. */
export const DEFAULT_PLAYBACK_RATES: readonly number[] = [0.5, 0.75, 1, 1.25, 1.5, 1.75, 2, 2.5, 3]

/** Props of `<PlayerControls>`. */
export interface PlayerControlsProps {
  /** Controlled playback rate; leave undefined to let the media element keep it. */
  playbackRate?: number | undefined
  /** Initial playback rate while uncontrolled, applied once the media element exists. */
  defaultPlaybackRate?: number | undefined
  /** Told about every rate the listener picks (and about rate changes made to the media by others). */
  onPlaybackRateChange?: ((rate: number) => void) | undefined
  /** The rates in the speed menu (default 0.5x to 3x). */
  playbackRates?: readonly number[] | undefined
  /** Seconds the "back" button skips (default 15). */
  skipBackSeconds?: number | undefined
  /** Seconds the "forward" button skips (default 30). */
  skipForwardSeconds?: number | undefined
  /** Duration shown before the audio's metadata arrives, in seconds. */
  duration?: number | undefined
  /** Extra class names (it always has `castline castline-controls`). */
  className?: string | undefined
}

function positive(n: number | undefined): n is number {
  return n !== undefined && Number.isFinite(n) && n > 0
}

/** "1.25×" (English; the parts write it in their locale: `LocaleFormat.rate`). */
export function formatRate(rate: number, locale = 'en'): string {
  return localeFormat(locale).rate(rate)
}

/**
 * The playback rate, controlled or not. Requests go to the media element and, uncontrolled, the shown
 * rate is the media's; controlled, the owner's `playbackRate` is pushed to the media whenever it changes
 * (also as `defaultPlaybackRate`, so loading a new source keeps it: `MediaStore.setRate`).
 */
function usePlaybackRate(
  store: MediaStore,
  media: HTMLMediaElement | null,
  props: PlayerControlsProps,
): [rate: number, setRate: (rate: number) => void] {
  const mediaRate = useMediaState((s) => s.playbackRate)
  const controlled = props.playbackRate !== undefined
  const latest = useRef(props)
  latest.current = props

  const controlledRate = props.playbackRate
  useEffect(() => {
    if (media !== null && controlledRate !== undefined) store.setRate(controlledRate)
  }, [store, media, controlledRate])

  // An initial rate, once per media element.
  useEffect(() => {
    const { defaultPlaybackRate: initial, playbackRate } = latest.current
    if (media !== null && initial !== undefined && playbackRate === undefined) store.setRate(initial)
  }, [store, media])

  // Someone else changed the media's rate (a keyboard plugin, the browser's own menu): tell the owner.
  useEffect(() => {
    if (media === null) return
    return store.select(
      (s) => s.playbackRate,
      (rate) => {
        const { playbackRate, onPlaybackRateChange } = latest.current
        // A rate read from another element the store moved to is not a change to this one.
        if (store.media === media && playbackRate !== undefined && rate !== playbackRate) {
          onPlaybackRateChange?.(rate)
        }
      },
    )
  }, [store, media])

  const setRate = useCallback(
    (rate: number) => {
      const { playbackRate, onPlaybackRateChange } = latest.current
      if (playbackRate === undefined) store.setRate(rate)
      onPlaybackRateChange?.(rate)
    },
    [store],
  )
  return [controlled ? props.playbackRate! : mediaRate, setRate]
}

/** A decorative icon: the button around it carries the name. */
function Icon({ children }: { children: ReactNode }): ReactNode {
  return (
    <svg
      aria-hidden="true"
      focusable="false"
      viewBox="0 0 24 24"
      width="1.25em"
      height="1.25em"
      fill="currentColor"
    >
      {children}
    </svg>
  )
}

function PlayIcon(): ReactNode {
  return (
    <Icon>
      <path d="M8 5.14v13.72a1 1 0 0 0 1.52.85l11-6.86a1 1 0 0 0 0-1.7l-11-6.86A1 1 0 0 0 8 5.14Z" />
    </Icon>
  )
}

function PauseIcon(): ReactNode {
  return (
    <Icon>
      <path d="M7 5h3.5v14H7zM13.5 5H17v14h-3.5z" />
    </Icon>
  )
}

function SkipIcon({ direction, seconds }: { direction: 'back' | 'forward'; seconds: number }): ReactNode {
  const arc =
    direction === 'back'
      ? 'M12 4V1L7 5l5 4V6a7 7 0 1 1-7 7H3a9 9 0 1 0 9-9Z'
      : 'M12 4V1l5 4-5 4V6a7 7 0 1 0 7 7h2a9 9 0 1 1-9-9Z'
  return (
    <Icon>
      <path d={arc} />
      <text x="12" y="16.5" fontSize="7.5" textAnchor="middle" fontFamily="system-ui, sans-serif">
        {seconds}
      </text>
    </Icon>
  )
}

function VolumeIcon({ muted }: { muted: boolean }): ReactNode {
  return (
    <Icon>
      <path d="M4 9v6h4l5 5V4L8 9H4Z" />
      {muted ? (
        <path d="m16.5 9.5 5 5m0-5-5 5" stroke="currentColor" strokeWidth="2" fill="none" />
      ) : (
        <path
          d="M16 8.5a5 5 0 0 1 0 7M18.5 6a8.5 8.5 0 0 1 0 12"
          stroke="currentColor"
          strokeWidth="2"
          fill="none"
        />
      )}
    </Icon>
  )
}

/**
 * The transport bar: play/pause, skip back 15 s and forward 30 s, playback speed, the time, volume and
 * mute; and where the audio stands (loading, or an error in words, as an alert). Every control is a
 * native button, select or range, so each is labelled and keyboard operable as the platform makes it.
 */
export function PlayerControls(props: PlayerControlsProps): ReactNode {
  const { mediaStore, seekTo, togglePlay, controller } = useCastlineApi()
  const { element: media, error: mediaError } = useCastlineStore('media')
  const paused = useMediaState((s) => s.paused)
  const currentTime = useMediaState((s) => s.currentTime)
  const mediaDuration = useMediaState((s) => s.duration)
  const volume = useMediaState((s) => s.volume)
  const muted = useMediaState((s) => s.muted)
  const metadataLoaded = useMediaState((s) => s.metadataLoaded)
  const [rate, setRate] = usePlaybackRate(mediaStore, media, props)
  const rateId = useId()
  const volumeId = useId()
  const { labels, format } = useLocale()

  const back = props.skipBackSeconds ?? 15
  const forward = props.skipForwardSeconds ?? 30
  const duration = positive(mediaDuration) ? mediaDuration : props.duration
  const failed = mediaError !== null
  const hasSource = media !== null && (media.currentSrc !== '' || media.getAttribute('src') !== null)
  const loading = media !== null && hasSource && !metadataLoaded && !failed && media.preload !== 'none'

  const rates = props.playbackRates ?? DEFAULT_PLAYBACK_RATES
  // A rate set elsewhere (1.1x) still shows as itself rather than as a wrong menu entry.
  const options = rates.includes(rate) ? rates : [...rates, rate].sort((a, b) => a - b)

  const skip = (seconds: number) => seekTo(controller.getTime() + seconds)
  const className =
    props.className === undefined
      ? 'castline castline-controls'
      : `castline castline-controls ${props.className}`
  const shownVolume = muted ? 0 : Math.round(volume * 100)

  return (
    <div className={className}>
      <div className="castline-controls__transport">
        <button
          type="button"
          className="castline-controls__button"
          onClick={() => skip(-back)}
          disabled={failed}
        >
          <SkipIcon direction="back" seconds={back} />
          <span className="castline-visually-hidden">{labels.back(format.number(back))}</span>
        </button>
        <button
          type="button"
          className="castline-controls__button castline-controls__play"
          onClick={togglePlay}
          disabled={failed}
          data-state={paused ? 'paused' : 'playing'}
        >
          {paused ? <PlayIcon /> : <PauseIcon />}
          <span className="castline-visually-hidden">{paused ? labels.play : labels.pause}</span>
        </button>
        <button
          type="button"
          className="castline-controls__button"
          onClick={() => skip(forward)}
          disabled={failed}
        >
          <SkipIcon direction="forward" seconds={forward} />
          <span className="castline-visually-hidden">{labels.forward(format.number(forward))}</span>
        </button>
      </div>

      <p className="castline-controls__time">
        <span className="castline-controls__current">{format.clock(currentTime)}</span>
        <span aria-hidden="true"> / </span>
        <span className="castline-visually-hidden"> {labels.of} </span>
        <span className="castline-controls__duration">
          {positive(duration) ? format.clock(duration) : '--:--'}
        </span>
      </p>

      <div className="castline-controls__settings">
        <label className="castline-visually-hidden" htmlFor={rateId}>
          {labels.playbackSpeed}
        </label>
        <select
          id={rateId}
          className="castline-controls__rate"
          value={String(rate)}
          onChange={(e) => setRate(Number(e.target.value))}
        >
          {options.map((r) => (
            <option key={r} value={String(r)}>
              {format.rate(r)}
            </option>
          ))}
        </select>
        <button
          type="button"
          className="castline-controls__button castline-controls__mute"
          onClick={() => {
            const now = mediaStore.getSnapshot()
            // Unmuting at zero volume would stay silent: bring the volume back too.
            if (now.muted && now.volume === 0) mediaStore.setVolume(1)
            mediaStore.setMuted(!now.muted)
          }}
          disabled={media === null}
        >
          <VolumeIcon muted={muted || volume === 0} />
          <span className="castline-visually-hidden">{muted ? labels.unmute : labels.mute}</span>
        </button>
        <label className="castline-visually-hidden" htmlFor={volumeId}>
          {labels.volume}
        </label>
        <input
          id={volumeId}
          type="range"
          className="castline-controls__volume"
          min={0}
          max={100}
          step={5}
          value={shownVolume}
          aria-valuetext={format.percent(shownVolume)}
          disabled={media === null}
          onChange={(e) => {
            const next = Number(e.target.value) / 100
            mediaStore.setVolume(next)
            if (next > 0 && mediaStore.getSnapshot().muted) mediaStore.setMuted(false)
          }}
        />
      </div>

      <ChapterControls />

      <p className="castline-controls__status" role="status">
        {loading ? labels.loadingAudio : ''}
      </p>
      {failed ? (
        <p className="castline-controls__error" role="alert">
          {mediaError.message} {labels.transcriptStillHere}
        </p>
      ) : null}
    </div>
  )
}

/**
 * The chapters part of the controls, shown when the provider has chapters: the current chapter's title,
 * "Previous chapter" / "Next chapter" (seeks, as `[` and `]` do), and the chapter list (a disclosure of
 * buttons that seek; `toc: false` chapters are not in it). A chapters file that failed is an alert.
 */
function ChapterControls(): ReactNode {
  const { chapterState } = useCastlineApi()
  const load = useCastlineStore('chapters')
  const { listed, current } = useChapterSnapshot()
  const { labels } = useLocale()
  if (load.status === 'error') {
    return (
      <p className="castline-controls__error castline-controls__chapters-error" role="alert">
        {load.error}
      </p>
    )
  }
  if (listed.length === 0) return null
  const last = current !== null && current === listed[listed.length - 1]
  return (
    <div className="castline-controls__chapters">
      <p className="castline-controls__chapter">
        <span className="castline-visually-hidden">{labels.chapterPrefix}</span>
        <span className="castline-controls__chapter-title">{current?.title ?? ''}</span>
      </p>
      <button
        type="button"
        className="castline-controls__button castline-controls__prev-chapter"
        onClick={() => chapterState.previous()}
        aria-keyshortcuts="["
      >
        <Icon>
          <path d="M6 6h2v12H6zm3.5 6 8.5 6V6z" />
        </Icon>
        <span className="castline-visually-hidden">{labels.previousChapter}</span>
      </button>
      <button
        type="button"
        className="castline-controls__button castline-controls__next-chapter"
        onClick={() => chapterState.next()}
        disabled={last}
        aria-keyshortcuts="]"
      >
        <Icon>
          <path d="M16 6h2v12h-2zM6 18l8.5-6L6 6z" />
        </Icon>
        <span className="castline-visually-hidden">{labels.nextChapter}</span>
      </button>
      <details className="castline-controls__chapter-list">
        <summary>{labels.chapters}</summary>
        <ChapterList />
      </details>
    </div>
  )
}

/**
 * The listed chapters as buttons that seek, the playing one `aria-current`: the controls' disclosure and
 * the panel layout's chapters part (player.tsx) show this one list.
 */
export function ChapterList({ labelledBy }: { labelledBy?: string | undefined }): ReactNode {
  const { seekTo } = useCastlineApi()
  const { listed, current } = useChapterSnapshot()
  const { format } = useLocale()
  return (
    <ol aria-labelledby={labelledBy}>
      {listed.map((chapter) => (
        <li key={`${chapter.start}:${chapter.title}`}>
          <button
            type="button"
            aria-current={chapter === current ? 'true' : undefined}
            onClick={() => seekTo(chapter.start)}
          >
            <span className="castline-controls__chapter-time">{format.clock(chapter.start)}</span>{' '}
            {chapter.title}
          </button>
        </li>
      ))}
    </ol>
  )
}

/** Props of `<MiniPlayer>`. */
export interface MiniPlayerProps {
  /** Duration shown before the audio's metadata arrives, in seconds. */
  duration?: number | undefined
  /** The `IntersectionObserver` to watch the controls with (default the browser's; tests pass a fake). */
  IntersectionObserver?: IntersectionObserverLike | undefined
}

/**
 * The mini player: a compact bar fixed at the viewport's bottom (play/pause, time, current chapter) while
 * the player's main controls (the `.castline-controls` of the player it is rendered in) are scrolled out
 * of view during playback (`MiniPlayerState`). Hidden otherwise, so it is then out of the accessibility
 * tree; a labelled region while shown.
 */
export function MiniPlayer(props: MiniPlayerProps): ReactNode {
  const { mediaStore, togglePlay } = useCastlineApi()
  const [state] = useState(
    () => new MiniPlayerState({ store: mediaStore, IntersectionObserver: props.IntersectionObserver }),
  )
  const visible = useSyncExternalStore(state.subscribe, state.getSnapshot, () => false)
  const paused = useMediaState((s) => s.paused)
  const currentTime = useMediaState((s) => s.currentTime)
  const mediaDuration = useMediaState((s) => s.duration)
  const chapter = useChapterSnapshot().current
  const { labels, format } = useLocale()
  const ref = useRef<HTMLElement | null>(null)
  useEffect(() => {
    // The controls of the player this bar belongs to (a sibling part of the same player).
    const controls = ref.current?.closest('.castline-player')?.querySelector('.castline-controls')
    return controls == null ? undefined : state.mount(controls)
  }, [state])
  const duration = positive(mediaDuration) ? mediaDuration : props.duration
  return (
    <section ref={ref} className="castline-mini" aria-label={labels.miniPlayer} hidden={!visible}>
      <button
        type="button"
        className="castline-controls__button castline-mini__play"
        onClick={togglePlay}
        data-state={paused ? 'paused' : 'playing'}
      >
        {paused ? <PlayIcon /> : <PauseIcon />}
        <span className="castline-visually-hidden">{paused ? labels.play : labels.pause}</span>
      </button>
      <p className="castline-mini__time">
        <span>{format.clock(currentTime)}</span>
        <span aria-hidden="true"> / </span>
        <span className="castline-visually-hidden"> {labels.of} </span>
        <span>{positive(duration) ? format.clock(duration) : '--:--'}</span>
      </p>
      {chapter === null ? null : (
        <p className="castline-mini__chapter">
          <span className="castline-visually-hidden">{labels.chapterPrefix}</span>
          {chapter.title}
        </p>
      )}
    </section>
  )
}
