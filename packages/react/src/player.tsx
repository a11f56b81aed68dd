import type { Cue } from '@castline/core'
import type { Chapter } from '@castline/core/chapters'
import type { Person, Soundbite } from '@castline/core/feed'
import {
  type AdBreak,
  choiceLabel,
  distinctSpeakers,
  initialChoice,
  type LabelOverrides,
  type Locale,
  resolveLocale,
  storedLanguage,
  storeLanguage,
  type TranscriptChoice,
  textDirection,
} from '@castline/dom'
import { type ReactNode, useEffect, useId, useMemo, useRef, useState } from 'react'
import { type ChaptersInput, useChapterSnapshot } from './chapters.js'
import { CastlineProvider } from './context.js'
import { ChapterList, MiniPlayer, PlayerControls } from './controls.js'
import { emptyTranscript, Highlights, transcriptProblem, useFeedEpisode } from './feed.js'
import { useCastlineStore, useLocale } from './hooks.js'
import { usePlayerShortcuts } from './keyboard.js'
import { SpeakerLabel } from './line.js'
import { ReaderSettingsMenu } from './reader-settings.js'
import { TranscriptSearch } from './search.js'
import { TranscriptMenu } from './take-away.js'
import { Transcript, useServerOrHydrating } from './transcript.js'
import type { PeaksInput } from './use-peaks.js'
import type { TranscriptInput } from './use-transcript-input.js'
import { Waveform } from './waveform.js'

/** Props of `<TranscriptPlayer>`. */
export interface TranscriptPlayerProps {
  /** Audio URL; the player renders and owns a hidden `<audio>` for it. */
  src: string
  /**
   * The transcript: its text in any supported format, a parsed `Transcript`, or `{ url }` to fetch.
   * Not needed when `transcripts` is given.
   */
  transcript?: TranscriptInput | undefined
  /**
   * Several transcripts (languages): `{ src | url | transcript, language, label?, type? }` each, core's
   * feed transcripts (`pickTranscripts`) included. A picker shows each language's own name; the list
   * gets the chosen one's `lang` and `dir`; the choice is kept in localStorage
   * (`castline:transcript-language`) for the next visit; playback goes on where it was.
   */
  transcripts?: readonly TranscriptChoice[] | undefined
  /** Chapters: parsed (`ChapterList` or `Chapter[]`) or a chapters JSON/WebVTT URL (see `CastlineProvider`). */
  chapters?: ChaptersInput | undefined
  /** The episode's people (`podcast:person`): matched to the transcript's speakers for avatars and roles (see `CastlineProvider`). */
  persons?: readonly Person[] | undefined
  /** Speaker labels such as `SPEAKER_1` mapped to a person's name or a name to show (see `CastlineProvider`). */
  speakers?: Readonly<Record<string, string>> | undefined
  /** Waveform peaks (parsed, a `.json`/`.dat` URL, or bytes); without them the audio is decoded in the browser. */
  peaks?: PeaksInput | undefined
  /** Episode length in seconds: the last line's end, and the time shown before the audio's metadata arrives. */
  duration?: number | undefined
  /** Episode title, shown as the player's heading and used as its accessible name. */
  title?: string | undefined
  /** Artwork URL shown beside the title (decorative: the title names the episode). */
  image?: string | undefined
  /** The episode's soundbites: a "Highlights" list under the controls whose buttons seek to each. */
  soundbites?: readonly Soundbite[] | undefined
  /** The show's name, for the platform's media controls (Media Session). */
  show?: string | undefined
  /**
   * Episode artwork URL for the platform's media controls, when it differs from `image` (the default);
   * a chapter's own image replaces it while it plays.
   */
  artwork?: string | undefined
  /** Drive the platform's media controls while this player is the one played last (default true). */
  mediaSession?: boolean | undefined
  /** Ad breaks inserted into the audio, in audio time (see `CastlineProvider`'s `adBreaks`). */
  adBreaks?: readonly AdBreak[] | undefined
  /** Heading level of the title (default 2). */
  headingLevel?: 2 | 3 | 4 | 5 | 6 | undefined
  /**
   * Heading level of the chapter headings in the transcript (default one below the title's; a page that
   * hides the title and has its own h1 passes 2).
   */
  chapterHeadingLevel?: 2 | 3 | 4 | 5 | 6 | undefined
  /** Controlled follow mode; leave undefined to let the player keep it. */
  follow?: boolean | undefined
  /** Called whenever follow mode should change. */
  onFollowChange?: ((following: boolean) => void) | undefined
  /** Controlled playback rate; leave undefined to let the player keep it. */
  playbackRate?: number | undefined
  /** Initial playback rate while uncontrolled. */
  defaultPlaybackRate?: number | undefined
  /** Called with every playback rate the listener picks. */
  onPlaybackRateChange?: ((rate: number) => void) | undefined
  /** Re-attach follow mode this many milliseconds after the listener's last scroll; off when omitted. */
  resumeAfterMs?: number | undefined
  /** Start at the page URL's `#t=` fragment when there is one (default true). */
  deepLink?: boolean | undefined
  /** Receives "copy link to this line" URLs instead of the clipboard. */
  onCopyLink?: ((url: string, cue: Cue, index: number) => void | Promise<void>) | undefined
  /** Renders every transcript line in the server's HTML (for search engines); the client virtualizes after hydration. */
  renderAllOnServer?: boolean | undefined
  /**
   * Show a mini player (play/pause, time, current chapter) fixed at the viewport's bottom while the
   * controls are scrolled out of view during playback (default false).
   */
  miniPlayer?: boolean | undefined
  /**
   * How the player lays itself out, by its own width (container queries, not the window's): 'stacked'
   * (the default) a full-width waveform with the controls in one row under it, then the search and the
   * transcript full width; 'panel' from 52rem of player width a side panel (episode, waveform, controls,
   * highlights, the chapter list open, the speakers) beside the transcript. Narrower than that, both are
   * one column (without the panel's chapter and speaker lists). The root's `data-layout`.
   */
  layout?: PlayerLayoutName | undefined
  /**
   * Called with the listed chapter playing whenever it changes (null before the first or without
   * chapters): a page's own chapter list can mark it (the element's `castline-chapterchange`).
   */
  onChapterChange?: ((chapter: Chapter | null) => void) | undefined
  /** The UI's language: a `Locale` (`@castline/dom/locales/de`) or a tag (see `CastlineProvider`). Default English. */
  locale?: Locale | string | undefined
  /** Single labels over the locale's (see `CastlineProvider`). */
  labels?: LabelOverrides | undefined
  /** Extra class names for the root (it always has `castline castline-player`). */
  className?: string | undefined
}

