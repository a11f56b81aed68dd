import { type ChangeEvent, type DragEvent, type FormEvent, type ReactNode, useId, useState } from 'react'
import type { Episode } from './episode.js'
import {
  AUDIO_ACCEPT,
  type ChosenFiles,
  classifyFile,
  OpenError,
  openFiles,
  PEAKS_ACCEPT,
  TRANSCRIPT_ACCEPT,
} from './open-files.js'

/** Props of the "Open your own" panel. */
export interface OpenYourOwnProps {
  /** Called with the episode made from the user's files. */
  onOpen(episode: Episode): void
}

const EMPTY: ChosenFiles = { audio: null, transcript: null, peaks: null }

/**
 * "Open your own": pick or drop an audio file and a transcript (txt, vtt, srt, json, html), optionally a
 * peaks file, and play them here. Files stay in the browser (blob: URLs).
 */
export function OpenYourOwn({ onOpen }: OpenYourOwnProps): ReactNode {
  const [files, setFiles] = useState<ChosenFiles>(EMPTY)
  const [status, setStatus] = useState('')
  const [error, setError] = useState('')
  const [busy, setBusy] = useState(false)
  const [dragging, setDragging] = useState(false)
  const id = useId()

  const choose = (kind: keyof ChosenFiles) => (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0] ?? null
    setFiles((prev) => ({ ...prev, [kind]: file }))
    setError('')
  }

  const onDrop = async (e: DragEvent<HTMLElement>) => {
    e.preventDefault()
    setDragging(false)
    const next = { ...files }
    const ignored: string[] = []
    for (const file of Array.from(e.dataTransfer.files)) {
      const kind = await classifyFile(file)
      if (kind === null) ignored.push(file.name)
      else next[kind] = file
    }
    setFiles(next)
    setError(ignored.length === 0 ? '' : `Not an audio, transcript or peaks file: ${ignored.join(', ')}.`)
  }

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault()
    const { audio, transcript } = files
    if (audio === null || transcript === null) {
      setError('Choose an audio file and a transcript first.')
      return
    }
    setBusy(true)
    setError('')
    setStatus('Opening your files…')
    try {
      onOpen(await openFiles({ ...files, audio, transcript }, setStatus))
      setStatus('')
    } catch (err) {
      setStatus('')
      setError(err instanceof OpenError ? err.message : `Could not open the files: ${String(err)}`)
    } finally {
      setBusy(false)
    }
  }

  const ready = files.audio !== null && files.transcript !== null
  return (
    <section className="demo-own" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Your files</h2>
      <p>
        Play any episode with its transcript (WebVTT, SRT, podcast JSON or HTML, or timestamped text). Your
        files stay in this browser.
      </p>
      <form
        className={dragging ? 'demo-drop demo-drop--over' : 'demo-drop'}
        onSubmit={onSubmit}
        onDragEnter={(e) => {
          e.preventDefault()
          setDragging(true)
        }}
        onDragOver={(e) => e.preventDefault()}
        onDragLeave={(e) => {
          if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDragging(false)
        }}
        onDrop={onDrop}
      >
        <p className="demo-drop__hint">Drop the files here, or choose them:</p>
        <FileField label="Audio file" accept={AUDIO_ACCEPT} file={files.audio} onChange={choose('audio')} />
        <FileField
          label="Transcript file"
          accept={TRANSCRIPT_ACCEPT}
          file={files.transcript}
          onChange={choose('transcript')}
        />
        <FileField
          label="Peaks file (optional)"
          accept={PEAKS_ACCEPT}
          file={files.peaks}
          onChange={choose('peaks')}
        />
        <button type="submit" className="demo-button" disabled={busy || !ready}>
          Play these files
        </button>
        <p className="demo-own__status" role="status">
          {status}
        </p>
        {error === '' ? null : (
          <p className="demo-own__error" role="alert">
            {error}
          </p>
        )}
      </form>
    </section>
  )
}

interface FileFieldProps {
  label: string
  accept: string
  file: File | null
  onChange(e: ChangeEvent<HTMLInputElement>): void
}

function FileField({ label, accept, file, onChange }: FileFieldProps): ReactNode {
  const id = useId()
  return (
    <div className="demo-file">
      <label htmlFor={id}>{label}</label>
      <input id={id} type="file" accept={accept} onChange={onChange} aria-describedby={`${id}-chosen`} />
      <span id={`${id}-chosen`} className="demo-file__chosen">
        {file === null ? null : `Chosen: ${file.name}`}
      </span>
    </div>
  )
}
