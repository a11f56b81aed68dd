import type { AdBreak } from '@castline/core/links'
import { parseAdBreaks } from '@castline/react'
import { ar } from '@castline/react/locales/ar'
import { de } from '@castline/react/locales/de'
import { TranscriptPlayer } from '@castline/react/player'
import { type ReactNode, useCallback, useEffect, useState } from 'react'
import { probeDuration } from './audio-duration.js'
import {
  ChapterList,
  chaptersOf,
  EpisodeHeader,
  EpisodeHeaderPending,
  ShowNotes,
  SpeakerList,
} from './EpisodeDetails.js'
import { type Episode, loadFeedAsEpisode, loadSampleFeed } from './episode.js'
import { type LinkedEpisode, readLinkParams } from './link-params.js'
import { OpenYourOwn } from './OpenYourOwn.js'
import { flatPeaks, MAX_DECODE_SECONDS, noWaveformNotice } from './peaks.js'

type Load =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'ready'; episode: Episode }
  | { status: 'error'; message: string }

function fileName(url: string): string {
  const path = new URL(url).pathname
  const name = decodeURIComponent(path.slice(path.lastIndexOf('/') + 1))
  return name === '' ? url : name
}

/**
 * A linked episode. Without peaks, a long audio gets a flat waveform and a notice rather than being
 * downloaded whole and decoded in the browser; its metadata says how long it is.
 */
async function loadLinkedEpisode(linked: LinkedEpisode): Promise<Episode> {
  const episode: Episode = {
    origin: 'link',
    title: linked.title ?? fileName(linked.audio),
    src: linked.audio,
    transcript: { url: linked.transcript },
    description: `An episode linked from elsewhere: ${linked.audio}`,
    notices: [],
  }
  if (linked.peaks !== undefined) {
    episode.peaks = linked.peaks
    return episode
  }
  return withoutLongDecode(episode)
}

/** Without peaks, an audio longer than the demo decodes gets a flat waveform and a notice instead. */
async function withoutLongDecode(episode: Episode): Promise<Episode> {
  if (episode.peaks !== undefined) return episode
  // An audio that cannot be played is left to the player, which says so and keeps the transcript readable.
  const duration = episode.duration ?? (await probeDuration(episode.src).catch(() => null))
  if (duration === null) return episode
  if (Number.isFinite(duration)) episode.duration = duration
  if (!(duration <= MAX_DECODE_SECONDS)) {
    // Longer than we decode, or a stream of unknown length.
    episode.notices.push(noWaveformNotice(duration))
    episode.peaks = flatPeaks(Number.isFinite(duration) ? duration : 1)
  }
  return episode
}

/**
 * `?ads=300+60,1800+90`: play the episode as audio with ads inserted at those audio times (the sample
 * audio has none: the seconds named stand for the ads), so that the player's ad-break time map can be
 * tried. Bad text is a message above the player and no breaks.
 */
function readAdsParam(search: string): { breaks?: readonly AdBreak[]; message?: string } {
  const text = new URLSearchParams(search).get('ads')
  if (text === null) return {}
  try {
    return { breaks: parseAdBreaks(text).breaks }
  } catch (error) {
    return { message: `This link's ads= parameter was refused: ${(error as Error).message}.` }
  }
}

/** `?layout=panel`: the player's side-panel layout instead of its default (stacked). */
function readLayoutParam(search: string): 'stacked' | 'panel' {
  return new URLSearchParams(search).get('layout') === 'panel' ? 'panel' : 'stacked'
}

/**
 * `?lang=ar` or `?lang=de`: the player's UI in Arabic (right to left) or German; the page around it stays
 * English. Anything else is the English default.
 */
function readLangParam(search: string) {
  const lang = new URLSearchParams(search).get('lang')
  return lang === 'ar' ? ar : lang === 'de' ? de : undefined
}

/**
 * Which page: `episode` (index.html) shows the sample or a linked episode as a podcast's episode page;
 * `open` (open.html) plays the user's own files.
 */
export type DemoPage = 'episode' | 'open'

