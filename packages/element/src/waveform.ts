import type { Peaks } from '@castline/core/peaks'
import { drawTicks, type WaveformPeaks, WaveformView, type WaveformViewOptions } from '@castline/dom'
import { h, setAttr, setText } from './html.js'
import { describeError, fetchPeaks } from './load.js'
import { CastlinePart, numberAttribute } from './part.js'
import type { CastlineSession } from './session.js'

/**
 * `<castline-waveform>`: the episode's waveform (wavesurfer.js, imported when the element is shown) as
 * a seek slider: click or drag to seek, arrows +-5 s, PageUp/PageDown +-60 s, Home/End. Attributes:
 * `for`, `peaks` (an audiowaveform `.json`/`.dat` URL; without it wavesurfer decodes the audio, which
 * suits short clips only), `duration` (seconds), `height` (pixels, default 64), `label` (default "Seek").
 * The `peaks` property also takes parsed peaks. Colours: `--castline-wave-color`,
 * `--castline-wave-progress-color`, `--castline-wave-cursor-color`.
 */
export class CastlineWaveformElement extends CastlinePart {
  static override observedAttributes = ['for', 'peaks', 'duration', 'height', 'label']
  private readonly slider: HTMLDivElement
  private readonly host: HTMLDivElement
  private readonly message: HTMLParagraphElement
  private parsed: Peaks | null = null
  private peaksLoad: WaveformPeaks = { status: 'none' }
  private loading: AbortController | null = null
  private view: WaveformView | null = null
  /** The chapter markers under the wave (outside the slider, whose children are presentational). */
  private readonly markers: HTMLOListElement
  /** Over the wave, hidden from assistive technology (the slider's value text says the time). */
  private readonly buffered: HTMLDivElement
  private readonly ticks: HTMLDivElement
  private readonly tip: HTMLSpanElement

  constructor() {
    super()
    const doc = this.ownerDocument
    this.host = h(doc, 'div', { class: 'castline-waveform__wave', part: 'wave' })
    this.message = h(doc, 'p', {
      id: 'castline-wave-message',
      class: 'castline-waveform__message',
      hidden: true,
    })
    this.buffered = h(doc, 'div', {
      class: 'castline-waveform__buffered',
      'aria-hidden': 'true',
      hidden: true,
    })
    this.ticks = h(doc, 'div', { class: 'castline-waveform__ticks', 'aria-hidden': 'true', hidden: true })
    this.tip = h(doc, 'span', {
      class: 'castline-waveform__hover',
      part: 'waveform-tooltip',
      'aria-hidden': 'true',
      hidden: true,
    })
    this.slider = h(
      doc,
      'div',
      {
        class: 'castline castline-waveform castline-waveform--none',
        part: 'waveform',
        role: 'slider',
        tabindex: 0,
        'aria-label': this.texts.locale.labels.seek,
        'aria-valuemin': 0,
        'aria-valuemax': 0,
        'aria-valuenow': 0,
        'aria-valuetext': this.texts.locale.format.duration(0),
      },
      this.host,
      this.message,
      this.buffered,
      this.ticks,
      this.tip,
    )
    this.markers = this.texts.attr(
      h(doc, 'ol', { class: 'castline-waveform__chapters', part: 'chapters' }),
      'aria-label',
      (l) => l.chapterMarkers,
    )
    this.root.append(this.slider)
  }

  /** The peaks: parsed, or the URL they are fetched from. */
  get peaks(): Peaks | string | null {
    return this.parsed ?? this.getAttribute('peaks')
  }

  set peaks(value: Peaks | string | null) {
    if (typeof value === 'string') {
      this.parsed = null
      this.setAttribute('peaks', value)
      return
    }
    this.parsed = value
    this.loadPeaks()
  }

  protected override attributeChanged(name: string): void {
    if (name === 'peaks') this.loadPeaks()
    else this.update()
  }

  protected override showUnbound(): void {
    this.slider.setAttribute('aria-disabled', 'true')
  }

