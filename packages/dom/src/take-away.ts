import { formatTimestamp, type Transcript } from '@castline/core'
import { en, type Labels } from './labels.js'

/**
 * Taking the transcript away: the text that "Copy all" puts on the clipboard, and the files "Download"
 * saves (written by core's `formatTranscript`, so that a download reads back with `parseTranscript` as
 * the same cues). Shared by both renderers' transcript menus.
 */

/** The formats offered for download: core's writers, minus HTML (a page, not a file to take away). */
export type DownloadFormat = 'text' | 'vtt' | 'srt' | 'json'

/** Each download format's menu label, file extension and MIME type, in menu order. */
export const DOWNLOAD_FORMATS: readonly {
  readonly format: DownloadFormat
  readonly label: string
  readonly extension: string
  readonly type: string
}[] = [
  { format: 'text', label: 'Text', extension: 'txt', type: 'text/plain;charset=utf-8' },
  { format: 'vtt', label: 'WebVTT', extension: 'vtt', type: 'text/vtt;charset=utf-8' },
  { format: 'srt', label: 'SRT', extension: 'srt', type: 'application/x-subrip;charset=utf-8' },
  { format: 'json', label: 'JSON', extension: 'json', type: 'application/json;charset=utf-8' },
]

/** A download format's name in the menu: "Text" in the listener's words, the file formats by their own names. */
export function downloadFormatLabel(
  format: (typeof DOWNLOAD_FORMATS)[number],
  labels: Labels = en.labels,
): string {
  return format.format === 'text' ? labels.plainText : format.label
}

function formatInfo(format: DownloadFormat) {
  const info = DOWNLOAD_FORMATS.find((f) => f.format === format)
  if (info === undefined) throw new TypeError(`Unknown download format: ${String(format)}`)
  return info
}

/**
 * The transcript as plain text for the clipboard: one line per cue, the speaker's name where the speaker
 * changes (a blank line between turns), and with `timestamps` each line's start (`00:01:02`) in front.
 */
export function transcriptText(transcript: Transcript, options: { timestamps?: boolean } = {}): string {
  const out: string[] = []
  let speaker: string | undefined
  for (const [i, cue] of transcript.cues.entries()) {
    const turn = cue.speaker !== undefined && (i === 0 || cue.speaker !== speaker)
    if (turn && i > 0) out.push('')
    speaker = cue.speaker
    const stamp = options.timestamps === true ? `[${formatTimestamp(cue.start, 'hms')}] ` : ''
    out.push(`${stamp}${turn ? `${cue.speaker}: ` : ''}${cue.text}`)
  }
  return out.length === 0 ? '' : `${out.join('\n')}\n`
}

/**
 * A download's file name: the episode title made safe for file systems (characters Windows and macOS
 * refuse, control characters and runs of white space become one `-`; at most 100 characters), else
 * "transcript", and the format's extension.
 */
export function downloadName(title: string | undefined, format: DownloadFormat): string {
  const base = (title ?? '')
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it removes
    .replace(/[\u0000-\u001f\u007f<>:"/\\|?*\s]+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
    .slice(0, 100)
  return `${base === '' ? 'transcript' : base}.${formatInfo(format).extension}`
}

/** A transcript file to download: its name, its text (core's writer) and a Blob of it. */
export interface TranscriptFile {
  readonly name: string
  readonly text: string
  readonly blob: Blob
}

/**
 * Writes `transcript` as `format` with core's `formatTranscript`. The writers are imported when a file is
 * first asked for (`@castline/core/formats`), so a player whose menu is never used does not load them.
 */
export async function transcriptFile(
  transcript: Transcript,
  format: DownloadFormat,
  title?: string,
): Promise<TranscriptFile> {
  const info = formatInfo(format)
  const { formatTranscript } = await import('@castline/core/formats')
  const text = formatTranscript(transcript, format)
  return { name: downloadName(title, format), text, blob: new Blob([text], { type: info.type }) }
}

/** How long an object URL handed to a download lives: long enough for every browser to start saving it. */
export const DOWNLOAD_URL_LIFETIME_MS = 10_000

/**
 * Saves `transcript` as `format`: a Blob's object URL on a temporary `<a download>` in `doc`, clicked,
 * and revoked `DOWNLOAD_URL_LIFETIME_MS` later (revoking at once cancels the download in some
 * browsers). Resolves with the file's name; rejects when the file could not be written.
 */
export async function downloadTranscript(
  transcript: Transcript,
  format: DownloadFormat,
  options: { title?: string | undefined; document?: Document | undefined } = {},
): Promise<string> {
  const file = await transcriptFile(transcript, format, options.title)
  const doc = options.document ?? document
  const url = URL.createObjectURL(file.blob)
  const a = doc.createElement('a')
  a.href = url
  a.download = file.name
  a.hidden = true
  doc.body.append(a)
  try {
    a.click()
  } finally {
    a.remove()
    setTimeout(() => URL.revokeObjectURL(url), DOWNLOAD_URL_LIFETIME_MS)
  }
  return file.name
}

/**
 * Puts `text` on the clipboard. Rejects with an `Error` saying so when the page has no clipboard (an
 * insecure origin) or the browser refused (no permission, the page not focused).
 */
export async function copyToClipboard(text: string, clipboard?: Pick<Clipboard, 'writeText'>): Promise<void> {
  const target = clipboard ?? (typeof navigator === 'undefined' ? undefined : navigator.clipboard)
  if (target === undefined) throw new Error('This page has no access to the clipboard.')
  try {
    await target.writeText(text)
  } catch (error) {
    // A DOMException is not an Error in every environment: read its message as a field.
    const reason = (error as { message?: unknown } | null)?.message
    throw new Error(`The browser did not allow copying${typeof reason === 'string' ? `: ${reason}` : '.'}`)
  }
}

/** What each take-away action tells the listener when it is done (a status message). */
export type TakeAwayAction = 'copy' | 'copy-timestamps' | DownloadFormat | 'print'

/**
 * Carries out a transcript menu action and resolves with the status message to announce ("Copied",
 * "Downloaded talk.vtt"); a failure resolves with its message too (`ok: false`), never throws, so that
 * a renderer shows it in its status line. Print opens the browser's print dialog (`window.print`), for
 * which the view renders every line (see `TranscriptView`).
 */
export async function takeAway(
  transcript: Transcript,
  action: TakeAwayAction,
  options: {
    title?: string | undefined
    document?: Document | undefined
    clipboard?: Pick<Clipboard, 'writeText'> | undefined
    /** The words of the messages (default English). */
    labels?: Labels | undefined
  } = {},
): Promise<{ ok: boolean; message: string }> {
  const labels = options.labels ?? en.labels
  try {
    if (action === 'copy' || action === 'copy-timestamps') {
      await copyToClipboard(
        transcriptText(transcript, { timestamps: action === 'copy-timestamps' }),
        options.clipboard,
      )
      return {
        ok: true,
        message: action === 'copy' ? labels.transcriptCopied : labels.transcriptCopiedWithTimestamps,
      }
    }
    if (action === 'print') {
      ;(options.document?.defaultView ?? window).print()
      return { ok: true, message: '' }
    }
    const name = await downloadTranscript(transcript, action, options)
    return { ok: true, message: labels.downloaded(name) }
  } catch (error) {
    const reason = (error as { message?: unknown } | null)?.message
    return { ok: false, message: typeof reason === 'string' ? reason : String(error) }
  }
}