/** A demo page: an episode (the sample, a linked one, or the user's own files) in the Castline player. */
export function App({ page }: { page: DemoPage }): ReactNode {
  const [load, setLoad] = useState<Load>({ status: page === 'open' ? 'idle' : 'loading' })
  const [refused, setRefused] = useState('')
  const [ads] = useState(() => (typeof window === 'undefined' ? {} : readAdsParam(window.location.search)))
  // The chapter playing (its start), from the player: the chapter list beside it marks it.
  const [chapterAt, setChapterAt] = useState<number | null>(null)
  const onChapterChange = useCallback((chapter: { start: number } | null) => {
    setChapterAt(chapter?.start ?? null)
  }, [])
  const [layout] = useState(() =>
    typeof window === 'undefined' ? 'stacked' : readLayoutParam(window.location.search),
  )
  const [locale] = useState(() =>
    typeof window === 'undefined' ? undefined : readLangParam(window.location.search),
  )

  useEffect(() => {
    // The "open your own" page waits for the user's files.
    if (page === 'open') return
    const controller = new AbortController()
    const params = readLinkParams(window.location.search, window.location.href)
    if (params.kind === 'refused') setRefused(params.message)
    else if (ads.message !== undefined) setRefused(ads.message)
    // The default page is the sample feed's episode.
    const loading =
      params.kind === 'episode'
        ? loadLinkedEpisode(params.episode)
        : params.kind === 'feed'
          ? loadFeedAsEpisode(params.feed.feed, params.feed.guid, 'link', controller.signal).then(
              withoutLongDecode,
            )
          : loadSampleFeed(document.baseURI, controller.signal)
    loading.then(
      (episode) => {
        if (!controller.signal.aborted) setLoad({ status: 'ready', episode })
      },
      (err: unknown) => {
        if (controller.signal.aborted) return
        setLoad({ status: 'error', message: err instanceof Error ? err.message : String(err) })
      },
    )
    return () => controller.abort()
  }, [ads.message, page])

  // The user's files live in blob: URLs until another episode replaces them.
  const episode = load.status === 'ready' ? load.episode : null
  useEffect(() => {
    if (episode?.origin !== 'files') return
    const src = episode.src
    return () => URL.revokeObjectURL(src)
  }, [episode])

  const open = useCallback((next: Episode) => {
    setRefused('')
    setLoad({ status: 'ready', episode: next })
    window.scrollTo({ top: 0 })
  }, [])

  // The episode page while its episode loads: the header, player and aside keep their room.
  const pending = page === 'episode' && load.status === 'loading'
  const chapters = episode === null || page === 'open' ? [] : chaptersOf(episode)
  const persons = episode === null || page === 'open' ? [] : (episode.persons ?? [])
  return (
    <div className={page === 'open' ? 'demo demo--open' : 'demo'}>
      <header className="demo-header">
        <nav className="demo-nav" aria-label="Demo pages">
          <a className="demo-brand" href="./" aria-current={page === 'episode' ? 'page' : undefined}>
            Castline <span className="demo-brand__sub">demo</span>
          </a>
          <a href="open.html" aria-current={page === 'open' ? 'page' : undefined}>
            Open your own episode
          </a>
        </nav>
        {episode === null && pending ? (
          <EpisodeHeaderPending />
        ) : episode === null ? (
          <h1>
            {load.status === 'error'
              ? 'The episode could not be loaded'
              : load.status === 'idle'
                ? 'Open your own episode'
                : 'Loading the episode…'}
          </h1>
        ) : page === 'open' ? (
          <h1>{episode.title}</h1>
        ) : (
          <EpisodeHeader episode={episode} />
        )}
      </header>

      <main className="demo-main">
        {refused === '' ? null : (
          <p className="demo-notice demo-notice--error" role="alert">
            {refused} Showing the sample episode instead.
          </p>
        )}
        {load.status === 'error' ? (
          <p className="demo-notice demo-notice--error" role="alert">
            {load.message}
          </p>
        ) : null}
        {load.status === 'loading' ? (
          // The player's room, kept while the episode loads (no layout shift when it arrives).
          <div className="demo-player demo-player--pending">
            <p className="demo-notice" role="status">
              Loading the episode…
            </p>
          </div>
        ) : null}
        {episode === null ? null : (
          <>
            {episode.notices.map((notice) => (
              <p key={notice} className="demo-notice" role="status">
                {notice}
              </p>
            ))}
            <div className="demo-player">
              <TranscriptPlayer
                key={episode.src}
                src={episode.src}
                transcript={episode.transcript}
                title={episode.title}
                layout={layout}
                onChapterChange={onChapterChange}
                // The player's title is hidden under the page's h1 (styles.css): chapters are h2s.
                chapterHeadingLevel={2}
                // A bar with play/pause, time and chapter while the controls are scrolled away.
                miniPlayer
                {...(episode.peaks === undefined ? {} : { peaks: episode.peaks })}
                {...(episode.chapters === undefined ? {} : { chapters: episode.chapters })}
                {...(episode.duration === undefined ? {} : { duration: episode.duration })}
                {...(episode.image === undefined ? {} : { image: episode.image })}
                {...(episode.persons === undefined ? {} : { persons: episode.persons })}
                {...(episode.speakers === undefined ? {} : { speakers: episode.speakers })}
                {...(episode.soundbites === undefined ? {} : { soundbites: episode.soundbites })}
                {...(episode.show === undefined ? {} : { show: episode.show })}
                {...(ads.breaks === undefined ? {} : { adBreaks: ads.breaks })}
                {...(locale === undefined ? {} : { locale })}
              />
            </div>
            {page === 'open' || episode.description === undefined ? null : (
              <ShowNotes text={episode.description} />
            )}
            {episode.origin === 'sample' ? null : (
              <p className="demo-back">
                <a href="./">Back to the sample episode</a>
              </p>
            )}
          </>
        )}
        {/* The open page: the form under the player, to open other files after these. */}
        {page === 'open' ? <OpenYourOwn onOpen={open} /> : null}
      </main>

      {/* The aside's column, kept while the sample episode loads: the player does not narrow when it comes. */}
      {pending ? <div className="demo-aside" /> : null}
      {chapters.length === 0 && persons.length === 0 ? null : (
        <aside className="demo-aside" aria-label="About this episode">
          {chapters.length === 0 ? null : <ChapterList chapters={chapters} current={chapterAt} />}
          {persons.length === 0 ? null : <SpeakerList persons={persons} />}
        </aside>
      )}

      {/* The sample's credits, on the page that plays it. */}
      {page === 'episode' ? (
        <footer className="demo-footer">
          <p>
            The sample transcript is Talk Python To Me episode 514, from the{' '}
            <a href="https://github.com/talkpython/talk-python-transcripts">talk-python-transcripts</a>{' '}
            repository (GPL-3.0); its audio here is synthesised from that transcript with espeak-ng, so that
            every line is spoken at its timestamp. Deep links work: add <code>#t=12:34</code> to the address.
          </p>
        </footer>
      ) : null}
    </div>
  )
}
