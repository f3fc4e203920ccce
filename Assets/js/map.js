// BookMySleep — maps with Leaflet (compiled in from Debian's libjs-leaflet): the results map, a
// property's location and the owner's pin picker. Each map only adds to a page that already says
// everything in text; when Leaflet or the tiles cannot load, the list, the address and the number
// inputs stay as they are.
"use strict";

(function () {
  if (typeof L === "undefined") return;

  var tiles = document.body.dataset.mapTiles;
  var attribution = document.body.dataset.mapAttribution || "";
  if (!tiles) return;

  /** Leaflet takes attribution as HTML; ours is text. */
  function escapeHTML(text) {
    var span = document.createElement("span");
    span.textContent = text;
    return span.innerHTML;
  }

  /** A number from an attribute or input, or NaN. */
  function coordinate(text) {
    return text === "" || text == null ? NaN : Number(text);
  }

  function isPoint(lat, lng) {
    return isFinite(lat) && isFinite(lng) && Math.abs(lat) <= 90 && Math.abs(lng) <= 180;
  }

  /**
   * A map in `element` with the configured tiles. Tiles that fail (offline, blocked, a wrong
   * MAP_TILE_URL) leave a grey map with its markers and one line saying so.
   */
  function makeMap(element) {
    var map = L.map(element, { scrollWheelZoom: false });
    var layer = L.tileLayer(tiles, { maxZoom: 19, attribution: escapeHTML(attribution) });
    layer.once("tileerror", function () {
      var note = document.createElement("p");
      note.className = "map-note";
      note.textContent = "Map tiles could not load; the places and addresses on this page still work.";
      element.appendChild(note);
    });
    layer.addTo(map);
    return map;
  }

  /** Marks a container whose map is up, for people's styles and the browser tests. */
  function ready(element) {
    element.dataset.mapReady = "yes";
  }

  // Search results: one marker per listed place, its popup linking to the place.
  var list = document.querySelector("[data-map-results]");
  var resultsMap = document.getElementById("results-map");
  if (list && resultsMap) {
    var points = [];
    var places = [];
    list.querySelectorAll("li[data-lat]").forEach(function (item) {
      var lat = coordinate(item.dataset.lat);
      var lng = coordinate(item.dataset.lng);
      if (isPoint(lat, lng)) {
        points.push([lat, lng]);
        places.push(item);
      }
    });
    if (points.length) {
      resultsMap.hidden = false;
      var map = makeMap(resultsMap);
      places.forEach(function (item, index) {
        var popup = document.createElement("p");
        var link = document.createElement("a");
        link.href = item.dataset.href;
        link.textContent = item.dataset.name;
        popup.appendChild(link);
        popup.appendChild(document.createElement("br"));
        popup.appendChild(document.createTextNode("from " + item.dataset.price + " a month"));
        L.marker(points[index], { title: item.dataset.name, alt: item.dataset.name }).bindPopup(popup).addTo(map);
      });
      map.fitBounds(points, { padding: [24, 24], maxZoom: 15 });
      ready(resultsMap);
    }
  }

  // A property's location.
  document.querySelectorAll("[data-map-point]").forEach(function (element) {
    var lat = coordinate(element.dataset.lat);
    var lng = coordinate(element.dataset.lng);
    if (!isPoint(lat, lng)) return;
    element.textContent = "";
    var map = makeMap(element);
    map.setView([lat, lng], 15);
    L.marker([lat, lng], { title: element.dataset.label || "", alt: element.dataset.label || "" }).addTo(map);
    ready(element);
  });

  // The owner's pin picker: a draggable marker kept in step with the latitude and longitude inputs,
  // both ways. Clicking the map moves the pin there too.
  document.querySelectorAll("fieldset.location[data-map-pin]").forEach(function (fieldset) {
    var latInput = fieldset.querySelector('input[name="latitude"]');
    var lngInput = fieldset.querySelector('input[name="longitude"]');
    if (!latInput || !lngInput) return;
    var hint = document.createElement("p");
    hint.className = "hint";
    hint.textContent = "Drag the pin or click the map to set the latitude and longitude; typing them moves the pin.";
    var holder = document.createElement("div");
    holder.className = "map-picker";
    holder.setAttribute("role", "region");
    holder.setAttribute("aria-label", "Map for placing the property's pin");
    fieldset.appendChild(hint);
    fieldset.appendChild(holder);

    var lat = coordinate(latInput.value);
    var lng = coordinate(lngInput.value);
    var known = isPoint(lat, lng);
    // With no point yet, the whole of India is in view.
    var start = known ? [lat, lng] : [22.5, 79];
    var map = makeMap(holder);
    map.setView(start, known ? 15 : 4);
    var marker = L.marker(start, { draggable: true, title: "Property location", alt: "Property location" }).addTo(map);

    function write(latlng) {
      var point = latlng.wrap();
      latInput.value = point.lat.toFixed(6);
      lngInput.value = point.lng.toFixed(6);
    }
    marker.on("dragend", function () {
      write(marker.getLatLng());
    });
    map.on("click", function (event) {
      marker.setLatLng(event.latlng);
      write(event.latlng);
    });
    function follow() {
      var typedLat = coordinate(latInput.value);
      var typedLng = coordinate(lngInput.value);
      if (!isPoint(typedLat, typedLng)) return;
      marker.setLatLng([typedLat, typedLng]);
      map.panTo([typedLat, typedLng]);
    }
    latInput.addEventListener("input", follow);
    lngInput.addEventListener("input", follow);
    ready(holder);
  });
})();
