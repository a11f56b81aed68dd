import { DOWNLOAD_FORMATS, downloadFormatLabel, type TakeAwayAction, takeAway } from '@castline/dom'
import { type ReactNode, useState } from 'react'
import { useCastlineStore, useLocale } from './hooks.js'
import type { TranscriptLoad } from './transcript-load.js'

/** Props of `<TranscriptMenu>`. */
export interface TranscriptMenuProps {
  /** The episode's title: the downloaded files are named after it (default "transcript"). */
  title?: string | undefined
  /** Extra class names (it always has `castline castline-takeaway`). */
  className?: string | undefined
  /** Where copies go (default `navigator.clipboard`): for tests, or a page's own clipboard handling. */
  clipboard?: Pick<Clipboard, 'writeText'> | undefined
  /** Opens the menu at first (default closed). */
  defaultOpen?: boolean | undefined
}

const selectTranscript = (load: TranscriptLoad) => load.transcript

/**
 * The transcript's take-away menu, a disclosure ("Transcript" summary): Copy all, Copy with timestamps,
 * Download as Text, WebVTT, SRT or JSON (core's writers), and Print (the whole transcript, every line
 * rendered for it). Each action's outcome is announced in a status line; a failure (no clipboard) in an
 * alert. Shown once the transcript is loaded.
 */
export function TranscriptMenu(props: TranscriptMenuProps): ReactNode {
  const transcript = useCastlineStore('load', selectTranscript)
  const [status, setStatus] = useState<{ ok: boolean; message: string }>({ ok: true, message: '' })
  const { labels } = useLocale()
  if (transcript === null) return null
  const run = (action: TakeAwayAction) => {
    void takeAway(transcript, action, { title: props.title, clipboard: props.clipboard, labels }).then(
      setStatus,
    )
  }
  const className =
    props.className === undefined
      ? 'castline castline-takeaway'
      : `castline castline-takeaway ${props.className}`
  return (
    <details className={className} open={props.defaultOpen}>
      <summary>{labels.transcript}</summary>
      <div className="castline-takeaway__panel">
        {/* Rows of buttons, not lists: the transcript's lines are the player's list items. */}
        <div className="castline-takeaway__actions">
          <button type="button" onClick={() => run('copy')}>
            {labels.copyAll}
          </button>
          <button type="button" onClick={() => run('copy-timestamps')}>
            {labels.copyWithTimestamps}
          </button>
          <button type="button" onClick={() => run('print')}>
            {labels.print}
          </button>
        </div>
        <fieldset className="castline-takeaway__actions">
          <legend className="castline-takeaway__heading">{labels.download}</legend>
          {DOWNLOAD_FORMATS.map((f) => (
            <button
              key={f.format}
              type="button"
              data-format={f.format}
              aria-label={labels.downloadAs(downloadFormatLabel(f, labels))}
              onClick={() => run(f.format)}
            >
              {downloadFormatLabel(f, labels)}
            </button>
          ))}
        </fieldset>
        <p className="castline-takeaway__status" role="status">
          {status.ok ? status.message : ''}
        </p>
        {/* An alert is announced as it is inserted: only a failure puts one in. */}
        {status.ok ? null : (
          <p className="castline-takeaway__error" role="alert">
            {status.message}
          </p>
        )}
      </div>
    </details>
  )
}
