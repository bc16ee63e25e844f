// Small progressive enhancements; every page works without JavaScript.
document.addEventListener("htmx:afterSwap", () => {
  // After a filter updates the results, announce the new row count through the page's live region
  // (the swapped-in results are new elements, which screen readers do not announce by themselves).
  const count = document.getElementById("result-count");
  const announcement = document.getElementById("result-announcement");
  if (count && announcement) announcement.textContent = count.textContent.split("·")[0].trim();
});
