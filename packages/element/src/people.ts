import type { Person } from '@castline/core/feed'
import { parseSpeakerMap } from '@castline/dom'
import type { CastlineSession } from './session.js'

/**
 * The `persons` and `speakers` options of `<castline-player>` and `<castline-transcript>`: the people
 * (a property), and the speakers map as a property (an object) or the `speakers` attribute (JSON).
 */
export class PeopleOptions {
  persons: readonly Person[] = []
  /** The `speakers` property when set as an object (it wins over the attribute). */
  map: Readonly<Record<string, string>> | null = null

  /** `applied` gives the host's session the people again (the host knows whether it is the one to). */
  constructor(
    private readonly host: HTMLElement,
    private readonly applied: () => void,
  ) {}

  /** The map in force: the property, else the attribute's JSON (null when there is none or it is bad). */
  speakers(): Readonly<Record<string, string>> | null {
    if (this.map !== null) return this.map
    try {
      return this.attribute()
    } catch {
      return null
    }
  }

  /**
   * Sets the `speakers` property: an object, or its JSON (as the attribute, whose change applies it); null
   * for none. The host's `speakers` accessor is only this and `speakers()`.
   */
  setSpeakers(value: Readonly<Record<string, string>> | string | null): void {
    if (typeof value === 'string') {
      this.map = null
      this.host.setAttribute('speakers', value)
    } else {
      this.map = value
      this.applied()
    }
  }

  private attribute(): Record<string, string> | null {
    const json = this.host.getAttribute('speakers')
    return json === null || json.trim() === '' ? null : parseSpeakerMap(json)
  }

  /**
   * Gives `session` the persons and the speakers map. A `speakers` attribute that is no JSON map is a
   * `castline-error` of kind 'speakers', and the labels are shown as they are.
   */
  apply(session: CastlineSession): void {
    let speakers = this.map
    if (speakers === null) {
      try {
        speakers = this.attribute()
      } catch (error) {
        session.fail('speakers', error instanceof Error ? error.message : String(error), error)
      }
    }
    session.setPeople({ persons: this.persons, speakers: speakers ?? undefined })
  }
}
