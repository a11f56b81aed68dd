import type { IntersectionObserverLike } from '../src/index.js'

type Entry = { isIntersecting: boolean; target: Element }

/**
 * An IntersectionObserver whose entries the test sends: `scroll(inView)` tells every live observer that
 * each element it observes is now in view or not, as scrolling would. Shared by the dom, react and
 * element tests of the mini player (pass `Observer`, or install it as the global).
 */
export function fakeIntersectionObserver() {
  const observers: { callback: (entries: Entry[]) => void; targets: Element[] }[] = []
  const Observer = class {
    readonly targets: Element[] = []
    constructor(readonly callback: (entries: Entry[]) => void) {
      observers.push(this)
    }
    observe(target: Element) {
      this.targets.push(target)
    }
    unobserve(target: Element) {
      this.targets.splice(this.targets.indexOf(target), 1)
    }
    disconnect() {
      observers.splice(observers.indexOf(this), 1)
    }
    takeRecords() {
      return []
    }
  } as unknown as IntersectionObserverLike & typeof IntersectionObserver
  const scroll = (inView: boolean) => {
    for (const o of [...observers])
      o.callback(o.targets.map((target) => ({ isIntersecting: inView, target })))
  }
  return { Observer, scroll, observers }
}
