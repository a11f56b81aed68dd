import { ensureBuilt } from '../scripts/built-packages.mjs'

/** The packed tarballs hold dist/: build the packages first when their sources are newer. */
export default async function setup(): Promise<void> {
  await ensureBuilt()
}
