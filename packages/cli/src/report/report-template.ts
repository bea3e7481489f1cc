/**
 * The Eta template of the evaluation report: one self-contained HTML page (inline CSS, inline
 * SVG charts, images as data URIs, no external URL). `it` is a {@link ReportView}.
 *
 * @internal
 */
export const REPORT_TEMPLATE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>PatchCore report: <%= it.category %></title>
<link rel="icon" href="data:,">
<style>
body { font-family: system-ui, sans-serif; margin: 1.5rem; color: #222; max-width: 1200px; }
h1 { font-size: 1.5rem; } h2 { font-size: 1.15rem; margin-top: 2rem; }
table { border-collapse: collapse; } td, th { padding: 0.3rem 0.8rem; border-bottom: 1px solid #ddd; text-align: left; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.charts { display: flex; flex-wrap: wrap; gap: 2rem; }
.grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(220px, 1fr)); gap: 1rem; }
figure { margin: 0; } figure img { width: 100%; height: auto; display: block; }
figcaption { font-size: 0.8rem; overflow-wrap: break-word; }
.muted { color: #666; font-size: 0.85rem; }
.legend span { display: inline-block; width: 0.8rem; height: 0.8rem; vertical-align: middle; margin: 0 0.3rem 0 1rem; }
pre { background: #f6f6f6; padding: 0.8rem; overflow: auto; font-size: 0.8rem; }
</style>
</head>
<body>
<h1>PatchCore report: <%= it.category %></h1>
<p class="muted">Model <code><%= it.modelDir %></code>, data <code><%= it.dataPath %></code>, <%= it.imageCount %> test images (<%= it.defectiveCount %> defective), written <%= it.generatedAt %>.</p>

<h2>Metrics</h2>
<table id="metrics">
<thead><tr><th>metric</th><th>value</th><th>note</th></tr></thead>
<tbody>
<% it.metrics.forEach(function (m) { %><tr><td><%= m.name %></td><td class="num"><%= m.value %></td><td class="muted"><%= m.note %></td></tr>
<% }) %></tbody>
</table>

<h2>Image scores</h2>
<div class="charts">
<figure id="roc"><%~ it.rocSvg %><figcaption>Image-level ROC curve (image AUROC <%= it.imageAurocText %>).</figcaption></figure>
<figure id="histogram"><%~ it.histogramSvg %><figcaption>Image scores of nominal (good) and defective test images.</figcaption></figure>
</div>

<h2>Worst cases</h2>
<p class="muted legend">Defective images with the lowest scores and nominal images with the highest, ranked by how wrong their score is. Heat map: blue low, red high (one scale for the whole test set).<span style="background:#0f0"></span>ground truth<% if (it.thresholdText !== undefined) { %><span style="background:#fff;border:1px solid #999"></span>predicted region (score ≥ <%= it.thresholdText %>)<% } %></p>
<div class="grid" id="worst">
<% it.worst.forEach(function (c) { %><figure><img src="<%= c.src %>" alt="<%= c.alt %>"><figcaption><% c.nameParts.forEach(function (part) { %><%= part %><wbr><% }) %> <%= c.details %></figcaption></figure>
<% }) %></div>

<h2>Best cases</h2>
<div class="grid" id="best">
<% it.best.forEach(function (c) { %><figure><img src="<%= c.src %>" alt="<%= c.alt %>"><figcaption><% c.nameParts.forEach(function (part) { %><%= part %><wbr><% }) %> <%= c.details %></figcaption></figure>
<% }) %></div>

<h2>Configuration</h2>
<pre><%= it.configJson %></pre>
</body>
</html>
`;
