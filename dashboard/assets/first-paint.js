/* The page the server wrote into the document (dashboard/first_paint.py), shown until Dash has drawn its own.

   Run right after the written page, before Dash's scripts: it marks the document (html.first-paint, which
   style.css uses to draw Dash's page hidden in the same place) and draws the written page's charts in view
   from their figures (plotly.js comes just before this script on a page with a chart). Dash's scripts are
   held in the document (type HELD) and run here in their order once the written page has had its frame:
   run as they were, their 1.5 MiB was evaluated before the browser drew anything. Once Dash's page is in
   and as many of its charts are drawn, the written page is removed and Dash's shown. The written page is
   inert and hidden from screen readers (Dash's is the one they and the keyboard meet); should Dash not
   come within LONGEST_MS, it is made usable as it is (its links are plain links). */
(function () {
  "use strict";
  var LONGEST_MS = 6000;
  var HELD = "application/x-gosterge-held";  /* dashboard/first_paint.py, HELD */
  var MARGIN = 300;  /* px below the view still drawn, as assets/lazy-charts.js does */
  var page = document.querySelector(".first-paint-page");
  if (!page) { return; }
  page.setAttribute("inert", "");  /* the keyboard and screen readers meet Dash's page, not this copy */
  page.setAttribute("aria-hidden", "true");
  var root = document.documentElement;
  root.classList.add("first-paint");
  var mark = window.performance && performance.mark ? function (name) { performance.mark(name); } : function () {};
  mark("first-paint:start");

  var charts = 0;
  if (window.Plotly) {
    var places = page.querySelectorAll(".first-paint-chart");
    for (var index = 0; index < places.length; index++) {
      var place = places[index];
      var box = place.getBoundingClientRect();
      if (!box.width || box.top > window.innerHeight + MARGIN) { continue; }  /* folded, or far below */
      var spec = JSON.parse(place.querySelector('script[type="application/json"]').textContent);
      var config = Object.assign({}, spec.config, { staticPlot: true });
      window.Plotly.newPlot(place.querySelector(".first-paint-plot"), spec.figure.data || [], spec.figure.layout || {}, config);
      charts++;
    }
  }
  mark("first-paint:drawn");

  function dashDrawn() {
    var entry = document.getElementById("react-entry-point");
    var content = entry && entry.querySelector("#_pages_content");
    if (!content || !content.firstElementChild) { return false; }
    var drawn = 0;
    var plots = entry.querySelectorAll(".js-plotly-plot");
    for (var index = 0; index < plots.length; index++) {
      if (plots[index].querySelector(".main-svg")) { drawn++; }
    }
    return drawn >= charts;
  }

  var observer = null;
  var timer = null;
  function handOver() {
    if (observer) { observer.disconnect(); }
    window.clearTimeout(timer);
    if (page.parentNode) { page.parentNode.removeChild(page); }
    root.classList.remove("first-paint");
    mark("first-paint:handed-over");
  }
  var pending = false;
  observer = new MutationObserver(function () {
    if (pending) { return; }
    pending = true;
    window.requestAnimationFrame(function () { pending = false; if (dashDrawn()) { handOver(); } });
  });
  observer.observe(root, { childList: true, subtree: true });
  timer = window.setTimeout(function () {
    if (dashDrawn()) { handOver(); return; }
    page.removeAttribute("inert");  /* Dash has not come: the written page, usable as it is */
    page.removeAttribute("aria-hidden");
  }, LONGEST_MS);

  /* Dash's scripts, held in the document, in their order (async = false keeps it), the renderer's start
     (inline, its text as the server wrote it) once the last of them has run */
  function boot() {
    mark("first-paint:boot");
    var held = document.querySelectorAll('script[type="' + HELD + '"]');
    var inline = [];
    var last = null;
    for (var index = 0; index < held.length; index++) {
      var item = held[index];
      if (item.hasAttribute("data-src")) {
        var script = document.createElement("script");
        script.src = item.getAttribute("data-src");
        script.async = false;
        item.parentNode.replaceChild(script, item);
        last = script;
      } else {
        inline.push(item);
      }
    }
    function start() {
      inline.forEach(function (item) {
        var script = document.createElement("script");
        script.textContent = item.textContent;
        item.parentNode.replaceChild(script, item);
      });
    }
    if (last) {
      last.addEventListener("load", start);
      last.addEventListener("error", start);  /* as the end of the body did: the scripts after a failed one run */
    } else {
      start();
    }
  }

  /* after the written page's frame: a frame, then a task; a page in a background tab draws no frames */
  function afterFrame(run) {
    var done = false;
    function once() { if (!done) { done = true; run(); } }
    window.requestAnimationFrame(function () { window.setTimeout(once, 0); });
    window.setTimeout(once, 100);
  }
  document.addEventListener("DOMContentLoaded", function () { afterFrame(boot); });
})();
