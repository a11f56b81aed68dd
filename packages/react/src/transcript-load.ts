import { type ParseOptions, type ParseWarning, type Transcript, TranscriptParseError } from '@castline/core'
import type { decodeTranscript, parseTranscript } from '@castline/core/formats'
import { useEffect, useMemo, useRef, useState } from 'react'

/** Reads a transcript's text: `parseVtt` from `@castline/core/vtt`, or any function of the text. */
export type TranscriptParser = (source: string, options: ParseOptions) => Transcript

/** The all-formats entry's reader and decoder (`@castline/core/formats`). */
export interface AllFormats {
  parseTranscript: typeof parseTranscript
  decodeTranscript: typeof decodeTranscript
}

/** The all-formats entry at hand (imported), or how to load it (a dynamic import, kept out of the bundle). */
export type FormatsSource = AllFormats | (() => Promise<AllFormats>)

/** What a provider accepts as its transcript: the source text, a parsed transcript, or where to fetch it. */
export type TranscriptInput = string | Transcript | { url: string }

/** Where loading the transcript stands. */
export type TranscriptLoad =
  | { status: 'loading'; transcript: null; error: null }
  | { status: 'ready'; transcript: Transcript; error: null }
  | { status: 'error'; transcript: null; error: TranscriptLoadError }

/** Why a transcript could not be shown: a parse error (with its format and line) or a failed fetch. */
export class TranscriptLoadError extends Error {
  override name = 'TranscriptLoadError'
  /** The HTTP status when a fetched transcript came back with an error status. */
  readonly status: number | undefined
  /** The parse error when the source is not a transcript. */
  override readonly cause: unknown

  constructor(message: string, options: { status?: number; cause?: unknown } = {}) {
    super(message)
    this.status = options.status
    this.cause = options.cause
  }
}

const LOADING: TranscriptLoad = { status: 'loading', transcript: null, error: null }

function isUrlInput(input: TranscriptInput): input is { url: string } {
  return typeof input === 'object' && input !== null && 'url' in input && typeof input.url === 'string'
}

function toLoadError(err: unknown, where: string): TranscriptLoadError {
  if (err instanceof TranscriptLoadError) return err
  if (err instanceof TranscriptParseError) return new TranscriptLoadError(err.message, { cause: err })
  const message = err instanceof Error ? err.message : String(err)
  return new TranscriptLoadError(`Could not read the transcript${where}: ${message}`, { cause: err })
}

/** Parses `source` with `read` into a load state; `decoded` (the warnings from decoding its bytes) go first in its warnings. */
function parseToLoad(
  read: TranscriptParser,
  source: string,
  duration: number | undefined,
  hint: { fileName?: string; mimeType?: string },
  decoded: ParseWarning[] = [],
): TranscriptLoad {
  try {
    const options: ParseOptions = { ...hint }
    if (duration !== undefined) options.duration = duration
    const transcript = read(source, options)
    transcript.warnings.unshift(...decoded)
    return { status: 'ready', transcript, error: null } as const
  } catch (err) {
    return { status: 'error', transcript: null, error: toLoadError(err, '') } as const
  }
}

/**
 * Turns the provider's `transcript` prop into a load state: strings are parsed once per distinct string
 * (memoised on the text, so a re-render never re-parses), objects are used as they are, and `{ url }` is
 * fetched (aborted when the url changes or the provider unmounts) and its bytes decoded by
 * `decodeTranscript` with the response's Content-Type charset, the decoding warnings put first in the
 * transcript's. Text is read with `parse` when given, else with the all-formats `parseTranscript`
 * (`formats`, loaded first when it is a loader). Never throws.
 */
export function useTranscriptLoad(
  input: TranscriptInput,
  duration: number | undefined,
  parse: TranscriptParser | undefined,
  formats: FormatsSource,
): TranscriptLoad {
  const url = isUrlInput(input) ? input.url : null
  const text = typeof input === 'string' ? input : null
  const object = url === null && text === null ? (input as Transcript) : null
  // Read when the text changes, with the parser of that render: an inline function does not re-read.
  const parser = useRef(parse)
  parser.current = parse

  // The all-formats entry, when it is loaded on demand: only for text without a parser of its own.
  const [loaded, setLoaded] = useState<AllFormats | TranscriptLoad | null>(null)
  const needsFormats = text !== null && parse === undefined && typeof formats === 'function'
  useEffect(() => {
    if (!needsFormats || typeof formats !== 'function') return
    let live = true
    formats().then(
      (all) => live && setLoaded(all),
      (err: unknown) => live && setLoaded({ status: 'error', transcript: null, error: toLoadError(err, '') }),
    )
    return () => {
      live = false
    }
  }, [needsFormats, formats])
  const all =
    typeof formats === 'function' ? (loaded !== null && 'parseTranscript' in loaded ? loaded : null) : formats

  const parsed = useMemo((): TranscriptLoad | null => {
    if (text === null) return null
    const read = parser.current ?? all?.parseTranscript
    if (read !== undefined) return parseToLoad(read, text, duration, {})
    return loaded !== null && 'status' in loaded ? loaded : LOADING
  }, [text, duration, all, loaded])

  const given = useMemo(
    (): TranscriptLoad | null =>
      object === null ? null : { status: 'ready', transcript: object, error: null },
    [object],
  )

  const [fetched, setFetched] = useState<{ url: string; load: TranscriptLoad } | null>(null)
  useEffect(() => {
    if (url === null) return
    const controller = new AbortController()
    const settle = (load: TranscriptLoad) => {
      if (!controller.signal.aborted) setFetched({ url, load })
    }
    fetch(url, { signal: controller.signal })
      .then(async (res) => {
        if (!res.ok) {
          const reason = `${res.status}${res.statusText ? ` ${res.statusText}` : ''}`
          throw new TranscriptLoadError(`Could not load the transcript ${url}: HTTP ${reason}`, {
            status: res.status,
          })
        }
        // Bytes, not res.text(): that reads UTF-8 whatever the file is, and a UTF-16 or Windows-1252
        // transcript would fail to parse or lose its accented letters to U+FFFD.
        const bytes = await res.arrayBuffer()
        const type = res.headers.get('content-type')
        const all = typeof formats === 'function' ? await formats() : formats
        const { text, warnings } = all.decodeTranscript(bytes, { charset: type })
        const hint: { fileName?: string; mimeType?: string } = { fileName: url }
        if (type) hint.mimeType = type.split(';')[0]!.trim()
        settle(parseToLoad(parser.current ?? all.parseTranscript, text, duration, hint, warnings))
      })
      .catch((err: unknown) => {
        if (controller.signal.aborted) return
        settle({ status: 'error', transcript: null, error: toLoadError(err, ` ${url}`) })
      })
    return () => controller.abort()
  }, [url, duration, formats])

  if (parsed !== null) return parsed
  if (given !== null) return given
  // A result for another url (the prop just changed) does not count: we are loading the new one.
  if (fetched !== null && fetched.url === url) return fetched.load
  return LOADING
}
