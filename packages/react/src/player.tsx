import type { Cue } from '@castline/core'
import type { Person, Soundbite } from '@castline/core/feed'
import type { ReactNode } from 'react'
import type { ChaptersInput } from './chapters.js'
import { CastlineProvider } from './context.js'
import { PlayerControls } from './controls.js'
import { emptyTranscript, Highlights, transcriptProblem, useFeedEpisode } from './feed.js'
import { usePlayerShortcuts } from './keyboard.js'
import { TranscriptSearch } from './search.js'
import { Transcript } from './transcript.js'
import type { PeaksInput } from './use-peaks.js'
import type { TranscriptInput } from './use-transcript-input.js'
import { Waveform } from './waveform.js'

/** Props of `<TranscriptPlayer>`. */
export interface TranscriptPlayerProps {
  /** Audio URL; the player renders and owns a hidden `<audio>` for it. */
  src: string
  /** The transcript: its text in any supported format, a parsed `Transcript`, or `{ url }` to fetch. */
  transcript: TranscriptInput
  /** Chapters: parsed (`ChapterList` or `Chapter[]`) or a chapters JSON/WebVTT URL (see `CastlineProvider`). */
  chapters?: ChaptersInput | undefined
  /** Waveform peaks (parsed, a `.json`/`.dat` URL, or bytes); without them the audio is decoded in the browser. */
  peaks?: PeaksInput | undefined
  /** Episode length in seconds: the last line's end, and the time shown before the audio's metadata arrives. */
  duration?: number | undefined
  /** Episode title, shown as the player's heading and used as its accessible name. */
  title?: string | undefined
  /** Artwork URL shown beside the title (decorative: the title names the episode). */
  image?: string | undefined
  /** The episode's people (a feed's `podcast:person`s), for the parts that show speakers (the provider's `persons`). */
  persons?: readonly Person[] | undefined
  /** The episode's soundbites: a "Highlights" list under the controls whose buttons seek to each. */
  soundbites?: readonly Soundbite[] | undefined
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
  /** Extra class names for the root (it always has `castline castline-player`). */
  className?: string | undefined
}

/**
 * The whole player a podcast site embeds: title, waveform, controls, search and the transcript beside
 * them (one column on narrow containers), all sharing one provider and one `<audio>`. Keyboard shortcuts
 * work anywhere inside it: Space/K play-pause, J/L -10/+10 s, arrows -5/+5 s, `/` search, `[`/`]` previous/next
 * chapter.
 */
export function TranscriptPlayer(props: TranscriptPlayerProps): ReactNode {
  return (
    <CastlineProvider
      src={props.src}
      transcript={props.transcript}
      chapters={props.chapters}
      duration={props.duration}
      persons={props.persons}
      follow={props.follow}
      onFollowChange={props.onFollowChange}
      resumeAfterMs={props.resumeAfterMs}
      deepLink={props.deepLink}
    >
      <PlayerLayout {...props} />
    </CastlineProvider>
  )
}

function PlayerLayout(props: TranscriptPlayerProps): ReactNode {
  const onKeyDown = usePlayerShortcuts()
  const Heading = `h${props.headingLevel ?? 2}` as const
  const title = props.title
  const className =
    props.className === undefined ? 'castline castline-player' : `castline castline-player ${props.className}`
  const transcriptProps = props.onCopyLink === undefined ? {} : { onCopyLink: props.onCopyLink }
  return (
    // The region only gathers the key presses of the focusable parts inside it.
    <section className={className} aria-label={title ?? 'Audio player'} onKeyDown={onKeyDown}>
      <div className="castline-player__layout">
        <div className="castline-player__main">
          {title === undefined && props.image === undefined ? null : (
            <div className="castline-player__head">
              {props.image === undefined ? null : (
                // Decorative: the title beside it names the episode.
                <img className="castline-player__artwork" src={props.image} alt="" />
              )}
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
        </div>
        <div className="castline-player__side">
          <TranscriptSearch />
          <Transcript
            {...transcriptProps}
            renderAllOnServer={props.renderAllOnServer}
            episodeTitle={title}
            chapterHeadingLevel={
              props.chapterHeadingLevel ?? (Math.min(6, (props.headingLevel ?? 2) + 1) as 3 | 4 | 5 | 6)
            }
          />
        </div>
      </div>
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
  if (load.status === 'error') {
    return (
      <p className="castline-feed-status castline-feed-status--error" role="alert">
        {load.error}
      </p>
    )
  }
  if (load.status !== 'ready') {
    return (
      <p className="castline-feed-status" role="status">
        Loading the episode from its feed…
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