/** The player's layouts (see `TranscriptPlayerProps.layout`). */
export type PlayerLayoutName = 'stacked' | 'panel'

/**
 * The whole player a podcast site embeds: title, waveform, controls, search and the transcript, laid out
 * by the player's own width (`layout`: stacked, or a side panel beside the transcript when wide), all
 * sharing one provider and one `<audio>`. Keyboard shortcuts
 * work anywhere inside it: Space/K play-pause, J/L -10/+10 s, arrows -5/+5 s, `/` search, `[`/`]` previous/next
 * chapter.
 */
export function TranscriptPlayer(props: TranscriptPlayerProps): ReactNode {
  const choices = props.transcripts ?? NO_CHOICES
  // The server knows no kept choice: it and the hydrating client render the first choice (no mismatch),
  // and the kept one follows after hydration; a client-only render starts with the kept one.
  const serverOrHydrating = useServerOrHydrating()
  const [chosen, setChosen] = useState(() =>
    choices.length === 0 ? 0 : initialChoice(choices, serverOrHydrating ? null : storedLanguage()),
  )
  const [hydrated] = useState(serverOrHydrating)
  // biome-ignore lint/correctness/useExhaustiveDependencies: once, after hydration (a later list keeps the listener's choice)
  useEffect(() => {
    if (hydrated) setChosen(initialChoice(choices, storedLanguage()))
  }, [hydrated])
  const choice = choices[Math.min(chosen, choices.length - 1)]
  // One input object a choice, so that the provider fetches a choice's URL once.
  const chosenInput = useMemo<TranscriptInput | undefined>(() => choiceInput(choice), [choice])
  const choose = (index: number) => {
    setChosen(index)
    const language = choices[index]?.language
    if (language !== undefined && language !== '') storeLanguage(language)
  }
  const language =
    choice === undefined
      ? undefined
      : { choices, chosen: choices.indexOf(choice), choose, lang: choice.language }
  return (
    <CastlineProvider
      src={props.src}
      transcript={chosenInput ?? props.transcript ?? ''}
      chapters={props.chapters}
      persons={props.persons}
      speakers={props.speakers}
      duration={props.duration}
      follow={props.follow}
      onFollowChange={props.onFollowChange}
      resumeAfterMs={props.resumeAfterMs}
      deepLink={props.deepLink}
      adBreaks={props.adBreaks}
      mediaSession={props.mediaSession}
      locale={props.locale}
      labels={props.labels}
      episode={{ title: props.title ?? '', show: props.show, artwork: props.artwork ?? props.image }}
    >
      <PlayerLayout {...props} language={language} />
    </CastlineProvider>
  )
}

