// Suggestions for a city field from the GeoNames look-up, in the field's <datalist>.
(function () {
  "use strict";
  var list = document.getElementById("city-suggestions");
  if (!list) { return; }
  var url = list.getAttribute("data-url");
  var timer = null;
  var lastQuery = "";

  function countryOf(input) {
    var form = input.form;
    var select = form ? form.querySelector("select[name='country']") : null;
    return select ? select.value : "";
  }

  function fill(results) {
    while (list.firstChild) { list.removeChild(list.firstChild); }
    results.forEach(function (city) {
      var option = document.createElement("option");
      option.value = city.name;
      option.label = city.name + " (" + city.country + ")";
      list.appendChild(option);
    });
  }

  function lookUp(input) {
    var query = input.value.trim();
    var country = countryOf(input);
    var key = query + "|" + country;
    if (query.length < 2 || key === lastQuery) { return; }
    lastQuery = key;
    var address = url + "?q=" + encodeURIComponent(query) + (country ? "&country=" + encodeURIComponent(country) : "");
    fetch(address, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (response) { return response.ok ? response.json() : { results: [] }; })
      .then(function (data) { fill(data.results || []); })
      .catch(function () { fill([]); });
  }

  document.querySelectorAll("input[data-city-search]").forEach(function (input) {
    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(function () { lookUp(input); }, 200);
    });
  });
})();
