'use client'

/** `@castline/react/locales/ar`: Arabic (right to left) for the `locale` prop (`@castline/dom`'s, imported only where used). A client
 * module: a server page hands it to the player as a reference, since its labels are functions. */
export { ar } from '@castline/dom/locales/ar'
