// Small progressive enhancements; every page works without JavaScript.
document.addEventListener("htmx:afterSwap", (event) => {
  // After a filter updates the results, tell screen readers how many rows there are now.
  const status = event.detail.target.querySelector?.("[role=status]");
  if (status) status.textContent = status.textContent;
});
