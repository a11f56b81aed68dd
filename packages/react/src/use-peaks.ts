import { type Peaks, parsePeaks } from '@castline/core/peaks'
import { useEffect, useMemo, useState } from 'react'

/** What `<Waveform peaks>` accepts: parsed peaks, a `.json`/`.dat` URL to fetch, or a file's bytes. */
export type PeaksInput = Peaks | string | ArrayBuffer

/** Where resolving the peaks stands. `none`: no peaks were given (wavesurfer decodes the audio itself). */
export type PeaksLoad =
  | { status: 'none'; peaks: null; error: null }
  | { status: 'loading'; peaks: null; error: null }
  | { status: 'ready'; peaks: Peaks; error: null }
  | { status: 'error'; peaks: null; error: Error }

const NONE: PeaksLoad = { status: 'none', peaks: null, error: null }
const LOADING: PeaksLoad = { status: 'loading', peaks: null, error: null }

function settle(parse: () => Peaks): PeaksLoad {
  try {
    return { status: 'ready', peaks: parse(), error: null }
  } catch (err) {
    return { status: 'error', peaks: null, error: err instanceof Error ? err : new Error(String(err)) }
  }
}

/**
 * Turns `<Waveform peaks>` into a load state: parsed peaks as they are, bytes parsed once per buffer,
 * a URL fetched (aborted when it changes or the component unmounts). Never throws.
 */
export function usePeaks(input: PeaksInput | undefined): PeaksLoad {
  const url = typeof input === 'string' ? input : null
  const buffer = input instanceof ArrayBuffer ? input : null
  const given = url === null && buffer === null && input !== undefined ? (input as Peaks) : null

  const parsed = useMemo(() => (buffer === null ? null : settle(() => parsePeaks(buffer))), [buffer])
  const ready = useMemo(
    (): PeaksLoad | null => (given === null ? null : { status: 'ready', peaks: given, error: null }),
    [given],
  )

  const [fetched, setFetched] = useState<{ url: string; load: PeaksLoad } | null>(null)
  useEffect(() => {
    if (url === null) return
    const controller = new AbortController()
    fetch(url, { signal: controller.signal })
      .then(async (res) => {
        if (!res.ok) throw new Error(`Could not load the peaks ${url}: HTTP ${res.status}`)
        // parsePeaks tells JSON from `.dat` by the first byte, whatever the URL or the server says.
        const bytes = await res.arrayBuffer()
        return settle(() => parsePeaks(bytes))
      })
      .catch((err: unknown): PeaksLoad => {
        const error = err instanceof Error ? err : new Error(String(err))
        return { status: 'error', peaks: null, error }
      })
      .then((load) => {
        if (!controller.signal.aborted) setFetched({ url, load })
      })
    return () => controller.abort()
  }, [url])

  if (input === undefined) return NONE
  if (parsed !== null) return parsed
  if (ready !== null) return ready
  if (fetched !== null && fetched.url === url) return fetched.load
  return LOADING
}
