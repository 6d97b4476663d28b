/** The Pagefind filter that holds a page's API version (set by VersionMenu.astro, applied by scoped-search.ts). */
export const versionFilter = "version"
