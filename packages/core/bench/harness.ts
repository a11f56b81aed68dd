/** A small same-process benchmark harness: warm-up, repeated runs, medians, ratios against peers. */

export interface Measurement {
  name: string
  median: number
  min: number
  runs: number
}

/** Times `fn` (sync or async) `runs` times after `warmup` runs; returns milliseconds. */
export async function measure(
  name: string,
  fn: () => unknown,
  { runs = 15, warmup = 3 }: { runs?: number; warmup?: number } = {},
): Promise<Measurement> {
  for (let i = 0; i < warmup; i++) await fn()
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    ;(globalThis as { gc?: () => void }).gc?.()
    const t0 = performance.now()
    await fn()
    times.push(performance.now() - t0)
  }
  times.sort((a, b) => a - b)
  return { name, median: times[Math.floor(times.length / 2)]!, min: times[0]!, runs }
}

/**
 * Times several functions in alternating rounds (one run of each per round, in turn), so that a burst of
 * load from elsewhere on the machine slows all of them alike instead of one function's whole block;
 * returns their measurements in the order given.
 */
export async function interleaved(
  entries: ReadonlyArray<readonly [name: string, fn: () => unknown]>,
  { runs = 15, warmup = 3 }: { runs?: number; warmup?: number } = {},
): Promise<Measurement[]> {
  for (let i = 0; i < warmup; i++) for (const [, fn] of entries) await fn()
  const times = entries.map((): number[] => [])
  for (let i = 0; i < runs; i++) {
    for (let k = 0; k < entries.length; k++) {
      ;(globalThis as { gc?: () => void }).gc?.()
      const t0 = performance.now()
      await entries[k]![1]()
      times[k]!.push(performance.now() - t0)
    }
  }
  return entries.map(([name], k) => {
    const sorted = times[k]!.sort((a, b) => a - b)
    return { name, median: sorted[Math.floor(sorted.length / 2)]!, min: sorted[0]!, runs }
  })
}

/** Formats a group of measurements as a Markdown table, with each row's ratio to `ours`. */
export function table(title: string, ours: Measurement, peers: Array<Measurement | string>): string {
  const rows = [`### ${title}`, '', '| parser | median ms | min ms | ours / this |', '|---|---:|---:|---:|']
  rows.push(`| **castline** | ${ours.median.toFixed(2)} | ${ours.min.toFixed(2)} | 1.00 |`)
  for (const p of peers) {
    if (typeof p === 'string') rows.push(`| ${p} | - | - | - |`)
    else
      rows.push(
        `| ${p.name} | ${p.median.toFixed(2)} | ${p.min.toFixed(2)} | ${(ours.median / p.median).toFixed(2)} |`,
      )
  }
  return rows.join('\n')
}
