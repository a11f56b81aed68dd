import type { Cue, SearchMatch, SyncController, SyncSnapshot } from '@castline/core'
import type { Chapter } from '@castline/core/chapters'
import {
  estimateToken,
  type LocaleText,
  markAvatarBroken,
  type SpeakerInfo,
  speakerAvatar,
  splitPieces,
  type TextToken,
  tokenizeCue,
} from '@castline/dom'
import {
  Fragment,
  memo,
  type ReactNode,
  type RefObject,
  useCallback,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
} from 'react'
import { useControllerState } from './hooks.js'

/** What every line may ask of the list. One object for the list's lifetime, so rows stay memoised. */
export interface LineActions {
  /** A click on the line (or Enter/Space on its timestamp): seek to the line's start. */
  seekToCue(index: number): void
  /** A click on a timed word: seek to it. */
  seekTo(seconds: number): void
  /** "Copy link to this line". */
  copyLink(index: number): Promise<void> | void
  /** The active line's spoken word moved to `element` (the list keeps it in view for very tall lines). */
  spokenWordMoved(index: number, element: HTMLElement): void
}

/** Props of one transcript line. Everything is stable while the line's own state is unchanged. */
export interface LineProps {
  /** Position in `transcript.cues`. */
  index: number
  /** The line itself (rendered as text only). */
  cue: Cue
  /** How many lines the transcript has (`aria-setsize`). */
  setSize: number
  /** First line of a run by the same speaker: show the name. */
  speakerStart: boolean
  /** Who speaks (`resolveSpeakers`): the name, role, avatar and colour shown when `speakerStart`. */
  speaker?: SpeakerInfo | undefined
  /** The provider's controller: the line subscribes to "am I active?" and, while active, to frames. */
  controller: SyncController
  /** The list's handlers, one object for the list's life. */
  actions: LineActions
  /** The virtualizer's measuring ref. */
  measureRef: (element: HTMLLIElement | null) => void
  /** This line's timestamp is the list's one tab stop (roving tabindex). */
  tabStop: boolean
  /** Search matches in this line. */
  matches: readonly SearchMatch[] | undefined
  /** `start` of the current search match when it is in this line; -1 otherwise. */
  currentMatchStart: number
  /** The chapter this line is the first line of: its title is a heading above the line's text. */
  chapter?: Chapter | undefined
  /** The level of that heading (default 3). */
  chapterHeadingLevel?: 2 | 3 | 4 | 5 | 6 | undefined
  /** The "Ad break" row before this line ("Ad break · 1:00"), when an inserted ad break sits here. */
  adBreak?: string | undefined
  /** True while that ad break plays: the row is highlighted instead of a line. */
  adBreakCurrent?: boolean | undefined
  /** The UI's locale: the timestamp's digits and the copy button's words (the same object while unchanged). */
  locale: LocaleText
}

/**
 * @internal A hook for render-count tests: called on every render of a line with its index, and whether it
 * is the first render of this row element (a row mounted as it scrolls into view) or a re-render. Not part
 * of the public API (not exported from the package entry).
 */
export const lineRenderProbe: { current: ((index: number, mount: boolean) => void) | null } = {
  current: null,
}

