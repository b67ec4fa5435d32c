// Adds the visitor's own time next to a time shown in the event's time zone,
// when the visitor's browser is in another zone.
(function () {
  "use strict";
  var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  var options = {
    weekday: "long", day: "numeric", month: "long",
    hour: "2-digit", minute: "2-digit", timeZoneName: "short"
  };
  document.querySelectorAll("[data-local-time]").forEach(function (element) {
    if (element.getAttribute("data-event-zone") === zone) { return; }
    var moment = new Date(element.getAttribute("data-local-time"));
    if (isNaN(moment.getTime())) { return; }
    var local = moment.toLocaleString(document.documentElement.lang || undefined, options);
    element.textContent = " (" + local + ", " + element.getAttribute("data-local-label") + ")";
  });
})();
