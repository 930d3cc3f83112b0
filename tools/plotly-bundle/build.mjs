// Builds ../../dashboard/assets/plotly-gosterge.min.js from index.js (npm ci && npm run build).
// dcc.Graph draws with window.Plotly when a script defines it before the graph loads, so this file in the
// Dash assets folder replaces the full plotly.min.js (4.8 MB) that Dash would otherwise fetch.
import { readFileSync } from 'node:fs';
import { build } from 'esbuild';

const version = JSON.parse(readFileSync('node_modules/plotly.js/package.json', 'utf8')).version;

await build({
    entryPoints: ['index.js'],
    outfile: '../../dashboard/assets/plotly-gosterge.min.js',
    bundle: true,
    minify: true,
    format: 'iife',
    globalName: 'Plotly',
    target: 'es2016',
    legalComments: 'none',
    alias: { stream: 'stream-browserify' },
    // the only stylesheet plotly.js imports is maplibre's, for map traces, which this bundle leaves out
    loader: { '.css': 'empty' },
    define: { global: 'window', 'define.amd': 'false', 'process.env.NODE_DEBUG': 'false' },
    banner: {
        js: `/*! plotly.js ${version} (MIT, https://plotly.com/javascript/) with scatter, bar, choropleth and sunburst only: built by tools/plotly-bundle */`,
    },
    logLevel: 'info',
});
