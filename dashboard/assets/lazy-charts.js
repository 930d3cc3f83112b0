/* Charts drawn when they come near the view, and plotly.js fetched for the first of them (issue 16).

   A chart's place (div.chart-slot, dashboard/figures/alternative.py) holds the graph's properties in a
   store; when the place comes within a margin of the view, this script sets the place's "near" store,
   and the clientside callback gosterge.drawChart below puts the graph there. A place in a closed fold
   has no box, so its chart is drawn when the fold opens. Once no new chart place has come for a few seconds,
   the charts not yet drawn are drawn one at a time while the browser is idle, so that a page printed
   (or scrolled) later has every chart; the print event itself comes too late to draw one.

   dcc.Graph fetches plotly.js from window._dashPlotlyJSURL when window.Plotly is not defined; Dash sets
   that to its full plotly.min.js (4.6 MiB). The page names our bundle of the trace types the figures
   use, under its versioned address, in <meta name="gosterge-plotly"> (dashboard/delivery.py): that one
   is fetched instead, and only on a page that draws a chart. Nothing is fetched from elsewhere.

   The bundle is asked for as soon as a page's first chart place is in the document, and a chart is put
   in its place once the bundle has run: dcc.Graph then finds window.Plotly and fetches nothing. Waiting
   for the graph to ask (after the place is seen near the view and the graph is mounted) left the browser
   idle for about 100 ms of a full load, and the bundle is fetched once either way. */
(function () {
  "use strict";
  var MARGIN = "300px 0px";  /* drawn a little before it scrolls into view */
  var STILL_MS = 3000;  /* no new chart places this long: the rest are drawn in idle time */
  var meta = document.querySelector('meta[name="gosterge-plotly"]');
  if (meta && meta.content) {
    var bundle = meta.content;
    Object.defineProperty(window, "_dashPlotlyJSURL", {
      configurable: true,
      get: function () { return bundle; },
      set: function () { /* Dash's renderer sets its own address: ours stays */ }
    });
  }

  window.dash_clientside = Object.assign({}, window.dash_clientside);
  window.dash_clientside.gosterge = Object.assign({}, window.dash_clientside.gosterge, {
    drawChart: function (near, graph) {
      if (!near || !graph) { return window.dash_clientside.no_update; }
      return graph;  /* the dcc.Graph component, as the server wrote it */
    }
  });

  var watched = new WeakSet();
  var drawn = new WeakSet();
  var plotly = null;  /* the bundle's load, once asked */

  function loadPlotly() {
    if (window.Plotly || !window._dashPlotlyJSURL) { return Promise.resolve(); }
    if (!plotly) {
      plotly = new Promise(function (resolve) {
        var script = document.createElement("script");
        script.src = window._dashPlotlyJSURL;
        script.async = true;
        /* on an error dcc.Graph asks for it again, and reports what it meets */
        script.onload = script.onerror = function () { resolve(); };
        document.head.appendChild(script);
      });
    }
    return plotly;
  }

  function draw(slot) {
    if (drawn.has(slot) || !window.dash_clientside.set_props) { return; }
    drawn.add(slot);
    loadPlotly().then(function () {
      if (!slot.isConnected) { return; }  /* the page was left while the bundle loaded */
      window.dash_clientside.set_props({ type: "chart-near", chart: slot.getAttribute("data-chart-slot") }, { data: true });
    });
  }

  var observer = "IntersectionObserver" in window
    ? new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (entry.isIntersecting) {
          observer.unobserve(entry.target);
          draw(entry.target);
        }
      });
    }, { rootMargin: MARGIN })
    : null;

  function watch() {
    var slots = document.querySelectorAll("div.chart-slot[data-chart-slot]");
    var found = false;
    for (var index = 0; index < slots.length; index++) {
      var slot = slots[index];
      /* a place in the page written into the document is drawn by assets/first-paint.js, not Dash */
      if (watched.has(slot) || slot.closest(".first-paint-page")) { continue; }
      watched.add(slot);
      if (!found) { loadPlotly(); }
      found = true;
      if (observer) { observer.observe(slot); } else { draw(slot); }
    }
    return found;
  }

  var idle = window.requestIdleCallback || function (callback) { return window.setTimeout(callback, 50); };
  var stillTimer = null;

  function drawRestWhenIdle() {
    var slots = document.querySelectorAll("div.chart-slot[data-chart-slot]");
    for (var index = 0; index < slots.length; index++) {
      if (!drawn.has(slots[index]) && !slots[index].closest(".first-paint-page")) {
        if (observer) { observer.unobserve(slots[index]); }
        draw(slots[index]);
        idle(drawRestWhenIdle, { timeout: 2000 });  /* one chart per idle period */
        return;
      }
    }
  }

  function rested() {
    window.clearTimeout(stillTimer);
    stillTimer = window.setTimeout(function () { idle(drawRestWhenIdle, { timeout: 2000 }); }, STILL_MS);
  }

  var pending = false;
  new MutationObserver(function () {
    if (pending) { return; }
    pending = true;
    window.requestAnimationFrame(function () { pending = false; if (watch()) { rested(); } });
  }).observe(document.documentElement, { childList: true, subtree: true });

  window.addEventListener("beforeprint", function () {
    Array.prototype.forEach.call(document.querySelectorAll("#react-entry-point div.chart-slot[data-chart-slot]"), draw);
  });
})();