  protected override show(session: CastlineSession): () => void {
    this.slider.removeAttribute('aria-disabled')
    const view = new WaveformView(this.options(session))
    this.view = view
    const render = () => {
      const { status, message } = view.getSnapshot()
      this.slider.className = `castline castline-waveform castline-waveform--${status}`
      this.slider.dataset.peaks = status
      setAttr(this.slider, 'aria-busy', status === 'loading' ? 'true' : null)
      this.message.hidden = message === null
      setText(this.message, message ?? '')
      setAttr(this.slider, 'aria-describedby', message === null ? null : 'castline-wave-message')
      const v = view.sliderValues(session.controller.getTime())
      setAttr(this.slider, 'aria-valuemin', String(v.min))
      setAttr(this.slider, 'aria-valuemax', String(v.max))
      setAttr(this.slider, 'aria-valuenow', String(Math.floor(v.now)))
      setAttr(this.slider, 'aria-valuetext', v.text)
      const { tip } = view.getSnapshot()
      this.tip.hidden = tip === null
      setText(this.tip, tip?.label ?? '')
      if (tip !== null) this.tip.style.setProperty('--castline-at', String(tip.at))
    }
    this.host.style.minHeight = `${numberAttribute(this, 'height') ?? 64}px`
    const offView = view.subscribe(render)
    // Whole seconds: the slider's values change once a second, not every time update.
    const offTime = session.store.select((s) => `${Math.floor(s.currentTime)} ${s.duration}`, render)
    // Chapter markers: redrawn when the chapters or the duration change (not the current chapter).
    let drawn = ''
    const renderMarkers = () => {
      const { listed } = session.chapterState.getSnapshot()
      const media = session.store.getSnapshot().duration
      const duration = Number.isFinite(media) && media > 0 ? media : numberAttribute(this, 'duration')
      const key = duration === undefined || !(duration > 0) ? '' : `${duration}`
      if (listed.length === 0 || key === '') {
        this.markers.remove()
        drawn = ''
        return
      }
      const next = `${key}|${listed.map((c) => `${c.start}:${c.title}`).join('|')}`
      if (next === drawn) return
      drawn = next
      const doc = this.ownerDocument
      this.markers.replaceChildren(
        ...listed.map((chapter) => {
          const button = h(
            doc,
            'button',
            { type: 'button', class: 'castline-waveform__marker', part: 'chapter-marker' },
            h(doc, 'span', { class: 'castline-waveform__tip' }, chapter.title),
          )
          button.addEventListener('click', () => session.seekTo(chapter.start))
          const li = h(doc, 'li', { class: 'castline-waveform__chapter' }, button)
          // Along the wave at the chapter's audio position (after any ad breaks before it).
          li.style.setProperty('--castline-at', String(view.fractionOf(chapter.start) ?? 0))
          return li
        }),
      )
      if (!this.markers.isConnected) this.root.append(this.markers)
    }
    // What is buffered: a bar along the wave's foot for each range, redrawn on 'progress'.
    const renderBuffered = () => {
      const segments = view.bufferedSegments(session.store.getSnapshot().buffered)
      this.buffered.hidden = segments.length === 0
      this.buffered.replaceChildren(
        ...segments.map((s) => {
          const range = h(this.ownerDocument, 'span', { class: 'castline-waveform__range' })
          range.style.setProperty('--castline-from', String(s.from))
          range.style.setProperty('--castline-to', String(s.to))
          return range
        }),
      )
    }
    // The search's hits: a tick at each matched line's start, redrawn as the query changes.
    const renderTicks = () => {
      const load = session.transcript
      const cues = load.status === 'ready' ? load.value.cues : []
      drawTicks(this.ticks, view.searchTicks(session.search.matches, cues))
    }
    const offChapters = session.on('chapters', () => {
      renderMarkers()
      // The tooltip names the chapter under the pointer.
      this.update()
    })
    const offDuration = session.store.select(
      (s) => s.duration,
      () => {
        renderMarkers()
        renderBuffered()
        renderTicks()
      },
    )
    const offBuffered = session.store.select((s) => s.buffered, renderBuffered)
    const offSearch = session.on('search', renderTicks)
    const offTranscript = session.on('transcript', renderTicks)
    renderMarkers()
    renderBuffered()
    renderTicks()
    this.loadPeaks()
    const unmount = view.mount({ root: this.slider, host: this.host })
    render()
    return () => {
      offChapters()
      offDuration()
      offBuffered()
      offSearch()
      offTranscript()
      offView()
      offTime()
      unmount()
      this.view = null
      this.loading?.abort()
      this.loading = null
    }
  }

  private options(session: CastlineSession): WaveformViewOptions {
    const style = getComputedStyle(this.slider)
    const color = (name: string, fallback: string) =>
      style.getPropertyValue(name).trim() || style.getPropertyValue(fallback).trim() || undefined
    return {
      store: session.store,
      seek: session.seekTo,
      peaks: this.peaksLoad,
      duration: numberAttribute(this, 'duration'),
      height: numberAttribute(this, 'height'),
      waveColor: color('--castline-wave-color', '--_wave'),
      progressColor: color('--castline-wave-progress-color', '--_accent'),
      cursorColor: color('--castline-wave-cursor-color', '--_fg'),
      chapters: session.chapterState.getSnapshot().chapters,
      locale: session.locale,
      getTime: () => session.controller.getTime(),
    }
  }

  protected override relabel(): void {
    this.update()
  }

  private update(): void {
    const session = this.session
    setAttr(this.slider, 'aria-label', this.getAttribute('label') ?? this.texts.locale.labels.seek)
    if (session !== null) this.view?.setOptions(this.options(session))
  }

  private loadPeaks(): void {
    this.loading?.abort()
    this.loading = null
    const url = this.getAttribute('peaks')
    if (this.parsed !== null) this.peaksLoad = { status: 'ready', peaks: this.parsed }
    else if (url === null || url === '') this.peaksLoad = { status: 'none' }
    else if (this.session !== null) {
      const loading = new AbortController()
      this.loading = loading
      this.peaksLoad = { status: 'loading' }
      const session = this.session
      fetchPeaks(url, loading.signal).then(
        (peaks) => {
          if (loading.signal.aborted) return
          this.peaksLoad = { status: 'ready', peaks }
          this.update()
        },
        (error: unknown) => {
          if (loading.signal.aborted) return
          this.peaksLoad = { status: 'error' }
          this.update()
          session.fail('peaks', describeError(error, 'peaks'), error)
        },
      )
    }
    this.update()
  }
}