/** The active line's progress and spoken word, written to the DOM on every frame without React state. */
function useSpokenWord(
  active: boolean,
  index: number,
  cue: Cue,
  tokens: readonly TextToken[] | null,
  controller: SyncController,
  actions: LineActions,
  rowRef: RefObject<HTMLLIElement | null>,
  textRef: RefObject<HTMLSpanElement | null>,
): void {
  useEffect(() => {
    const row = rowRef.current
    const text = textRef.current
    if (!active || tokens === null || row === null || text === null) return
    const spans = text.querySelectorAll<HTMLElement>('[data-token]')
    const tokenOfWord = new Map<number, number>()
    tokens.forEach((t, i) => {
      if (t.word >= 0) tokenOfWord.set(t.word, i)
    })
    const timed = tokenOfWord.size > 0
    let shown = -1
    const show = (token: number) => {
      if (token === shown) return
      if (shown >= 0) {
        const old = spans[shown]
        old?.classList.remove('castline-word--spoken')
        old?.removeAttribute('data-spoken')
      }
      shown = token
      const el = token >= 0 ? spans[token] : undefined
      if (el === undefined) return
      el.classList.add('castline-word--spoken')
      el.setAttribute('data-spoken', '')
      actions.spokenWordMoved(index, el)
    }
    // A frame whose tick changed the snapshot reaches `update` twice (the change, then the frame) with the
    // same time: the second call has nothing to do.
    let lastTime = Number.NaN
    let lastSnapshot: SyncSnapshot | null = null
    const update = (time: number) => {
      const current = controller.getSnapshot()
      if (Object.is(time, lastTime) && current === lastSnapshot) return
      lastTime = time
      lastSnapshot = current
      const span = cue.end - cue.start
      const progress = span > 0 ? Math.min(1, Math.max(0, (time - cue.start) / span)) : 1
      row.style.setProperty('--castline-progress', progress.toFixed(4))
      if (timed) {
        // Between two timed words the last one stays lit rather than flickering off.
        if (current.cueIndex === index && current.wordIndex >= 0)
          show(tokenOfWord.get(current.wordIndex) ?? shown)
      } else {
        show(estimateToken(tokens, cue.text.length, cue, time))
      }
    }
    update(controller.getTime())
    const offFrame = controller.subscribeFrame(update)
    // Paused seeks produce no frames: follow snapshot changes too.
    const offChange = controller.subscribe(() => update(controller.getTime()))
    return () => {
      offFrame()
      offChange()
      row.style.removeProperty('--castline-progress')
      if (shown >= 0) spans[shown]?.classList.remove('castline-word--spoken')
    }
  }, [active, index, cue, tokens, controller, actions, rowRef, textRef])
}

function renderText(
  cue: Cue,
  tokens: readonly TextToken[] | null,
  matches: readonly SearchMatch[] | undefined,
  currentMatchStart: number,
): ReactNode {
  const text = cue.text
  if (tokens === null && matches === undefined) return text
  const pieces = splitPieces(text.length, tokens, matches, currentMatchStart)
  const out: ReactNode[] = []
  let i = 0
  while (i < pieces.length) {
    const piece = pieces[i]!
    if (piece.token < 0) {
      out.push(renderPiece(text, piece.start, piece.end, piece.match, `p${piece.start}`))
      i++
      continue
    }
    // Gather the pieces of one word into its span.
    const token = piece.token
    const inner: ReactNode[] = []
    while (i < pieces.length && pieces[i]!.token === token) {
      const p = pieces[i]!
      inner.push(renderPiece(text, p.start, p.end, p.match, `p${p.start}`))
      i++
    }
    const word = tokens?.[token]?.word ?? -1
    out.push(
      <span
        key={`w${token}`}
        className="castline-word"
        data-token={token}
        data-word={word >= 0 ? word : undefined}
      >
        {inner}
      </span>,
    )
  }
  return out
}

function renderPiece(
  text: string,
  start: number,
  end: number,
  match: 'none' | 'match' | 'current',
  key: string,
) {
  const slice = text.slice(start, end)
  if (match === 'none') return <Fragment key={key}>{slice}</Fragment>
  return (
    <mark
      key={key}
      className={match === 'current' ? 'castline-match castline-match--current' : 'castline-match'}
    >
      {slice}
    </mark>
  )
}

/** A speaker's picture: lazy, `alt=""` (the name is beside it); when it fails to load, the initials. */
function AvatarImage({ src, initials }: { src: string; initials: string }): ReactNode {
  const [broken, setBroken] = useState(false)
  if (broken) return <AvatarInitials initials={initials} />
  return (
    <img
      className="castline-line__avatar"
      src={src}
      alt=""
      width={18}
      height={18}
      loading="lazy"
      decoding="async"
      onError={() => {
        // Remembered in @castline/dom: rows rendered later show the initials at once.
        markAvatarBroken(src)
        setBroken(true)
      }}
    />
  )
}

function AvatarInitials({ initials }: { initials: string }): ReactNode {
  return (
    <span className="castline-line__avatar castline-line__avatar--initials" aria-hidden="true">
      {initials}
    </span>
  )
}

/**
 * The speaker at a change of speaker: the avatar (`speakerAvatar`: the picture, or initials), the name in
 * the speaker's colour and the role, as text. Without a resolved speaker, the label alone.
 */
