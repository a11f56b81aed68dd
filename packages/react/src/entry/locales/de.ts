'use client'

/** `@castline/react/locales/de`: German for the `locale` prop (`@castline/dom`'s, imported only where used). A client module: a
 * server page hands it to the player as a reference, since its labels are functions. */
export { de } from '@castline/dom/locales/de'
