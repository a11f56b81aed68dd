import type { Cue, SearchMatch, Transcript as TranscriptModel } from '@castline/core'
import {
  type AdBreakRow,
  adBreakLabel,
  adBreakRows,
  type ComfortBand,
  chapterHeadings,
  copyText,
  type LocaleText,
  quoteLink,
  speakerStartAt,
  TranscriptView,
  type TranscriptViewOptions,
  textDirection,
} from '@castline/dom'
import {
  type CSSProperties,
  memo,
  type ReactNode,
  startTransition,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
} from 'react'
import { useChapterSnapshot } from './chapters.js'
import { useCastlineApi, useCastlineStore, useLocale } from './hooks.js'
import { Line, type LineActions, SpeakerLabel } from './line.js'
import { QuoteMenuView } from './quote-menu.js'
import { readerSettingsProps, useReaderSettings } from './reader-settings.js'
import type { SearchState } from './use-search-state.js'

const useIsomorphicLayoutEffect = typeof document === 'undefined' ? useEffect : useLayoutEffect

/** Props of `<Transcript>`. */
export interface TranscriptProps {
  /** Accessible name of the transcript region (default "Transcript"). */
  label?: string
  /** Extra class names for the region (it always has `castline castline-transcript`). */
  className?: string
  /** Inline styles for the region, e.g. `--castline-transcript-height`. */
  style?: CSSProperties
  /** Lines rendered beyond the visible ones on each side (default 4): small, so the DOM stays small. */
  overscan?: number
  /** Lines rendered on the server and before the first measurement, so the first screen is in the HTML (default 30). */
  initialLines?: number
  /** Where follow mode keeps the spoken line, as fractions of the viewport height (default 0.2 to 0.6). */
  comfortBand?: ComfortBand
  /** Receives the "copy link to this line" URL instead of the clipboard (for a share sheet, or tests). */
  onCopyLink?: (url: string, cue: Cue, index: number) => void | Promise<void>
  /**
   * Renders every line on the server, plainly (time, speaker, text), for search engines and readers
   * without JavaScript; the client hydrates that markup, then shows the virtualized list (default false).
   */
  renderAllOnServer?: boolean | undefined
  /**
   * The level of the chapter headings in the list (default 3: below a player's h2 title). A page whose
   * own heading above the transcript is an h1 passes 2, so that no level is skipped.
   */
  chapterHeadingLevel?: 2 | 3 | 4 | 5 | 6 | undefined
  /** The episode's title, in the text "Copy quote" writes (`“words” — Speaker, Title <link>`). */
  episodeTitle?: string | undefined
  /**
   * The transcript's language (a BCP 47 tag): the list's `lang`, and its `dir` (`rtl` for Arabic,
   * Hebrew, Persian, Urdu…: `textDirection`). Default: the page's.
   */
  lang?: string | undefined
}

const subscribeNone = () => () => {}
/** True on the server and while hydrating its HTML, false in a render on the client alone. */
export const useServerOrHydrating = (): boolean =>
  useSyncExternalStore(
    subscribeNone,
    () => false,
    () => true,
  )

interface JumpProps {
  direction: 'up' | 'down' | 'none'
  onJump(): void
  label: string
}

/** "Jump to current line": shown while detached, pointing towards the spoken line. */
const JumpToCurrent = memo(function JumpToCurrent({ direction, onJump, label }: JumpProps) {
  const arrow = direction === 'up' ? '\u2191' : direction === 'down' ? '\u2193' : null
  return (
    <button
      type="button"
      className={direction === 'none' ? 'castline-jump' : `castline-jump castline-jump--${direction}`}
      data-direction={direction}
      onClick={onJump}
    >
      {arrow === null ? null : <span aria-hidden="true">{arrow}</span>}
      {label}
    </button>
  )
})

/**
 * The transcript: a labelled region holding a virtualized list of lines (only the visible ones are in
 * the DOM, so 100,000 lines cost what 100 do). The spoken line is highlighted and followed; a click (or
 * Enter/Space) seeks; one tab stop with arrow keys, Home/End and PageUp/PageDown inside.
 */
