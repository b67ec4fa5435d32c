// Reloads the page of a run (of the scheduler or of the selection) every few seconds
// while the run is under way: the element with id "run-status" carries data-poll="1".
(function () {
  "use strict";
  var status = document.getElementById("run-status");
  if (status && status.dataset.poll === "1") {
    window.setTimeout(function () { window.location.reload(); }, 3000);
  }
})();
