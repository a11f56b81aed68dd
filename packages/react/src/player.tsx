import type { Cue } from '@castline/core'
import type { AdBreak } from '@castline/dom'
import type { ReactNode } from 'react'
import type { ChaptersInput } from './chapters.js'
import { CastlineProvider } from './context.js'
import { PlayerControls } from './controls.js'
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
  /** The show's name, for the platform's media controls (Media Session). */
  show?: string | undefined
  /** Episode artwork URL for the platform's media controls (a chapter's own image replaces it while it plays). */
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
      follow={props.follow}
      onFollowChange={props.onFollowChange}
      resumeAfterMs={props.resumeAfterMs}
      deepLink={props.deepLink}
      adBreaks={props.adBreaks}
      mediaSession={props.mediaSession}
      episode={{ title: props.title ?? '', show: props.show, artwork: props.artwork }}
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
          {title === undefined ? null : <Heading className="castline-player__title">{title}</Heading>}
          <Waveform peaks={props.peaks} duration={props.duration} />
          <PlayerControls
            duration={props.duration}
            playbackRate={props.playbackRate}
            defaultPlaybackRate={props.defaultPlaybackRate}
            onPlaybackRateChange={props.onPlaybackRateChange}
          />
        </div>
        <div className="castline-player__side">
          <TranscriptSearch />
          <Transcript
            {...transcriptProps}
            renderAllOnServer={props.renderAllOnServer}
            chapterHeadingLevel={
              props.chapterHeadingLevel ?? (Math.min(6, (props.headingLevel ?? 2) + 1) as 3 | 4 | 5 | 6)
            }
          />
        </div>
      </div>
    </section>
  )
}
