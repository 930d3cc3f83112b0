/* Size Plotly charts to the printed page (A4 portrait less margins) while printing, and back after.
   Owned by the exports (see print.css). */
(function () {
  "use strict";
  var PRINT_WIDTH_PX = 700; /* 190 mm at 96 dpi is 718 px; a little less for borders */

  function charts() {
    return Array.prototype.slice.call(document.querySelectorAll(".js-plotly-plot"));
  }

  window.addEventListener("beforeprint", function () {
    if (!window.Plotly) { return; }
    charts().forEach(function (chart) {
      var width = Math.min(PRINT_WIDTH_PX, chart.getBoundingClientRect().width || PRINT_WIDTH_PX);
      chart.setAttribute("data-print-resized", "1");
      window.Plotly.relayout(chart, { width: width });
    });
  });

  window.addEventListener("afterprint", function () {
    if (!window.Plotly) { return; }
    charts().forEach(function (chart) {
      if (chart.getAttribute("data-print-resized") !== "1") { return; }
      chart.removeAttribute("data-print-resized");
      window.Plotly.relayout(chart, { width: null, autosize: true });
      window.Plotly.Plots.resize(chart);
    });
  });
})();
