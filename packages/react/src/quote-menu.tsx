import type { Cue } from '@castline/core'
import { copyText, formatQuote, QuoteMenu, quoteLink } from '@castline/dom'
import { type ReactNode, type RefObject, useEffect, useState, useSyncExternalStore } from 'react'
import { useLocale } from './hooks.js'

const none = () => null

interface QuoteMenuProps {
  cues: readonly Cue[]
  /** The list's viewport: the selection is read in its list, the menu placed in its parent (the region). */
  viewport: RefObject<HTMLDivElement | null>
  /** The episode's title, in the copied quote. */
  episodeTitle?: string | undefined
}

/**
 * "Copy quote" and "Copy link" for text selected in the transcript: a `QuoteMenu` (`@castline/dom`) says
 * what is selected and where; this renders it, floating under the selection, after the list in tab order.
 */
export function QuoteMenuView({ cues, viewport, episodeTitle }: QuoteMenuProps): ReactNode {
  const [menu] = useState(() => new QuoteMenu({ cues }))
  const { labels } = useLocale()
  menu.setOptions({ cues })
  const snapshot = useSyncExternalStore(menu.subscribe, menu.getSnapshot, none)
  // What the last copy did, for the live region: '' while nothing was copied since the menu opened.
  const [status, setStatus] = useState<{ text: string; failed: boolean }>({ text: '', failed: false })
  useEffect(() => {
    const el = viewport.current
    const list = el?.firstElementChild
    if (el == null || list == null || el.parentElement === null) return
    return menu.mount(list, el.parentElement)
  }, [menu, viewport])
  useEffect(() => {
    if (snapshot !== null) setStatus({ text: '', failed: false })
  }, [snapshot])

  const copy = (what: 'quote' | 'link') => {
    if (snapshot === null) return
    const link = quoteLink(window.location.href, snapshot.quote)
    const text = what === 'link' ? link : formatQuote(snapshot.quote, link, episodeTitle)
    copyText(text).then(
      () => setStatus({ text: what === 'link' ? labels.linkCopied : labels.quoteCopied, failed: false }),
      (err: unknown) =>
        setStatus({
          text: labels.copyFailed(err instanceof Error ? err.message : String(err)),
          failed: true,
        }),
    )
  }

  return (
    <>
      {snapshot === null ? null : (
        // A floating pair of buttons, not a form's fieldset; its mousedown keeps the selection a click
        // on a button would clear.
        // biome-ignore lint/a11y/useSemanticElements: see above
        <div
          className="castline-quote-menu"
          role="group"
          aria-label={labels.shareQuote}
          style={{ left: snapshot.x, top: snapshot.y }}
          onMouseDown={(e) => e.preventDefault()}
        >
          <button type="button" className="castline-quote-menu__button" onClick={() => copy('quote')}>
            {labels.copyQuote}
          </button>
          <button type="button" className="castline-quote-menu__button" onClick={() => copy('link')}>
            {labels.copyLink}
          </button>
        </div>
      )}
      <p className="castline-visually-hidden" aria-live={status.failed ? 'assertive' : 'polite'}>
        {status.text !== '' ? status.text : snapshot === null ? '' : labels.quoteHint}
      </p>
    </>
  )
}