export function SpeakerLabel({
  id,
  label,
  speaker,
}: {
  id?: string | undefined
  label: string
  speaker: SpeakerInfo | undefined
}): ReactNode {
  if (speaker === undefined) {
    return (
      <span id={id} className="castline-line__speaker">
        {label}
      </span>
    )
  }
  const avatar = speakerAvatar(speaker)
  return (
    <span id={id} className={`castline-line__speaker castline-speaker-${speaker.color}`}>
      {avatar === null ? null : 'img' in avatar ? (
        <AvatarImage key={avatar.img} src={avatar.img} initials={speaker.initials} />
      ) : (
        <AvatarInitials initials={avatar.initials} />
      )}
      <span className="castline-line__speaker-name">{speaker.name}</span>
      {speaker.role === undefined ? null : <span className="castline-line__role">{speaker.role}</span>}
    </span>
  )
}

/**
 * One transcript line (a listitem). It subscribes to "am I the active line?" only, so a cue change
 * re-renders the old and the new active line and nothing else; the spoken word moves without renders.
 * Text is always rendered as text nodes: never HTML.
 */
export const Line = memo(function Line(props: LineProps): ReactNode {
  const {
    index,
    cue,
    setSize,
    speakerStart,
    speaker,
    controller,
    actions,
    measureRef,
    tabStop,
    matches,
    currentMatchStart,
    chapter,
    chapterHeadingLevel,
    adBreak,
    adBreakCurrent,
    locale,
  } = props
  const ChapterHeading = `h${chapterHeadingLevel ?? 3}` as const
  // Set once, on the first render (a render React discards takes its refs with it): no effect per row.
  const rendered = useRef(false)
  const mount = !rendered.current
  rendered.current = true
  lineRenderProbe.current?.(index, mount)
  const selectActive = useCallback((s: SyncSnapshot) => s.cueIndex === index, [index])
  const active = useControllerState(controller, selectActive)
  const tokens = useMemo(() => (active ? tokenizeCue(cue) : null), [active, cue])
  const rowRef = useRef<HTMLLIElement | null>(null)
  const textRef = useRef<HTMLSpanElement | null>(null)
  useSpokenWord(active, index, cue, tokens, controller, actions, rowRef, textRef)

  const [copied, setCopied] = useState(false)
  useEffect(() => {
    if (!copied) return
    const timer = setTimeout(() => setCopied(false), 1500)
    return () => clearTimeout(timer)
  }, [copied])

  const setRow = useCallback(
    (el: HTMLLIElement | null) => {
      rowRef.current = el
      measureRef(el)
    },
    [measureRef],
  )
  const textId = useId()
  const time = locale.format.clock(cue.start)
  const showSpeaker = speakerStart && cue.speaker !== undefined && cue.speaker !== ''

  let className = 'castline-line'
  if (active) className += ' castline-line--active'
  if (showSpeaker) className += ' castline-line--speaker-start'
  if (tabStop) className += ' castline-line--focused'

  return (
    <li
      ref={setRow}
      className={className}
      data-index={index}
      aria-setsize={setSize}
      aria-posinset={index + 1}
      aria-current={active ? 'true' : undefined}
    >
      {adBreak === undefined ? null : (
        // Not a line: no button, no tab stop; a row of text that says where the audio has an ad.
        <p
          className={adBreakCurrent ? 'castline-line__ad castline-line__ad--current' : 'castline-line__ad'}
          aria-current={adBreakCurrent ? 'true' : undefined}
        >
          {adBreak}
        </p>
      )}
      {chapter === undefined ? null : (
        <ChapterHeading className="castline-line__chapter">{chapter.title}</ChapterHeading>
      )}
      <button
        type="button"
        className="castline-line__time"
        tabIndex={tabStop ? 0 : -1}
        aria-describedby={showSpeaker ? `${textId}-speaker ${textId}` : textId}
        data-castline-seek=""
      >
        {time}
      </button>
      <span className="castline-line__body">
        {showSpeaker ? (
          <SpeakerLabel id={`${textId}-speaker`} label={cue.speaker!} speaker={speaker} />
        ) : null}
        <span ref={textRef} id={textId} className="castline-line__text">
          {renderText(cue, tokens, matches, currentMatchStart)}
        </span>
      </span>
      <button
        type="button"
        className="castline-line__copy"
        tabIndex={-1}
        aria-label={copied ? locale.labels.copiedLinkTo(time) : locale.labels.copyLinkTo(time)}
        onClick={(e) => {
          e.stopPropagation()
          Promise.resolve(actions.copyLink(index)).then(
            () => setCopied(true),
            () => {},
          )
        }}
      >
        {copied ? locale.labels.copied : locale.labels.copyLink}
      </button>
    </li>
  )
})
