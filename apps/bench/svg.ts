/** Plots for docs/benchmarks.md as plain SVG text: a histogram, a grouped bar chart and a scatter with lines. */

const W = 640
const H = 320
const M = { left: 60, right: 20, top: 40, bottom: 50 }
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;')

function frame(title: string, body: string[]): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12" role="img">`,
    `<title>${esc(title)}</title>`,
    `<rect width="${W}" height="${H}" fill="#fff"/>`,
    `<text x="${W / 2}" y="22" text-anchor="middle" font-size="14">${esc(title)}</text>`,
    `<line x1="${M.left}" y1="${H - M.bottom}" x2="${W - M.right}" y2="${H - M.bottom}" stroke="#333"/>`,
    `<line x1="${M.left}" y1="${M.top}" x2="${M.left}" y2="${H - M.bottom}" stroke="#333"/>`,
    ...body,
    '</svg>',
    '',
  ].join('\n')
}

function ticks(max: number): number[] {
  if (!(max > 0)) return [0]
  const step = 10 ** Math.floor(Math.log10(max))
  const s = max / step > 5 ? step * 2 : max / step > 2 ? step : step / 2
  const out: number[] = []
  for (let v = 0; v <= max + 1e-9; v += s) out.push(v)
  return out
}

/** Overlaid histograms of several series of values (same bins). */
export function histogramSvg(
  title: string,
  series: Array<{ name: string; values: number[]; color: string }>,
) {
  const all = series.flatMap((s) => s.values)
  const max = Math.max(1, ...all)
  const bins = 30
  const width = max / bins
  const counts = series.map((s) => {
    const c = new Array<number>(bins).fill(0)
    for (const v of s.values) c[Math.min(bins - 1, Math.floor(v / width))]!++
    return c
  })
  const top = Math.max(1, ...counts.flat())
  const x = (v: number) => M.left + (v / max) * (W - M.left - M.right)
  const y = (n: number) => H - M.bottom - (n / top) * (H - M.top - M.bottom)
  const body: string[] = []
  counts.forEach((c, k) => {
    const color = series[k]!.color
    c.forEach((n, i) => {
      if (n === 0) return
      body.push(
        `<rect x="${x(i * width).toFixed(1)}" y="${y(n).toFixed(1)}" width="${(x(width) - M.left - 1).toFixed(1)}" height="${(H - M.bottom - y(n)).toFixed(1)}" fill="${color}" fill-opacity="0.6"/>`,
      )
    })
    body.push(
      `<rect x="${W - M.right - 200}" y="${M.top + k * 18}" width="12" height="12" fill="${color}"/>`,
      `<text x="${W - M.right - 182}" y="${M.top + k * 18 + 10}">${esc(series[k]!.name)} (n=${series[k]!.values.length})</text>`,
    )
  })
  for (const t of ticks(max)) {
    body.push(
      `<text x="${x(t).toFixed(1)}" y="${H - M.bottom + 16}" text-anchor="middle">${+t.toFixed(1)}</text>`,
    )
  }
  for (const t of ticks(top)) {
    body.push(`<text x="${M.left - 6}" y="${y(t).toFixed(1)}" text-anchor="end">${+t.toFixed(1)}</text>`)
  }
  body.push(`<text x="${W / 2}" y="${H - 12}" text-anchor="middle">ms</text>`)
  body.push(
    `<text x="14" y="${H / 2}" transform="rotate(-90 14 ${H / 2})" text-anchor="middle">boundaries</text>`,
  )
  return frame(title, body)
}

