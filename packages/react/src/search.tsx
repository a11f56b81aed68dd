import { matchCountText } from '@castline/dom'
import { type KeyboardEvent, type ReactNode, useCallback, useId } from 'react'
import { useCastlineApi, useCastlineStore, useLocale } from './hooks.js'

/** Props of `<TranscriptSearch>`. */
export interface TranscriptSearchProps {
  /** Accessible name of the field (default "Search transcript"). */
  label?: string
  /** Placeholder text of the field (default "Search transcript"). */
  placeholder?: string
  /** Extra class names (it always has `castline castline-search`). */
  className?: string
}

export { matchCountText } from '@castline/dom'

/**
 * Search over the whole transcript model (find-in-page cannot see the lines a virtualized list has not
 * rendered). Typing moves to the first match at or after the spoken line; Enter / Shift+Enter and the
 * buttons step through matches, scrolling to each (which detaches follow mode); Escape clears.
 */
export function TranscriptSearch(props: TranscriptSearchProps): ReactNode {
  const { registerSearchInput } = useCastlineApi()
  const { query, matches, current, setQuery, next, previous, clear } = useCastlineStore('search')
  const locale = useLocale()
  const label = props.label ?? locale.labels.search
  const countId = useId()
  const className =
    props.className === undefined ? 'castline castline-search' : `castline castline-search ${props.className}`
  const inputRef = useCallback(
    (el: HTMLInputElement | null) => registerSearchInput(el),
    [registerSearchInput],
  )

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') {
      e.preventDefault()
      if (e.shiftKey) previous()
      else next()
    } else if (e.key === 'Escape') {
      // Clearing an empty field leaves Escape to whoever else wants it (a dialog, the player).
      if (query === '') return
      e.preventDefault()
      e.stopPropagation()
      clear()
    }
  }

  const none = matches.length === 0
  return (
    // biome-ignore lint/a11y/useSemanticElements: <search> has no role in browsers before 2023; role="search" works everywhere
    <div className={className} role="search">
      <input
        ref={inputRef}
        type="search"
        className="castline-search__input"
        aria-label={label}
        aria-describedby={countId}
        placeholder={props.placeholder ?? locale.labels.search}
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={onKeyDown}
        autoComplete="off"
        spellCheck={false}
      />
      <span id={countId} className="castline-search__count" role="status">
        {matchCountText(query, current, matches.length, locale)}
      </span>
      <button type="button" className="castline-search__button" onClick={previous} disabled={none}>
        <span aria-hidden="true">{'\u2191'}</span>
        <span className="castline-visually-hidden">{locale.labels.previousMatch}</span>
      </button>
      <button type="button" className="castline-search__button" onClick={next} disabled={none}>
        <span aria-hidden="true">{'\u2193'}</span>
        <span className="castline-visually-hidden">{locale.labels.nextMatch}</span>
      </button>
    </div>
  )
}
