/**
 * The WAI-ARIA tabs pattern for a `role=tablist`: one tab in the Tab order (roving tabindex), arrow keys move
 * between tabs and select them (automatic activation), Home and End go to the first and last, and the selected
 * tab's `aria-controls` panel is the only one shown.
 */
export const mountTabs = (tablist: HTMLElement, onSelect?: (tab: HTMLElement) => void): void => {
  const tabs = [...tablist.querySelectorAll<HTMLElement>("[role=\"tab\"]")]
  const select = (tab: HTMLElement, focus: boolean) => {
    for (const other of tabs) {
      const selected = other === tab
      other.setAttribute("aria-selected", String(selected))
      other.tabIndex = selected ? 0 : -1
      const panel = document.getElementById(other.getAttribute("aria-controls") ?? "")
      panel?.toggleAttribute("hidden", !selected)
    }
    if (focus) tab.focus()
    onSelect?.(tab)
  }
  for (const tab of tabs) {
    tab.addEventListener("click", () => select(tab, false))
    tab.addEventListener("keydown", (event) => {
      const at = tabs.indexOf(tab)
      const next = event.key === "ArrowRight" ?
        tabs[(at + 1) % tabs.length]
        : event.key === "ArrowLeft" ?
        tabs[(at - 1 + tabs.length) % tabs.length]
        : event.key === "Home" ?
        tabs[0]
        : event.key === "End" ?
        tabs[tabs.length - 1]
        : undefined
      if (next === undefined) return
      event.preventDefault()
      select(next, true)
    })
  }
}
