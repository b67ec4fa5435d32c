// Adds the visitor's own time next to a time shown in the event's time zone, when
// the visitor's browser is at another UTC offset at that moment: a visitor in
// Berlin reads an event in Paris without a second, identical time.
(function () {
  "use strict";
  var language = document.documentElement.lang || undefined;
  // The platform's English writes the day before the month, on a 24-hour clock.
  if (language === "en") { language = "en-GB"; }
  var formats = {
    datetime: {
      weekday: "long", day: "numeric", month: "long",
      hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZoneName: "short"
    },
    time: { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZoneName: "short" }
  };
  document.querySelectorAll("[data-local-time]").forEach(function (element) {
    var moment = new Date(element.getAttribute("data-local-time"));
    if (isNaN(moment.getTime())) { return; }
    var eventOffset = parseInt(element.getAttribute("data-event-offset"), 10);
    // getTimezoneOffset() counts minutes behind UTC, the event's offset minutes ahead.
    if (!isNaN(eventOffset) && -moment.getTimezoneOffset() === eventOffset) { return; }
    var options = formats[element.getAttribute("data-local-format")] || formats.datetime;
    var local = moment.toLocaleString(language, options);
    element.textContent = " (" + local + ", " + element.getAttribute("data-local-label") + ")";
  });
})();
