/**
 * Starlight's search (Pagefind's default UI) scoped to the API version shown: every version's pages are in the one
 * index, each carrying its version as a Pagefind filter (the version menu, VersionMenu.astro), and the UI opens with
 * the page's version selected and says so in its search box ("Search API 2.14"). A visitor sees the filter in the
 * search panel: unchecked, every version's pages are found; another version checked instead, that version's.
 *
 * Starlight makes the UI itself (`new PagefindUI(…)` in its Search component) and keeps no handle on it, so
 * astro.config.ts hands Starlight this module in place of `@pagefind/default-ui`; the import below is the real one.
 */
import { PagefindUI as Base } from "@pagefind/default-ui"
import { versionFilter } from "../lib/search.ts"

/** The API version of the page (its version menu), if it shows one. */
const pageVersion = (): string | undefined =>
  document.querySelector<HTMLElement>("[data-api-version]")?.dataset.apiVersion

export class PagefindUI extends Base {
  constructor(options: Record<string, unknown>) {
    const version = pageVersion()
    const translations = (options.translations ?? {}) as Record<string, string>
    const placeholder = `${translations.placeholder ?? "Search"}${version === undefined ? "" : ` API ${version}`}`
    // On a wide screen the filter panel sits beside the results: shown open, the scope is seen at a glance.
    const openFilters = version !== undefined && matchMedia("(min-width: 50rem)").matches ? [versionFilter] : []
    super({ ...options, openFilters, translations: { ...translations, placeholder } })
    if (version !== undefined) this.triggerFilters({ [versionFilter]: [version] })
    // Pagefind's box is named by its title alone (axe: label-title-only); its placeholder is its visible label.
    const root = typeof options.element === "string" ? document.querySelector(options.element) : undefined
    root?.querySelector("input.pagefind-ui__search-input")?.setAttribute("aria-label", placeholder)
  }
}
