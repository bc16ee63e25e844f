// Small progressive enhancements; every page works without JavaScript.
document.addEventListener("htmx:afterSwap", () => {
  // After a filter updates the results, announce the new row count through the page's live region
  // (the swapped-in results are new elements, which screen readers do not announce by themselves).
  const count = document.getElementById("result-count");
  const announcement = document.getElementById("result-announcement");
  if (count && announcement) announcement.textContent = count.textContent.split("·")[0].trim();
});

// phone: the main menu button on narrow screens. The button is `hidden` in the markup, so without
// JavaScript the menu stays open (stacked); here it is shown, and CSS folds the menu while it is collapsed.
(() => {
  const button = document.querySelector(".orden-menu-button");
  const menu = button && document.getElementById(button.getAttribute("aria-controls"));
  if (!menu) return;
  const isOpen = () => button.getAttribute("aria-expanded") === "true";
  const setOpen = (open) => button.setAttribute("aria-expanded", open ? "true" : "false");
  button.hidden = false;
  button.addEventListener("click", () => setOpen(!isOpen()));
  // Escape closes the open menu and brings the focus back to its button.
  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape" || !isOpen() || button.offsetParent === null) return;
    if (menu.contains(document.activeElement) || document.activeElement === button) {
      setOpen(false);
      button.focus();
    }
  });
})();

// form: when a search replaces a SearchableSelect's options, the select fires "change", so what follows
// the choice (the version list of the product on the system form) follows it too.
document.addEventListener("htmx:afterSwap", (event) => {
  const select = event.detail.target;
  if (select instanceof HTMLSelectElement && select.closest(".orden-searchable")) {
    select.dispatchEvent(new Event("change", { bubbles: true }));
  }
});

// lists: the list's one form (search, filters, columns) asks for its results with a short address that
// can be bookmarked and shared: empty fields are left out, and the column choice, once changed on this
// page or already in the address, goes as one `columns=a,b,c`. The count on the "Filter" button follows
// the results.
document.addEventListener("htmx:configRequest", (event) => {
  const form = event.detail.elt;
  if (!(form instanceof HTMLFormElement) || !form.hasAttribute("data-orden-list")) return;
  const data = event.detail.formData;
  const trigger = event.detail.triggeringEvent;
  if (trigger && trigger.target && trigger.target.name === "columns") form.dataset.columnsChanged = "true";
  const keepColumns = form.dataset.columnsChanged === "true" || new URLSearchParams(location.search).has("columns");
  const columns = data.getAll("columns").filter((value) => value !== "");
  for (const name of [...new Set(data.keys())]) {
    const values = data.getAll(name).filter((value) => value !== "");
    data.delete(name);
    if (name !== "columns") values.forEach((value) => data.append(name, value));
  }
  if (keepColumns) data.set("columns", columns.join(","));
});
document.addEventListener("htmx:afterSwap", () => {
  const results = document.getElementById("results");
  const count = document.getElementById("filter-count");
  if (results && count) count.textContent = results.dataset.filterCount || "";
});

// reading: the service map's print button; forms marked data-autosubmit (the unit page's "Including
// sub-units") apply a changed choice at once (their submit button stays for use without JavaScript).
document.addEventListener("click", (event) => {
  if (event.target instanceof Element && event.target.closest("[data-print]")) window.print();
});
document.addEventListener("change", (event) => {
  const form = event.target instanceof Element ? event.target.closest("form[data-autosubmit]") : null;
  if (form) form.requestSubmit();
});

// phone: a table that scrolls sideways inside its box can be scrolled from the keyboard: when it has nothing
// focusable of its own, it becomes a tab stop while it overflows (Chromium does this itself since v130).
(() => {
  const focusable = "a[href], button, input, select, textarea, [tabindex]";
  const update = () => {
    for (const box of document.querySelectorAll(".orden-table-wrap, .orden-main .ds-table")) {
      const scrolls = getComputedStyle(box).overflowX === "auto" && box.scrollWidth > box.clientWidth;
      if (scrolls && !box.hasAttribute("tabindex") && !box.querySelector(focusable)) {
        box.setAttribute("tabindex", "0");
        box.dataset.ordenScrollStop = "";
      } else if (!scrolls && "ordenScrollStop" in box.dataset) {
        box.removeAttribute("tabindex");
        delete box.dataset.ordenScrollStop;
      }
    }
  };
  let pending = 0;
  const later = () => {
    cancelAnimationFrame(pending);
    pending = requestAnimationFrame(update);
  };
  update();
  window.addEventListener("resize", later);
  document.addEventListener("htmx:afterSettle", later);
})();
