// Swagger UI draws its list of operations in a <main> of its own; the page has
// one main landmark already, so that list becomes a named region instead.
(function () {
  "use strict";
  var container = document.getElementById("swagger-ui");
  if (!container) {
    return;
  }
  function demote() {
    container.querySelectorAll("main").forEach(function (element) {
      if (element.getAttribute("role") !== "region") {
        element.setAttribute("role", "region");
        element.setAttribute("aria-label", container.dataset.operationsLabel || "Operations");
      }
    });
  }
  new MutationObserver(demote).observe(container, { childList: true, subtree: true });
  demote();
})();
