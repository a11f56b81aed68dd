import {
  DOWNLOAD_FORMATS,
  downloadFormatLabel,
  type Labels,
  type TakeAwayAction,
  takeAway,
} from '@castline/dom'
import { h, type LabelTexts, setText } from './html.js'
import type { CastlineSession } from './session.js'

/**
 * The player's transcript menu, as React's `TranscriptMenu` renders it: a `<details>` ("Transcript")
 * with Copy all, Copy with timestamps, Print and Download as Text, WebVTT, SRT or JSON (`takeAway` of
 * `@castline/dom`), the outcome in a status line, a failure in an alert. Hidden until the session's
 * transcript is ready. `title` gives the episode's title that names the downloaded files.
 */
export function buildTranscriptMenu(doc: Document, title: () => string | null, t: LabelTexts) {
  const status = h(doc, 'p', { class: 'castline-takeaway__status', role: 'status' })
  // An alert is announced as it is inserted: it is in the menu only while it holds a failure.
  const error = h(doc, 'p', { class: 'castline-takeaway__error', role: 'alert' })
  const buttons: [HTMLButtonElement, TakeAwayAction][] = []
  const item = (action: TakeAwayAction, text: Node, name?: (labels: Labels) => string) => {
    const button = h(doc, 'button', { type: 'button' }, text)
    if (name !== undefined) t.attr(button, 'aria-label', name)
    if (action !== 'copy' && action !== 'copy-timestamps' && action !== 'print')
      button.dataset.format = action
    buttons.push([button, action])
    return h(doc, 'li', {}, button)
  }
  const details = h(
    doc,
    'details',
    { class: 'castline castline-takeaway', part: 'takeaway', hidden: true },
    h(
      doc,
      'summary',
      {},
      t.text(doc, (l) => l.transcript),
    ),
    h(
      doc,
      'div',
      { class: 'castline-takeaway__panel' },
      // Rows of buttons, not lists: the transcript's lines are the player's list items.
      h(
        doc,
        'div',
        { class: 'castline-takeaway__actions' },
        item(
          'copy',
          t.text(doc, (l) => l.copyAll),
        ),
        item(
          'copy-timestamps',
          t.text(doc, (l) => l.copyWithTimestamps),
        ),
        item(
          'print',
          t.text(doc, (l) => l.print),
        ),
      ),
      h(
        doc,
        'fieldset',
        { class: 'castline-takeaway__actions' },
        h(
          doc,
          'legend',
          { class: 'castline-takeaway__heading' },
          t.text(doc, (l) => l.download),
        ),
        ...DOWNLOAD_FORMATS.map((f) =>
          item(
            f.format,
            t.text(doc, (l) => downloadFormatLabel(f, l)),
            (l) => l.downloadAs(downloadFormatLabel(f, l)),
          ),
        ),
      ),
      status,
    ),
  )

  /** Listens to the buttons and follows the session's transcript. Returns the cleanup. */
  const connect = (session: CastlineSession): (() => void) => {
    const offs = buttons.map(([button, action]) => {
      const onClick = () => {
        const transcript = session.ready()
        if (transcript === null) return
        void takeAway(transcript, action, {
          title: title() ?? undefined,
          document: doc,
          labels: session.locale.labels,
        }).then((result) => {
          setText(status, result.ok ? result.message : '')
          setText(error, result.message)
          if (result.ok) error.remove()
          else status.after(error)
        })
      }
      button.addEventListener('click', onClick)
      return () => button.removeEventListener('click', onClick)
    })
    const show = () => {
      details.hidden = session.ready() === null
    }
    offs.push(session.on('transcript', show))
    show()
    return () => {
      for (const off of offs) off()
    }
  }
  return { details, connect }
}