export function Transcript(props: TranscriptProps): ReactNode {
  const transcriptLoad = useCastlineStore('load')
  const settings = useReaderSettings()
  const { labels } = useLocale()
  const label = props.label ?? labels.transcript
  // A client-side mount shows the region first and renders the list (the virtualizer, the first lines) in
  // a transition after it: React renders a transition in slices of a few milliseconds, so the page's own
  // first render and the list's are never one long task (on a slow machine the two together, code run for
  // the first time, took 50-90 ms). Server HTML and its hydration have the list at once, for the markup.
  const serverOrHydrating = useServerOrHydrating()
  const [listShown, setListShown] = useState(serverOrHydrating)
  useEffect(() => {
    if (!listShown) startTransition(() => setListShown(true))
  }, [listShown])
  const className =
    props.className === undefined
      ? 'castline castline-transcript'
      : `castline castline-transcript ${props.className}`
  let body: ReactNode
  if (transcriptLoad.status === 'loading') {
    body = (
      <p className="castline-transcript__status" role="status">
        {labels.loadingTranscript}
      </p>
    )
  } else if (transcriptLoad.status === 'error') {
    body = (
      <p className="castline-transcript__status" role="alert">
        {labels.transcriptFailed} {transcriptLoad.error.message}
      </p>
    )
  } else if (transcriptLoad.transcript.cues.length === 0) {
    body = <p className="castline-transcript__status">{labels.noLines}</p>
  } else if (props.renderAllOnServer === true && serverOrHydrating) {
    // The same markup on the server and while hydrating it (no mismatch); the render after hydration
    // (useServerOrHydrating turns false) replaces it with the list.
    body = <FullTranscript cues={transcriptLoad.transcript.cues} lang={props.lang} />
  } else if (listShown) {
    body = <TranscriptList {...props} transcript={transcriptLoad.transcript} />
  } else {
    body = <div className="castline-transcript__viewport" />
  }
  return (
    <section className={className} aria-label={label} {...readerSettingsProps(settings, props.style)}>
      {body}
    </section>
  )
}

/** The list's `lang` and `dir` for a transcript language; nothing (the page's) without one. */
function languageOf(lang: string | undefined): { lang?: string; dir?: 'ltr' | 'rtl' } {
  return lang === undefined || lang === '' ? {} : { lang, dir: textDirection(lang) }
}

const selectMatchesByCue = (s: SearchState) => s.matchesByCue
const selectCurrentMatch = (s: SearchState): SearchMatch | undefined =>
  s.current >= 0 ? s.matches[s.current] : undefined

/** Every line as text in document order: what the server sends when asked to render them all. */
function FullTranscript({ cues, lang }: { cues: readonly Cue[]; lang: string | undefined }): ReactNode {
  const speakers = useCastlineStore('speakers')
  const { format } = useLocale()
  return (
    <div className="castline-transcript__viewport">
      <ul className="castline-transcript__list" data-static="" data-full="" {...languageOf(lang)}>
        {cues.map((cue, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a line's index is its identity (the list keys rows by it too)
          <li key={index} className="castline-line" data-index={index}>
            <span className="castline-line__time">{format.clock(cue.start)}</span>{' '}
            <span className="castline-line__body">
              {speakerStartAt(cues, index) && cue.speaker ? (
                <SpeakerLabel label={cue.speaker} speaker={speakers.get(cue.speaker)} />
              ) : null}{' '}
              <span className="castline-line__text">{cue.text}</span>
            </span>
          </li>
        ))}
      </ul>
    </div>
  )
}

const noTimeMap = () => null
const noAdBreak = () => -1

/** A line's ad-break props: the row's text, and whether its break plays now. */
function adBreakProps(row: AdBreakRow | undefined, playing: number, locale: LocaleText) {
  return row === undefined
    ? {}
    : { adBreak: adBreakLabel(row, locale), adBreakCurrent: row.index === playing }
}

interface ListProps extends TranscriptProps {
  transcript: TranscriptModel
}

