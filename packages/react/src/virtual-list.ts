import {
  elementScroll,
  observeElementOffset,
  observeElementRect,
  Virtualizer,
  type VirtualizerOptions,
} from '@tanstack/react-virtual'
import { useEffect, useLayoutEffect, useReducer, useRef, useState } from 'react'

const useIsomorphicLayoutEffect = typeof document === 'undefined' ? useEffect : useLayoutEffect

export type ListVirtualizer = Virtualizer<HTMLDivElement, HTMLLIElement> & {
  /** The list element: its height and the rows' positions are written to the DOM directly. */
  containerRef: (node: HTMLElement | null) => void
}

export type ListVirtualizerOptions = Omit<
  VirtualizerOptions<HTMLDivElement, HTMLLIElement>,
  'observeElementRect' | 'observeElementOffset' | 'scrollToFn' | 'onChange'
> & {
  /**
   * What the list's render shows of the virtualizer's state, as a string: the list re-renders when it
   * changes and only then.
   */
  renderKey: (virtualizer: Virtualizer<HTMLDivElement, HTMLLIElement>) => string
}

/**
 * TanStack's virtualizer for an element, with React re-rendering the list only when what it renders
 * changes. `useVirtualizer` (even with `directDomUpdates`) re-renders whenever the visible range or the
 * scrolling state changes: at the start and end of every scroll and for every row that crosses the
 * viewport's edge, whether or not the rendered rows change. Here rows are positioned in the DOM as
 * `directDomUpdates` does (a transform, the list's height), and React renders when `renderKey` differs
 * from what was last rendered: with a range extractor that keeps rows around the spoken line, follow
 * mode's scrolls cost no React commit at all.
 */
export function useListVirtualizer(options: ListVirtualizerOptions): ListVirtualizer {
  const [, rerender] = useReducer((x: number) => x + 1, 0)
  const renderKey = useRef(options.renderKey)
  renderKey.current = options.renderKey
  const dom = useRef({
    container: null as HTMLElement | null,
    height: -1,
    positions: new WeakMap<Element, number>(),
    rendered: '',
  }).current

  const place = (v: Virtualizer<HTMLDivElement, HTMLLIElement>, index: number, el: Element) => {
    const item = v.measurementsCache[index]
    if (item === undefined) return
    const y = item.start - v.options.scrollMargin
    if (dom.positions.get(el) === y) return
    dom.positions.set(el, y)
    ;(el as HTMLElement).style.transform = `translate3d(0, ${y}px, 0)`
  }
  const applyHeight = (v: Virtualizer<HTMLDivElement, HTMLLIElement>) => {
    if (dom.container === null) return
    const height = v.getTotalSize()
    if (height === dom.height) return
    dom.height = height
    dom.container.style.height = `${height}px`
  }
  const applyAll = (v: Virtualizer<HTMLDivElement, HTMLLIElement>) => {
    if (dom.container === null) return
    applyHeight(v)
    for (const item of v.getVirtualItems()) {
      const el = v.elementsCache.get(item.key)
      if (el !== undefined) place(v, item.index, el)
    }
  }

  const { renderKey: _key, ...rest } = options
  const resolved: VirtualizerOptions<HTMLDivElement, HTMLLIElement> = {
    observeElementRect,
    observeElementOffset,
    scrollToFn: elementScroll,
    ...rest,
    onChange: (v) => {
      applyAll(v)
      const key = renderKey.current(v)
      if (key !== dom.rendered) {
        dom.rendered = key
        rerender()
      }
    },
  }

  const [instance] = useState(() => {
    const v = new Virtualizer<HTMLDivElement, HTMLLIElement>(resolved)
    const measure = v.measureElement
    v.measureElement = (node) => {
      measure(node)
      if (node !== null && dom.container !== null) place(v, v.indexFromElement(node), node)
    }
    return Object.assign(v, {
      containerRef: (node: HTMLElement | null) => {
        dom.container = node
        dom.height = -1
        if (node !== null) applyAll(v)
      },
    })
  })
  instance.setOptions(resolved)
  // What this render shows: a change reported later is compared against it.
  dom.rendered = options.renderKey(instance)

  useIsomorphicLayoutEffect(() => instance._didMount(), [])
  useIsomorphicLayoutEffect(() => {
    applyHeight(instance)
    const cleanup = instance._willUpdate()
    applyAll(instance)
    return cleanup
  })
  return instance
}