const NO_CHOICES: readonly TranscriptChoice[] = []

/** What the provider reads for a choice: its transcript (parsed or text), else its URL. */
function choiceInput(choice: TranscriptChoice | undefined): TranscriptInput | undefined {
  if (choice === undefined) return undefined
  if (choice.transcript !== undefined) return choice.transcript
  const url = choice.src ?? choice.url
  return url === undefined ? undefined : { url }
}

interface LanguageState {
  choices: readonly TranscriptChoice[]
  chosen: number
  choose(index: number): void
  lang: string | undefined
}

/** The transcript language picker: a labelled select of each language's own name (in that language). */
function LanguagePicker({ language }: { language: LanguageState }): ReactNode {
  const id = useId()
  const locale = useLocale()
  return (
    <div className="castline-language">
      <label htmlFor={id}>{locale.labels.transcriptLanguage}</label>
      <select
        id={id}
        value={language.chosen}
        onChange={(e) => language.choose(Number(e.currentTarget.value))}
      >
        {language.choices.map((choice, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the choices are the owner's list, in its order
          <option key={index} value={index} lang={choice.language} dir={textDirection(choice.language)}>
            {choiceLabel(choice, index, locale)}
          </option>
        ))}
      </select>
    </div>
  )
}

/**
 * The artwork beside the title: the current chapter's image when it has one (Podcasting 2.0 chapters'
 * `img`), else the episode's. Decorative: the title beside it names the episode.
 */
function Artwork({ image }: { image: string | undefined }): ReactNode {
  const src = useChapterSnapshot().current?.img ?? image
  return src === undefined ? null : <img className="castline-player__artwork" src={src} alt="" />
}

/** Tells `onChange` of each change of the chapter playing (renders nothing; only it re-renders then). */
function ChapterReporter({ onChange }: { onChange: (chapter: Chapter | null) => void }): ReactNode {
  const current = useChapterSnapshot().current
  const latest = useRef(onChange)
  latest.current = onChange
  useEffect(() => {
    latest.current(current)
  }, [current])
  return null
}

/**
 * The panel layout's chapters and speakers, before the panel's tools: the chapter list open (the
 * controls' list, whose disclosure player.css hides meanwhile) and each speaker once with avatar, name
 * and role as at a change of speaker in the transcript. player.css shows them only while the panel is
 * beside the transcript (52rem of player width): in one column they would be a tall block above it.
 */
function PanelLists(): ReactNode {
  const { labels } = useLocale()
  const listed = useChapterSnapshot().listed
  const speakers = distinctSpeakers(useCastlineStore('speakers'))
  const chaptersId = useId()
  const speakersId = useId()
  return (
    <>
      {listed.length === 0 ? null : (
        <div className="castline-player__chapters castline-controls__chapter-list">
          <p className="castline-highlights__label" id={chaptersId}>
            {labels.chapters}
          </p>
          <ChapterList labelledBy={chaptersId} />
        </div>
      )}
      {speakers.length === 0 ? null : (
        <div className="castline-player__speakers">
          <p className="castline-highlights__label" id={speakersId}>
            {labels.speakers}
          </p>
          <ul aria-labelledby={speakersId}>
            {speakers.map((speaker) => (
              <li key={speaker.label}>
                <SpeakerLabel label={speaker.label} speaker={speaker} />
              </li>
            ))}
          </ul>
        </div>
      )}
    </>
  )
}

