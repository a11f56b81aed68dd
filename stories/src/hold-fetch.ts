/**
 * Holds the page's `fetch` requests for matching URLs until `release()` (a story's loading state, made
 * deterministic): requests that do not match, and all requests after `release`, go through unchanged.
 */
export interface HeldFetches {
  /** Lets every held request (and every later one) through. */
  release(): void
  /** Puts the page's own `fetch` back. */
  restore(): void
}

export function holdFetches(matches: (url: string) => boolean): HeldFetches {
  const original = window.fetch
  const waiting: (() => void)[] = []
  let released = false
  window.fetch = (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url
    if (released || !matches(url)) return original(input, init)
    return new Promise<Response>((resolve, reject) => {
      waiting.push(() => original(input, init).then(resolve, reject))
      init?.signal?.addEventListener('abort', () => reject(init.signal?.reason))
    })
  }
  return {
    release() {
      released = true
      for (const go of waiting.splice(0)) go()
    },
    restore() {
      window.fetch = original
    },
  }
}