function TranscriptList(props: ListProps): ReactNode {
  const { transcript, onCopyLink } = props
  const { controller, mediaStore, followMode, seekTo, seekToCue, registerTranscriptView } = useCastlineApi()
  const cues = transcript.cues
  const count = cues.length
  const { chapters, current: currentChapter } = useChapterSnapshot()
  // Which line each listed chapter heads: the heading is part of that line's row.
  const headings = useMemo(() => chapterHeadings(cues, chapters), [cues, chapters])
  // Which line each inserted ad break's row goes before, and the break playing now (-1 for none).
  const timeMap = useSyncExternalStore(mediaStore.subscribe, () => mediaStore.timeMap, noTimeMap)
  const adRows = useMemo(() => adBreakRows(cues, timeMap), [cues, timeMap])
  const adBreak = useSyncExternalStore(
    mediaStore.subscribe,
    () => mediaStore.getSnapshot().adBreak,
    noAdBreak,
  )
  // A new text size scales the estimates and has the rows measured again (TranscriptView's textScale).
  const { textScale } = useReaderSettings()
  const options: TranscriptViewOptions = {
    cues,
    controller,
    follow: followMode,
    headings,
    overscan: props.overscan,
    initialLines: props.initialLines,
    comfortBand: props.comfortBand,
    textScale,
  }
  const [view] = useState(() => new TranscriptView(options))
  view.setOptions(options)
  const snapshot = useSyncExternalStore(view.subscribe, view.getSnapshot, view.getSnapshot)

  const viewportRef = useRef<HTMLDivElement | null>(null)
  useIsomorphicLayoutEffect(() => view.mount(viewportRef.current!), [view])
  useEffect(() => () => view.destroy(), [view])

  useEffect(() => {
    registerTranscriptView({ scrollToCue: (index, options) => view.scrollToCue(index, options) })
    return () => registerTranscriptView(null)
  }, [registerTranscriptView, view])

  const copyRef = useRef(onCopyLink)
  copyRef.current = onCopyLink
  const actions = useMemo<LineActions>(
    () => ({
      seekToCue,
      seekTo,
      copyLink: (index) => {
        const cue = cues[index]
        if (cue === undefined || typeof window === 'undefined') return
        // The line's start and words: the link finds the line again after an ad moved it.
        const url = quoteLink(window.location.href, { start: cue.start, text: cue.text })
        if (copyRef.current !== undefined) return copyRef.current(url, cue, index)
        return copyText(url)
      },
      spokenWordMoved: (index, element) => view.followWord(index, element),
    }),
    [seekToCue, seekTo, cues, view],
  )

  // The matches, not the query: a keystroke re-renders the list only once its matches are found.
  const matchesByCue = useCastlineStore('search', selectMatchesByCue)
  const speakers = useCastlineStore('speakers')
  const locale = useLocale()
  const currentMatch = useCastlineStore('search', selectCurrentMatch)
  const mounted = snapshot.phase !== 'static'

  return (
    <>
      {headings.size === 0 ? null : (
        // The current chapter stays in sight above the lines as they scroll.
        <p className="castline-transcript__chapter">
          <span className="castline-visually-hidden">{locale.labels.currentChapter}</span>
          {currentChapter?.title ?? ''}
        </p>
      )}
      <div ref={viewportRef} className="castline-transcript__viewport">
        <ul
          className="castline-transcript__list"
          data-static={mounted ? undefined : ''}
          data-printing={snapshot.printing ? '' : undefined}
          {...languageOf(props.lang)}
          // While an ad break plays its row is the highlight (transcript.css), not the line.
          data-ad-break={adBreak >= 0 ? '' : undefined}
        >
          {snapshot.rows.map((index) => {
            const cue = cues[index]!
            const speakerStart = speakerStartAt(cues, index)
            return (
              <Line
                key={index}
                index={index}
                cue={cue}
                setSize={count}
                speakerStart={speakerStart}
                speaker={speakerStart && cue.speaker !== undefined ? speakers.get(cue.speaker) : undefined}
                controller={controller}
                actions={actions}
                measureRef={view.measureElement}
                tabStop={index === snapshot.focusIndex}
                matches={matchesByCue.get(index)}
                currentMatchStart={
                  currentMatch !== undefined && currentMatch.cue === index ? currentMatch.start : -1
                }
                chapter={headings.get(index)}
                chapterHeadingLevel={props.chapterHeadingLevel}
                {...adBreakProps(adRows.get(index), adBreak, locale)}
                locale={locale}
              />
            )
          })}
        </ul>
      </div>
      {/* Right after the list in tab order: Tab from a line reaches the menu first. */}
      <QuoteMenuView cues={cues} viewport={viewportRef} episodeTitle={props.episodeTitle} />
      {snapshot.jump === null ? null : (
        <JumpToCurrent direction={snapshot.jump} onJump={view.jump} label={locale.labels.jumpToCurrent} />
      )}
    </>
  )
}