function PlayerLayout(props: TranscriptPlayerProps & { language: LanguageState | undefined }): ReactNode {
  const onKeyDown = usePlayerShortcuts()
  const locale = useLocale()
  const Heading = `h${props.headingLevel ?? 2}` as const
  const title = props.title
  const className =
    props.className === undefined ? 'castline castline-player' : `castline castline-player ${props.className}`
  const transcriptProps = props.onCopyLink === undefined ? {} : { onCopyLink: props.onCopyLink }
  const panel = props.layout === 'panel'
  // The transcript's tools: above it (stacked), or at the panel's end, so that the transcript has its
  // column to itself (panel). The order read is the same in both.
  const tools = (
    <>
      {props.language === undefined || props.language.choices.length < 2 ? null : (
        <LanguagePicker language={props.language} />
      )}
      <TranscriptSearch />
      <div className="castline-player__menus">
        <TranscriptMenu title={title} />
        <ReaderSettingsMenu />
      </div>
    </>
  )
  return (
    // The region only gathers the key presses of the focusable parts inside it.
    // The UI's direction on the root (the layout's logical properties follow it); its language only when
    // one was asked for, so that a transcript without a language keeps the page's.
    <section
      className={className}
      aria-label={title ?? locale.labels.player}
      data-layout={panel ? 'panel' : 'stacked'}
      onKeyDown={onKeyDown}
      dir={locale.dir}
      lang={props.locale === undefined ? undefined : locale.code}
    >
      <div className="castline-player__layout">
        <div className="castline-player__main">
          {title === undefined && props.image === undefined ? null : (
            <div className="castline-player__head">
              <Artwork image={props.image} />
              {title === undefined ? null : <Heading className="castline-player__title">{title}</Heading>}
            </div>
          )}
          <Waveform peaks={props.peaks} duration={props.duration} />
          <PlayerControls
            duration={props.duration}
            playbackRate={props.playbackRate}
            defaultPlaybackRate={props.defaultPlaybackRate}
            onPlaybackRateChange={props.onPlaybackRateChange}
          />
          {props.soundbites === undefined ? null : <Highlights soundbites={props.soundbites} />}
          {panel ? <PanelLists /> : null}
          {panel ? tools : null}
        </div>
        <div className="castline-player__side">
          {panel ? null : tools}
          <Transcript
            lang={props.language?.lang}
            {...transcriptProps}
            renderAllOnServer={props.renderAllOnServer}
            episodeTitle={title}
            chapterHeadingLevel={
              props.chapterHeadingLevel ?? (Math.min(6, (props.headingLevel ?? 2) + 1) as 3 | 4 | 5 | 6)
            }
          />
        </div>
      </div>
      {props.miniPlayer === true ? <MiniPlayer duration={props.duration} /> : null}
      {props.onChapterChange === undefined ? null : <ChapterReporter onChange={props.onChapterChange} />}
    </section>
  )
}

/** Props of `<FeedPlayer>`: the feed and episode, and `TranscriptPlayer`'s props, which win over the feed's. */
export interface FeedPlayerProps extends Partial<TranscriptPlayerProps> {
  /** The RSS feed's URL (relative URLs resolve against the page; those inside the feed against the feed's). */
  feed: string
  /** The episode's GUID in the feed. */
  episode: string
  /** The page's language: a transcript in it is preferred. */
  language?: string | undefined
}

/**
 * The whole player loaded from a podcast feed (`useFeedEpisode`): the audio from the episode's enclosure,
 * its title, artwork, transcript (the next one when one fails), chapters, people and soundbites. While the
 * feed loads it says so; a feed that fails (unreachable, not a feed, no such GUID) is a plain message (an
 * alert). An episode none of whose transcripts could be read still plays, with the reasons shown.
 */
export function FeedPlayer(props: FeedPlayerProps): ReactNode {
  const { feed, episode, language, ...own } = props
  const load = useFeedEpisode(feed, episode, { language })
  // Outside the player's provider: the feed's own status line reads the locale itself.
  const { labels, dir } = resolveLocale(own.locale, own.labels)
  if (load.status === 'error') {
    return (
      <p className="castline-feed-status castline-feed-status--error" role="alert">
        {load.kind === 'no-episode'
          ? labels.noEpisode
          : load.kind === null
            ? load.error
            : labels.feedFailed(load.kind, load.error)}
      </p>
    )
  }
  if (load.status !== 'ready') {
    return (
      <p className="castline-feed-status" role="status" dir={dir}>
        {labels.loadingFeed}
      </p>
    )
  }
  const loaded = load.episode
  const info = loaded.episode
  const problem = transcriptProblem(loaded)
  const duration = own.duration ?? info.duration
  return (
    <>
      {problem === null ? null : (
        <p className="castline-feed-status castline-feed-status--error" role="alert">
          {problem}
        </p>
      )}
      <TranscriptPlayer
        title={info.title}
        image={info.image}
        chapters={loaded.chapters ?? undefined}
        persons={loaded.persons}
        soundbites={loaded.soundbites}
        {...own}
        duration={duration}
        src={own.src ?? info.enclosure.url}
        transcript={own.transcript ?? loaded.transcript ?? emptyTranscript(duration)}
      />
    </>
  )
}
