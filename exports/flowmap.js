/*
 * tipgraph flow map: draws the flows of a tipgraph network on an equirectangular world map.
 *
 * Plain JavaScript and SVG, no libraries, so the page works offline from one file. The data
 * comes from two JSON script elements the exporter fills in: #flowmap-data (places and
 * flows) and #flowmap-world (Natural Earth country outlines as longitude/latitude rings).
 * One SVG path of class "arc" is drawn per flow; the tests count them. An arc whose ends are
 * more than half the map apart (Micronesia to the United States) takes the short way, off
 * one edge and back in from the other, so the Pacific stays on the map. Wheel, drag, pinch
 * and the keyboard (+, -, arrows, 0) zoom and pan; place labels keep one size on screen and
 * the less connected of two that would overlap is hidden, at every zoom level.
 */
(function () {
  "use strict";

  var SVGNS = "http://www.w3.org/2000/svg";
  var WIDTH = 1000;
  var HEIGHT = 500;
  var BAND_TOP = 508;
  var BAND_HEIGHT = 28;
  // Place labels are this many screen pixels high whatever the zoom.
  var LABEL_PX = 11;

  function readJSON(id) {
    var node = document.getElementById(id);
    return JSON.parse(node ? node.textContent : "null");
  }

  function project(lat, lon) {
    return [(lon + 180) / 360 * WIDTH, (90 - lat) / 180 * HEIGHT];
  }

  function svg(name, attrs, parent) {
    var node = document.createElementNS(SVGNS, name);
    Object.keys(attrs || {}).forEach(function (key) {
      node.setAttribute(key, String(attrs[key]));
    });
    if (parent) {
      parent.appendChild(node);
    }
    return node;
  }

  function html(name, text, parent, className) {
    var node = document.createElement(name);
    if (text !== undefined && text !== null) {
      node.textContent = String(text);
    }
    if (className) {
      node.className = className;
    }
    if (parent) {
      parent.appendChild(node);
    }
    return node;
  }

  function fmt(value) {
    return Math.round(value * 10) / 10;
  }

  // ------------------------------------------------------------------ base map
  function drawWorld(layer, world, present) {
    if (!world || !world.countries) {
      return;
    }
    world.countries.forEach(function (country) {
      var parts = [];
      country.rings.forEach(function (ring) {
        for (var i = 0; i + 1 < ring.length; i += 2) {
          var p = project(ring[i + 1], ring[i]);
          // A ring cut at the antimeridian jumps from 180 to -180: move, do not draw across.
          var jump = i > 0 && Math.abs(ring[i] - ring[i - 2]) > 180;
          parts.push((i === 0 || jump ? "M" : "L") + fmt(p[0]) + " " + fmt(p[1]));
        }
        parts.push("Z");
      });
      var path = svg("path", {
        d: parts.join(""),
        "class": "country" + (present[country.id] ? " present" : "")
      }, layer);
      svg("title", {}, path).textContent = country.name;
    });
  }

  // ------------------------------------------------------------------ layout
  function layout(nodes) {
    var unplaced = [];
    var points = {};
    nodes.forEach(function (node) {
      if (typeof node.lat === "number" && typeof node.lon === "number") {
        points[node.id] = project(node.lat, node.lon);
      } else {
        unplaced.push(node);
      }
    });
    unplaced.sort(function (a, b) {
      return a.label < b.label ? -1 : a.label > b.label ? 1 : 0;
    });
    var step = WIDTH / (unplaced.length + 1);
    unplaced.forEach(function (node, i) {
      points[node.id] = [step * (i + 1), BAND_TOP + BAND_HEIGHT / 2];
    });
    return {points: points, unplaced: unplaced.length};
  }

  function radius(degree) {
    return 2.2 + Math.sqrt(degree) * 0.9;
  }

  function strokeWidth(support) {
    return 0.8 + 1.3 * Math.sqrt(Math.max(1, support));
  }

  function arcPath(a, b, bend, ra, rb) {
    var dx = b[0] - a[0];
    var dy = b[1] - a[1];
    var dist = Math.sqrt(dx * dx + dy * dy);
    if (dist < 0.5) {
      // A flow within one place (countries rolled up to a region): a loop above it.
      var r = 6 + bend * 20;
      return "M" + fmt(a[0] - ra) + " " + fmt(a[1]) +
        "C" + fmt(a[0] - r) + " " + fmt(a[1] - 2 * r) + " " +
        fmt(a[0] + r) + " " + fmt(a[1] - 2 * r) + " " +
        fmt(a[0] + ra) + " " + fmt(a[1] - rb);
    }
    var cx = (a[0] + b[0]) / 2 - dy / dist * bend * dist;
    var cy = (a[1] + b[1]) / 2 + dx / dist * bend * dist;
    var s = shorten(a, [cx, cy], ra + 0.5);
    var e = shorten(b, [cx, cy], rb + 1.5);
    return "M" + fmt(s[0]) + " " + fmt(s[1]) + "Q" + fmt(cx) + " " + fmt(cy) + " " +
      fmt(e[0]) + " " + fmt(e[1]);
  }

  function shorten(point, towards, by) {
    var dx = towards[0] - point[0];
    var dy = towards[1] - point[1];
    var len = Math.sqrt(dx * dx + dy * dy) || 1;
    return [point[0] + dx / len * by, point[1] + dy / len * by];
  }

  // ------------------------------------------------------------------ details panel
  // Empties the panel, gives it a heading and a list, and returns row(name, value), which
  // adds a line for a value that is there (not empty) and skips it otherwise.
  function detailsList(panel, heading) {
    panel.textContent = "";
    html("h2", heading, panel);
    var list = html("dl", null, panel);
    return function row(name, value) {
      if (value === undefined || value === null || value === "" ||
          (Array.isArray(value) && value.length === 0)) {
        return;
      }
      html("dt", name, list);
      html("dd", Array.isArray(value) ? value.join(", ") : value, list);
    };
  }

  function showDetails(panel, edge, byId, routeYears) {
    var from = byId[edge.source] ? byId[edge.source].label : edge.source;
    var to = byId[edge.target] ? byId[edge.target].label : edge.target;
    var row = detailsList(panel, from + " \u2192 " + to);
    row("report", edge.year);
    row("route stated in", routeYears);
    row("stated by", byId[edge.reporter] ? byId[edge.reporter].label : edge.reporter);
    row("forms", edge.formLabels);
    row("victims", edge.victims);
    row("sectors", edge.sectors);
    row("via", (edge.via || []).map(function (id) {
      return byId[id] ? byId[id].label : id;
    }));
    row("certainty", edge.certainty);
    row("sentences", edge.support);
    (edge.texts || []).forEach(function (text, i) {
      var quote = html("blockquote", text, panel);
      if (edge.sentences && edge.sentences[i]) {
        html("span", edge.sentences[i], quote, "iri");
      }
    });
    html("span", edge.id, panel, "iri");
  }

  function showPlace(panel, node, degree) {
    var row = detailsList(panel, node.label);
    row("code", node.id);
    row("tiers", node.tiers ? Object.keys(node.tiers).sort().map(function (year) {
      return year + ": " + node.tiers[year];
    }) : null);
    row("roles", node.roles);
    row("regions", node.regions);
    row("members", node.members);
    row("years", node.years);
    row("flows", degree);
    html("span", node.iri, panel, "iri");
  }

  // ------------------------------------------------------------------ zoom and pan
  function enableZoom(map, withBand, changed) {
    var view = {x: 0, y: 0, w: WIDTH, h: withBand ? BAND_TOP + BAND_HEIGHT + 4 : HEIGHT};
    var full = {x: view.x, y: view.y, w: view.w, h: view.h};
    var pointers = {};
    var pinch = null;
    function apply() {
      map.setAttribute("viewBox", [fmt(view.x), fmt(view.y), fmt(view.w), fmt(view.h)].join(" "));
      changed();
    }
    function toUser(x, y) {
      var box = map.getBoundingClientRect();
      return [view.x + (x - box.left) / box.width * view.w,
        view.y + (y - box.top) / box.height * view.h];
    }
    // Zoom by factor (< 1: in) keeping the user-space point at where it is on screen.
    function zoomAt(factor, at) {
      var w = Math.min(full.w, Math.max(full.w / 16, view.w * factor));
      var k = w / view.w;
      view.x = at[0] - (at[0] - view.x) * k;
      view.y = at[1] - (at[1] - view.y) * k;
      view.w = w;
      view.h = view.h * k;
      apply();
    }
    function centre() {
      return [view.x + view.w / 2, view.y + view.h / 2];
    }
    map.addEventListener("wheel", function (event) {
      event.preventDefault();
      zoomAt(event.deltaY < 0 ? 0.8 : 1.25, toUser(event.clientX, event.clientY));
    }, {passive: false});
    // Pointer events: a mouse drag or one finger pans, two fingers pinch. Pointers are kept
    // in screen pixels, so a pan or pinch does not move under the finger as the view changes.
    map.addEventListener("pointerdown", function (event) {
      pointers[event.pointerId] = [event.clientX, event.clientY];
      pinch = null;
    });
    function release(event) {
      delete pointers[event.pointerId];
      pinch = null;
    }
    map.addEventListener("pointerup", release);
    map.addEventListener("pointercancel", release);
    map.addEventListener("pointerleave", release);
    map.addEventListener("pointermove", function (event) {
      var from = pointers[event.pointerId];
      if (!from) {
        return;
      }
      var now = [event.clientX, event.clientY];
      pointers[event.pointerId] = now;
      var ids = Object.keys(pointers);
      if (ids.length === 1) {
        var box = map.getBoundingClientRect();
        view.x -= (now[0] - from[0]) / box.width * view.w;
        view.y -= (now[1] - from[1]) / box.height * view.h;
        apply();
        return;
      }
      var a = pointers[ids[0]];
      var b = pointers[ids[1]];
      var gap = Math.sqrt(Math.pow(a[0] - b[0], 2) + Math.pow(a[1] - b[1], 2));
      if (pinch && gap > 0) {
        zoomAt(pinch / gap, toUser((a[0] + b[0]) / 2, (a[1] + b[1]) / 2));
      }
      pinch = gap;
    });
    map.addEventListener("dblclick", function () {
      view = {x: full.x, y: full.y, w: full.w, h: full.h};
      apply();
    });
    // The keyboard: + and - zoom, the arrows pan, 0 shows the whole map again.
    map.addEventListener("keydown", function (event) {
      var step = 0.15;
      var moves = {ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step],
        ArrowDown: [0, step]};
      if (event.key === "+" || event.key === "=") {
        zoomAt(0.8, centre());
      } else if (event.key === "-" || event.key === "_") {
        zoomAt(1.25, centre());
      } else if (event.key === "0") {
        view = {x: full.x, y: full.y, w: full.w, h: full.h};
        apply();
      } else if (moves[event.key]) {
        view.x += moves[event.key][0] * view.w;
        view.y += moves[event.key][1] * view.h;
        apply();
      } else {
        return;
      }
      event.preventDefault();
    });
    apply();
    return {view: function () {
      return {x: view.x, y: view.y, w: view.w, h: view.h};
    }};
  }

  // ------------------------------------------------------------------ the page
  // The year player's step: long enough to read a year's map, short enough to watch 25.
  var PLAY_STEP_MS = 1500;

  // Degree (flows at each place), the places by id, and the countries on the map.
  function indexPlaces(data) {
    var index = {byId: {}, degree: {}, present: {}};
    data.nodes.forEach(function (node) {
      index.byId[node.id] = node;
      index.degree[node.id] = 0;
      if (node.iso3) {
        index.present[node.iso3] = true;
      }
    });
    data.edges.forEach(function (edge) {
      index.degree[edge.source] = (index.degree[edge.source] || 0) + 1;
      index.degree[edge.target] = (index.degree[edge.target] || 0) + 1;
    });
    return index;
  }

  // The band under the map that holds the places without coordinates.
  function drawBand(map, before) {
    var band = svg("rect", {"class": "band", x: 0, y: BAND_TOP, width: WIDTH,
      height: BAND_HEIGHT});
    var bandLabel = svg("text", {"class": "band-label", x: 4, y: BAND_TOP + 9});
    bandLabel.textContent = "places without coordinates";
    map.insertBefore(band, before);
    map.insertBefore(bandLabel, before);
  }

  function drawMarkers(markers, colours) {
    Object.keys(colours).sort().forEach(function (key) {
      var marker = svg("marker", {
        id: "arrow-" + key, viewBox: "0 0 10 10", refX: 8, refY: 5,
        markerWidth: 6, markerHeight: 6, markerUnits: "userSpaceOnUse",
        orient: "auto-start-reverse"
      }, markers);
      svg("path", {d: "M0 0L10 5L0 10z", fill: colours[key]}, marker);
    });
  }

  // The options of the year, form and place filters; returns each form's label by id.
  function fillFilters(data, ui) {
    (data.years || []).forEach(function (year) {
      html("option", year, ui.year).value = String(year);
    });
    var formLabel = {};
    data.forms.forEach(function (form) {
      formLabel[form.id] = form.label;
      html("option", form.label, ui.form).value = form.id;
    });
    data.nodes.slice().sort(function (a, b) {
      var ka = (a.kind === "region" ? "1" : "0") + a.label;
      var kb = (b.kind === "region" ? "1" : "0") + b.label;
      return ka < kb ? -1 : ka > kb ? 1 : 0;
    }).forEach(function (node) {
      html("option", node.label + (node.kind === "region" ? " (region)" : ""),
        ui.place).value = node.id;
    });
    return formLabel;
  }

  // The report years each route (origin, destination) is stated in, for the details.
  function routeYearsOf(edges) {
    var routeYears = {};
    edges.forEach(function (edge) {
      var key = edge.source + "\u0000" + edge.target;
      var years = routeYears[key] = routeYears[key] || [];
      if (edge.year !== null && edge.year !== undefined && years.indexOf(edge.year) < 0) {
        years.push(edge.year);
        years.sort();
      }
    });
    return routeYears;
  }

  // One arc per flow; a second flow between the same places bends further out.
  function drawArcs(data, placed, index, formLabel, ui) {
    var routeYears = routeYearsOf(data.edges);
    var pairIndex = {};
    var arcs = data.edges.map(function (edge) {
      var key = edge.source + "\u0000" + edge.target;
      var k = pairIndex[key] || 0;
      pairIndex[key] = k + 1;
      edge.formLabels = (edge.forms || []).concat(edge.subforms || []).map(function (f) {
        return formLabel[f] || f;
      });
      var a = placed.points[edge.source];
      var b = placed.points[edge.target];
      var bend = 0.16 + 0.1 * k;
      var ra = radius(index.degree[edge.source]);
      var rb = radius(index.degree[edge.target]);
      var d = arcPath(a, b, bend, ra, rb);
      if (a[1] < HEIGHT && b[1] < HEIGHT && Math.abs(b[0] - a[0]) > WIDTH / 2) {
        // The short way round: to b's copy beyond the nearer edge, and from a's copy beyond
        // the other edge to b; the map's clip path cuts both at the edges.
        var shift = b[0] > a[0] ? -WIDTH : WIDTH;
        d = arcPath(a, [b[0] + shift, b[1]], bend, ra, rb) +
          arcPath([a[0] - shift, a[1]], b, bend, ra, rb);
      }
      var path = svg("path", {
        "class": "arc",
        d: d,
        stroke: edge.colour,
        "stroke-width": fmt(strokeWidth(edge.support)),
        "marker-end": "url(#arrow-" + edge.colourKey + ")",
        "data-flow": edge.id,
        "data-source": edge.source,
        "data-target": edge.target,
        tabindex: 0
      }, ui.arcs);
      var title = svg("title", {}, path);
      title.textContent = edge.label + " \u2014 " + edge.support + " sentence" +
        (edge.support === 1 ? "" : "s") + "\n" + (edge.texts || []).join("\n");
      function show() {
        arcs.forEach(function (other) {
          other.path.classList.remove("active");
        });
        path.classList.add("active");
        showDetails(ui.panel, edge, index.byId, routeYears[key]);
      }
      path.addEventListener("mouseenter", show);
      path.addEventListener("focus", show);
      return {edge: edge, path: path, show: show};
    });
    return arcs;
  }

  // One circle and label per place; choose(id) runs on a click or Enter.
  function drawPlaces(nodes, placed, degree, ui, choose) {
    return nodes.map(function (node) {
      var p = placed.points[node.id];
      var group = svg("g", {
        "class": "place " + (node.kind === "region" ? "region" : "country"),
        "data-place": node.id,
        "data-degree": degree[node.id],
        transform: "translate(" + fmt(p[0]) + " " + fmt(p[1]) + ")",
        tabindex: 0,
        role: "button",
        "aria-label": node.label + ": " + degree[node.id] + " flows; Enter filters by it"
      }, ui.places);
      svg("circle", {r: fmt(radius(degree[node.id]))}, group);
      var label = svg("text", {x: fmt(radius(degree[node.id]) + 1), y: 2.5}, group);
      label.textContent = node.iso3 || node.label;
      var title = svg("title", {}, group);
      title.textContent = node.label + (node.tier ? " (tier " + node.tier + ")" : "") +
        " \u2014 " + degree[node.id] + " flow" + (degree[node.id] === 1 ? "" : "s");
      function details() {
        showPlace(ui.panel, node, degree[node.id]);
      }
      group.addEventListener("mouseenter", details);
      group.addEventListener("focus", details);
      group.addEventListener("click", function () {
        choose(node.id);
      });
      group.addEventListener("keydown", function (event) {
        if (event.key === "Enter" || event.key === " ") {
          event.preventDefault();
          choose(node.id);
        }
      });
      return {node: node, group: group, label: label, point: p,
        radius: radius(degree[node.id])};
    });
  }

  // Hide the arcs and places the filters leave out; returns how many flows are shown.
  function applyFilters(arcs, places, ui) {
    var year = ui.year.value;
    var form = ui.form.value;
    var place = ui.place.value;
    var visible = {};
    var count = 0;
    arcs.forEach(function (arc) {
      var edge = arc.edge;
      var formOk = !form || edge.forms.indexOf(form) >= 0 ||
        (edge.subforms || []).indexOf(form) >= 0;
      var placeOk = !place || edge.source === place || edge.target === place ||
        (edge.via || []).indexOf(place) >= 0;
      var yearOk = !year || String(edge.year) === year;
      var on = yearOk && formOk && placeOk;
      arc.path.classList.toggle("hidden", !on);
      if (on) {
        count += 1;
        visible[edge.source] = true;
        visible[edge.target] = true;
        (edge.via || []).forEach(function (id) {
          visible[id] = true;
        });
      }
    });
    var filtered = Boolean(year || form || place);
    places.forEach(function (item) {
      var id = item.node.id;
      item.group.classList.toggle("hidden", filtered && !visible[id] && id !== place);
      item.group.classList.toggle("selected", id === place);
    });
    return count;
  }

  // Labels: LABEL_PX high on screen at any zoom; the places with most flows first, and a
  // label that would overlap one already placed is hidden (until a zoom makes room).
  function declutter(map, view, places) {
    var box = map.getBoundingClientRect();
    var perUnit = box.width > 0 ? box.width / view.w : 1;
    var size = LABEL_PX / perUnit;
    var taken = [];
    places.slice().sort(function (a, b) {
      return (b.radius - a.radius) || (a.node.id < b.node.id ? -1 : 1);
    }).forEach(function (item) {
      var label = item.label;
      label.setAttribute("font-size", fmt(size * 100) / 100);
      label.setAttribute("x", fmt(item.radius + size * 0.2));
      label.setAttribute("y", fmt(size * 0.35));
      var text = label.textContent || "";
      var rect = [item.point[0] + item.radius + size * 0.2, item.point[1] - size * 0.65,
        text.length * size * 0.62, size * 1.05];
      var inView = rect[0] < view.x + view.w && rect[0] + rect[2] > view.x &&
        rect[1] < view.y + view.h && rect[1] + rect[3] > view.y;
      var clash = taken.some(function (other) {
        return rect[0] < other[0] + other[2] && other[0] < rect[0] + rect[2] &&
          rect[1] < other[1] + other[3] && other[1] < rect[1] + rect[3];
      });
      var show = inView && !item.group.classList.contains("hidden") && !clash;
      label.classList.toggle("label-hidden", !show);
      if (show) {
        taken.push(rect);
        label.setAttribute("data-box", rect.map(function (v) {
          return fmt(v * 100) / 100;
        }).join(" "));
      } else {
        label.removeAttribute("data-box");
      }
    });
  }

  // The address's parameters (#year=2017&form=labor&play=1) as an object.
  function hashParams() {
    var params = {};
    window.location.hash.replace(/^#/, "").split("&").forEach(function (part) {
      var pair = part.split("=");
      if (pair.length === 2) {
        params[decodeURIComponent(pair[0])] = decodeURIComponent(pair[1]);
      }
    });
    return params;
  }

  // Set each filter from the address; a value the filter does not offer means everything.
  function readFilters(controls, params) {
    controls.forEach(function (item) {
      var select = item[1];
      var wanted = params[item[0]] || "";
      var known = Array.prototype.some.call(select.options, function (option) {
        return option.value === wanted;
      });
      select.value = known ? wanted : "";
    });
  }

  // The filters live in the address too (#year=2017&form=labor), so a view can be shared.
  function writeFilters(controls) {
    var parts = [];
    controls.forEach(function (item) {
      if (item[1].value) {
        parts.push(item[0] + "=" + encodeURIComponent(item[1].value));
      }
    });
    if (window.history && window.history.replaceState) {
      window.history.replaceState(null, "", parts.length ? "#" + parts.join("&") :
        window.location.pathname + window.location.search);
    }
  }

  // The year slider and the play button beside the year filter: the slider's first stop is
  // every year, then one stop per report year; Play shows the years one after another from
  // the one after the current (from the first at the end or on every year) and stops on the
  // newest. Both are hidden for a graph of fewer than two years. changed() redraws.
  function yearPlayer(select, slider, button, changed) {
    var years = Array.prototype.map.call(select.options, function (option) {
      return option.value;
    }).filter(Boolean);
    var timer = null;
    function sync() {
      var at = years.indexOf(select.value) + 1;
      slider.value = String(at);
      slider.setAttribute("aria-valuetext", at ? years[at - 1] : "all years");
    }
    function stop() {
      if (timer !== null) {
        window.clearInterval(timer);
        timer = null;
      }
      button.textContent = "play";
      button.setAttribute("aria-pressed", "false");
    }
    function step() {
      var at = years.indexOf(select.value);
      select.value = years[at + 1];
      changed();
      if (at + 2 >= years.length) {
        stop();
      }
    }
    function play() {
      if (years.indexOf(select.value) + 1 >= years.length) {
        select.value = "";
      }
      button.textContent = "pause";
      button.setAttribute("aria-pressed", "true");
      step();
      if (years.indexOf(select.value) + 1 < years.length) {
        timer = window.setInterval(step, PLAY_STEP_MS);
      }
    }
    if (years.length < 2) {
      slider.hidden = true;
      button.hidden = true;
      return {sync: sync, play: function () {}, stop: stop};
    }
    slider.min = "0";
    slider.max = String(years.length);
    slider.step = "1";
    slider.addEventListener("input", function () {
      stop();
      var at = Number(slider.value);
      select.value = at ? years[at - 1] : "";
      changed();
    });
    button.addEventListener("click", function () {
      if (timer === null) {
        play();
      } else {
        stop();
      }
    });
    stop();
    return {sync: sync, play: play, stop: stop};
  }

  function drawLegend(legend, data) {
    var usedColours = {};
    data.edges.forEach(function (edge) {
      usedColours[edge.colourKey] = true;
    });
    data.forms.filter(function (form) {
      return form.top;
    }).concat([{id: "mixed", label: "several forms"},
      {id: "none", label: "form not stated"}]).forEach(function (form) {
      if (!data.colours[form.id] || !usedColours[form.id]) {
        return;
      }
      var item = html("span", null, legend);
      var swatch = html("span", null, item, "swatch");
      swatch.style.background = data.colours[form.id];
      item.appendChild(document.createTextNode(form.label));
    });
    html("span", "width: number of sentences stating the flow (1, 4, 9 \u2026)", legend);
  }

  function main() {
    var data = readJSON("flowmap-data");
    var world = readJSON("flowmap-world");
    var byIdOf = function (id) {
      return document.getElementById(id);
    };
    var ui = {
      map: byIdOf("flowmap"), arcs: byIdOf("arcs"), places: byIdOf("places"),
      panel: byIdOf("details"), shown: byIdOf("shown"), year: byIdOf("year-filter"),
      form: byIdOf("form-filter"), place: byIdOf("country-filter")
    };
    // The filters, by the name each has in the address (#year=2017&form=labor&place=JAM).
    var controls = [["year", ui.year], ["form", ui.form], ["place", ui.place]];

    var index = indexPlaces(data);
    drawWorld(byIdOf("land"), world, index.present);
    var placed = layout(data.nodes);
    if (placed.unplaced > 0) {
      drawBand(ui.map, ui.arcs);
    }
    drawMarkers(byIdOf("markers"), data.colours);
    var formLabel = fillFilters(data, ui);
    var arcs = drawArcs(data, placed, index, formLabel, ui);
    var places = drawPlaces(data.nodes, placed, index.degree, ui, function (id) {
      ui.place.value = ui.place.value === id ? "" : id;
      change();
    });
    var zoom = null;
    function relabel() {
      if (zoom) {
        declutter(ui.map, zoom.view(), places);
      }
    }
    var player = yearPlayer(ui.year, byIdOf("year-slider"), byIdOf("year-play"), change);
    function apply() {
      var count = applyFilters(arcs, places, ui);
      ui.shown.textContent = count + " of " + arcs.length + " flows shown";
      player.sync();
      relabel();
    }
    function change() {
      apply();
      writeFilters(controls);
    }
    function readHash() {
      var params = hashParams();
      readFilters(controls, params);
      // #flow=<IRI> opens one flow's sentences, for a link to a statement.
      arcs.forEach(function (arc) {
        if (params.flow && arc.edge.id === params.flow) {
          arc.show();
        }
      });
      return params;
    }
    controls.forEach(function (item) {
      item[1].addEventListener("change", function () {
        player.stop();
        change();
      });
    });
    byIdOf("reset").addEventListener("click", function () {
      player.stop();
      controls.forEach(function (item) {
        item[1].value = "";
      });
      change();
    });
    window.addEventListener("hashchange", function () {
      readHash();
      apply();
    });
    var params = readHash();
    drawLegend(byIdOf("legend"), data);
    zoom = enableZoom(ui.map, placed.unplaced > 0, relabel);
    window.addEventListener("resize", relabel);
    apply();
    // #play=1 starts the year player, for a link that shows the years one after another.
    if (params.play === "1") {
      player.play();
    }
    document.body.setAttribute("data-flowmap", "ready");
  }

  window.addEventListener("error", function (event) {
    var status = document.getElementById("status");
    if (status) {
      status.textContent = "The flow map could not be drawn: " + event.message;
    }
  });

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", main);
  } else {
    main();
  }
}());
