// plotly.js with the trace types Gösterge's figure builders emit (dashboard/figures, dashboard/geography):
// scatter (in core), bar, choropleth, sunburst. A figure of any other type draws nothing: add its module here,
// rebuild (npm run build) and extend tests/dashboard/test_delivery.py's list.
var Plotly = require('plotly.js/lib/core');

Plotly.register([require('plotly.js/lib/bar'), require('plotly.js/lib/choropleth'), require('plotly.js/lib/sunburst')]);

module.exports = Plotly;
