// Reloads a scheduling run's page every few seconds while the run is under way.
(function () {
  "use strict";
  var status = document.getElementById("run-status");
  if (status && status.dataset.poll === "1") {
    window.setTimeout(function () { window.location.reload(); }, 3000);
  }
})();
