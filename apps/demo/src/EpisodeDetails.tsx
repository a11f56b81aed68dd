import { formatTimestamp } from '@castline/core'
import type { Chapter } from '@castline/core/chapters'
import type { Person } from '@castline/core/feed'
import { formatQuoteLink } from '@castline/core/links'
import type { MouseEvent, ReactNode } from 'react'
import type { Episode } from './episode.js'

/** The chapters an episode was given already read (a feed's are), or none while they are only a URL. */
export function chaptersOf(episode: Episode): readonly Chapter[] {
  const chapters = episode.chapters
  if (chapters === undefined || typeof chapters === 'string') return []
  return 'chapters' in chapters ? chapters.chapters : chapters
}

/** "1 h 12 min", "38 min": an episode's length as a listing writes it. */
export function formatLength(seconds: number): string {
  const minutes = Math.round(seconds / 60)
  const h = Math.floor(minutes / 60)
  const m = minutes % 60
  if (h === 0) return `${m} min`
  return m === 0 ? `${h} h` : `${h} h ${m} min`
}

/**
 * A feed's `pubDate` as a `<time>`: "7 July 2025" (in UTC, so the page says the same day everywhere);
 * a date that does not read is shown as the feed wrote it.
 */
function Published({ date }: { date: string }): ReactNode {
  const time = new Date(date)
  if (Number.isNaN(time.getTime())) return <span>{date}</span>
  const text = time.toLocaleDateString('en-GB', { dateStyle: 'long', timeZone: 'UTC' })
  return <time dateTime={time.toISOString()}>{text}</time>
}

/**
 * The show notes, whole, under the player (so that the player starts near the top of the page): a
 * feed's description is shown as text (never as HTML), a paragraph for each blank-line-separated part.
 */
export function ShowNotes({ text }: { text: string }): ReactNode {
  return (
    <section className="demo-section demo-notes" aria-labelledby="demo-notes">
      <h2 id="demo-notes">Show notes</h2>
      {text
        .split(/\n\s*\n/u)
        .filter((paragraph) => paragraph.trim() !== '')
        .map((paragraph, i) => (
          // The paragraphs never move: their index is their key.
          // biome-ignore lint/suspicious/noArrayIndexKey: a fixed text's paragraphs
          <p key={i}>{paragraph}</p>
        ))}
    </section>
  )
}

/** The episode page's header: artwork, show, episode number, title (the page's h1), date and length. */
export function EpisodeHeader({ episode }: { episode: Episode }): ReactNode {
  const facts: ReactNode[] = []
  if (episode.number !== undefined) facts.push(<span key="number">Episode {episode.number}</span>)
  if (episode.published !== undefined) facts.push(<Published key="date" date={episode.published} />)
  if (episode.duration !== undefined) facts.push(<span key="length">{formatLength(episode.duration)}</span>)
  return (
    <div className="demo-episode">
      <div className="demo-episode__head">
        {episode.image === undefined ? null : (
          // The artwork repeats the show's name, which the text beside it says: decorative here.
          <img className="demo-episode__art" src={episode.image} alt="" width={300} height={300} />
        )}
        <div>
          {episode.show === undefined ? null : <p className="demo-show">{episode.show}</p>}
          <h1>{episode.title}</h1>
          {facts.length === 0 ? null : <p className="demo-facts">{facts}</p>}
        </div>
      </div>
    </div>
  )
}

/**
 * The header's room while the episode loads: the artwork's box, the show's and the facts' lines (empty)
 * and the h1 saying so, laid out as `EpisodeHeader`, so that nothing moves when the episode arrives.
 */
export function EpisodeHeaderPending(): ReactNode {
  return (
    <div className="demo-episode">
      <div className="demo-episode__head">
        <div className="demo-episode__art demo-episode__art--pending" />
        <div>
          <p className="demo-show">{'\u00a0'}</p>
          <h1>Loading the episode…</h1>
          <p className="demo-facts">{'\u00a0'}</p>
        </div>
      </div>
    </div>
  )
}

/**
 * A chapter link followed again: the address already ends in its `#t=`, so following it would change
 * nothing and the player (which seeks on `hashchange`) would stay where the listener moved since. The
 * fragment is dropped from the address first, so that the link's navigation changes it again.
 */
function followAgain(e: MouseEvent<HTMLAnchorElement>): void {
  if (window.location.hash !== e.currentTarget.hash) return
  window.history.replaceState(window.history.state, '', window.location.pathname + window.location.search)
}

/**
 * The chapters as links to their moments (`#t=187`): the player seeks to a link followed in the page.
 * The one playing (`current`: its start, from the player's `onChapterChange`) is marked `aria-current`.
 */
export function ChapterList({
  chapters,
  current = null,
}: {
  chapters: readonly Chapter[]
  current?: number | null
}): ReactNode {
  return (
    <section className="demo-section" aria-labelledby="demo-chapters">
      <h2 id="demo-chapters">Chapters</h2>
      <ol className="demo-chapters">
        {chapters.map((chapter) => (
          <li key={chapter.start}>
            <a
              href={formatQuoteLink('', { start: chapter.start })}
              onClick={followAgain}
              aria-current={chapter.start === current ? 'true' : undefined}
            >
              <span className="demo-chapters__time">{formatTimestamp(chapter.start)}</span>{' '}
              <span className="demo-chapters__title">{chapter.title}</span>
            </a>
          </li>
        ))}
      </ol>
    </section>
  )
}

/** Roles as a listing names them: "host" is "Host". */
function roleName(role: string): string {
  return role.charAt(0).toUpperCase() + role.slice(1)
}

/** The episode's people: avatar, name (a link to their page when the feed gives one) and role. */
export function SpeakerList({ persons }: { persons: readonly Person[] }): ReactNode {
  return (
    <section className="demo-section" aria-labelledby="demo-speakers">
      <h2 id="demo-speakers">Speakers</h2>
      <ul className="demo-people">
        {persons.map((person) => (
          <li key={`${person.name} ${person.role}`} className="demo-person">
            {person.img === undefined ? (
              <span className="demo-person__avatar demo-person__avatar--initials" aria-hidden="true">
                {person.name.charAt(0)}
              </span>
            ) : (
              <img className="demo-person__avatar" src={person.img} alt="" width={48} height={48} />
            )}
            <span className="demo-person__text">
              <span className="demo-person__name">
                {person.href === undefined ? person.name : <a href={person.href}>{person.name}</a>}
              </span>
              <span className="demo-person__role">{roleName(person.role)}</span>
            </span>
          </li>
        ))}
      </ul>
    </section>
  )
}