/** Bars in groups, one bar per series in each group, each labelled with its value; a legend of the series. */
export function groupedBarSvg(
  title: string,
  groups: string[],
  series: Array<{ name: string; color: string; values: number[] }>,
) {
  const max = Math.max(1e-9, ...series.flatMap((s) => s.values.filter((v) => Number.isFinite(v))))
  const slot = (W - M.left - M.right) / groups.length
  const bar = (slot * 0.8) / series.length
  const y = (v: number) => H - M.bottom - (Math.max(0, v) / max) * (H - M.top - M.bottom)
  const body: string[] = []
  groups.forEach((g, i) => {
    series.forEach((s, k) => {
      const v = s.values[i] ?? Number.NaN
      const x = M.left + i * slot + slot * 0.1 + k * bar
      if (Number.isFinite(v)) {
        body.push(
          `<rect x="${x.toFixed(1)}" y="${y(v).toFixed(1)}" width="${(bar * 0.9).toFixed(1)}" height="${(H - M.bottom - y(v)).toFixed(1)}" fill="${s.color}"/>`,
          `<text x="${(x + bar * 0.45).toFixed(1)}" y="${(y(v) - 4).toFixed(1)}" text-anchor="middle">${v.toFixed(1)}</text>`,
        )
      }
    })
    body.push(
      `<text x="${(M.left + (i + 0.5) * slot).toFixed(1)}" y="${H - M.bottom + 16}" text-anchor="middle">${esc(g)}</text>`,
    )
  })
  series.forEach((s, k) => {
    body.push(
      `<rect x="${W - M.right - 200}" y="${M.top + k * 18}" width="12" height="12" fill="${s.color}"/>`,
      `<text x="${W - M.right - 182}" y="${M.top + k * 18 + 10}">${esc(s.name)}</text>`,
    )
  })
  return frame(title, body)
}

/** One line of points per series; `logX` for lengths spanning orders of magnitude. */
export interface Series {
  name: string
  color: string
  points: Array<[number, number]>
}
export function scatterSvg(title: string, xLabel: string, series: Series[], logX = false) {
  const xs = series.flatMap((s) => s.points.map((p) => p[0]))
  const ys = series.flatMap((s) => s.points.map((p) => p[1]))
  const fx = (v: number) => (logX ? Math.log10(v) : v)
  const x0 = Math.min(...xs.map(fx))
  const x1 = Math.max(...xs.map(fx))
  const top = Math.max(1, ...ys)
  const logY = top / Math.max(1, Math.min(...ys)) > 100
  const fy = (v: number) => (logY ? Math.log10(Math.max(1, v)) / Math.log10(top) : v / top)
  const x = (v: number) =>
    M.left + ((fx(v) - x0) / Math.max(1e-9, x1 - x0)) * (W - M.left - M.right - 40) + 20
  const y = (v: number) => H - M.bottom - fy(v) * (H - M.top - M.bottom)
  const body: string[] = []
  series.forEach((s, k) => {
    const pts = s.points.map(([a, b]) => `${x(a).toFixed(1)},${y(b).toFixed(1)}`)
    body.push(`<polyline points="${pts.join(' ')}" fill="none" stroke="${s.color}" stroke-width="2"/>`)
    for (const [a, b] of s.points) {
      body.push(
        `<circle cx="${x(a).toFixed(1)}" cy="${y(b).toFixed(1)}" r="4" fill="${s.color}"/>`,
        `<text x="${(x(a) + 6).toFixed(1)}" y="${(y(b) - 6).toFixed(1)}">${b.toLocaleString('en')}</text>`,
      )
    }
    body.push(
      `<rect x="${M.left + 10}" y="${M.top + k * 18}" width="12" height="12" fill="${s.color}"/>`,
      `<text x="${M.left + 28}" y="${M.top + k * 18 + 10}">${esc(s.name)}</text>`,
    )
  })
  for (const v of [...new Set(xs)]) {
    body.push(
      `<text x="${x(v).toFixed(1)}" y="${H - M.bottom + 16}" text-anchor="middle">${v.toLocaleString('en')}</text>`,
    )
  }
  body.push(
    `<text x="${W / 2}" y="${H - 12}" text-anchor="middle">${esc(xLabel)}${logX ? ' (log scale)' : ''}</text>`,
  )
  body.push(
    `<text x="14" y="${H / 2}" transform="rotate(-90 14 ${H / 2})" text-anchor="middle">rows${logY ? ' (log scale)' : ''}</text>`,
  )
  return frame(title, body)
}
