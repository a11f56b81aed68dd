/**
 * Reads an audio's duration from its metadata alone (a few kilobytes, no decoding), or rejects when the
 * browser cannot play it. NaN when the stream does not say (a live stream).
 */
export function probeDuration(src: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const audio = new Audio()
    audio.preload = 'metadata'
    // Release the element's connection once it has told us what we wanted.
    const release = () => {
      audio.removeAttribute('src')
      audio.load()
    }
    audio.addEventListener('loadedmetadata', () => {
      const d = audio.duration
      release()
      resolve(Number.isFinite(d) ? d : Number.NaN)
    })
    audio.addEventListener('error', () => {
      const code = audio.error?.code
      release()
      reject(new Error(`the browser cannot play it (media error ${code ?? 'unknown'})`))
    })
    audio.src = src
  })
}
