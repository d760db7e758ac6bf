#include "report/page.hpp"

#include "base/json_text.hpp"
#include "coverage/technology.hpp"
#include "report/html.hpp"
#include "report/map_data.hpp"
#include "report/svg_chart.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

namespace coverage::report {
namespace {

using html::escape;

// Leaflet's licence (BSD-2-Clause), reproduced with the inlined library as it requires.
constexpr std::string_view leaflet_licence = R"(Leaflet (https://leafletjs.com), inlined from Debian's libjs-leaflet.
Copyright (c) 2010-2019, Vladimir Agafonkin
Copyright (c) 2010-2011, CloudMade
All rights reserved.

Redistribution and use in source and binary forms, with or without modification, are
permitted provided that the following conditions are met:

   1. Redistributions of source code must retain the above copyright notice, this list of
      conditions and the following disclaimer.

   2. Redistributions in binary form must reproduce the above copyright notice, this list
      of conditions and the following disclaimer in the documentation and/or other materials
      provided with the distribution.

THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS "AS IS" AND ANY
EXPRESS OR IMPLIED WARRANTIES, INCLUDING, BUT NOT LIMITED TO, THE IMPLIED WARRANTIES OF
MERCHANTABILITY AND FITNESS FOR A PARTICULAR PURPOSE ARE DISCLAIMED. IN NO EVENT SHALL THE
COPYRIGHT HOLDERS OR CONTRIBUTORS BE LIABLE FOR ANY DIRECT, INDIRECT, INCIDENTAL, SPECIAL,
EXEMPLARY, OR CONSEQUENTIAL DAMAGES (INCLUDING, BUT NOT LIMITED TO, PROCUREMENT OF SUBSTITUTE
GOODS OR SERVICES; LOSS OF USE, DATA, OR PROFITS; OR BUSINESS INTERRUPTION) HOWEVER CAUSED
AND ON ANY THEORY OF LIABILITY, WHETHER IN CONTRACT, STRICT LIABILITY, OR TORT (INCLUDING
NEGLIGENCE OR OTHERWISE) ARISING IN ANY WAY OUT OF THE USE OF THIS SOFTWARE, EVEN IF
ADVISED OF THE POSSIBILITY OF SUCH DAMAGE.)";

constexpr std::string_view page_css = R"CSS(
:root{--ink:#1a1a1a;--muted:#555;--rule:#d0d0d0;--band:#f4f4f2}
*{box-sizing:border-box}
body{margin:0;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;color:var(--ink);background:#fff}
header,main,footer{max-width:1280px;margin:0 auto;padding:0 20px}
header{padding-top:14px;border-bottom:3px solid var(--ink)}
h1{font-size:26px;margin:0 0 4px}
h2{font-size:19px;margin:22px 0 8px;border-bottom:1px solid var(--rule);padding-bottom:3px}
.provenance{color:var(--muted);margin:0 0 10px}
.note{color:var(--muted);font-size:13px;margin:4px 0}
.missing{background:#fff4d6;border-left:4px solid #E69F00;padding:6px 10px;font-size:14px;margin:6px 0}
.mismatch{background:#fde2d6;border-left:4px solid #D55E00;padding:6px 10px;font-size:14px}
.headline-figures{display:flex;flex-wrap:wrap;gap:10px 28px;margin:8px 0}
.figure{min-width:140px}.figure b{display:block;font-size:24px}.figure span{color:var(--muted);font-size:13px}
svg.bar{width:100%;height:28px;display:block;margin:8px 0 2px}
ul.bar-labels{list-style:none;padding:0;margin:4px 0 10px;display:flex;flex-wrap:wrap;gap:4px 18px;font-size:14px}
.swatch{display:inline-block;width:14px;height:14px;border:1px solid #333;margin-right:6px;vertical-align:-2px}
.swatch.round{border-radius:50%}
.swatch.line{height:0;border:0;border-top:3px solid;width:22px;vertical-align:4px}
.map-layout{display:grid;grid-template-columns:1fr 250px;gap:14px}
#map{height:560px;border:1px solid var(--rule);background:#eef1f4}
.legend{font-size:13px}.legend h3{font-size:14px;margin:0 0 4px}.legend ul{list-style:none;padding:0;margin:0 0 12px}
.legend li{margin:2px 0}
.area-label{background:rgba(255,255,255,.8);border:0;box-shadow:none;font-size:11px;font-weight:600;padding:0 3px}
.table-wrap{overflow-x:auto}
table{border-collapse:collapse;font-size:14px;margin:6px 0 10px;font-variant-numeric:tabular-nums}
th,td{padding:3px 9px;border-bottom:1px solid var(--rule);text-align:right;white-space:nowrap}
th:first-child,td:first-child,td.text,th.text{text-align:left}
td.wrap{white-space:normal;text-align:left;max-width:420px}
thead th{background:var(--band);position:sticky;top:0}
table.sortable thead th{cursor:pointer;user-select:none}
table.sortable thead th::after{content:" \2195";color:#999;font-size:11px}
table.sortable thead th[aria-sort=ascending]::after{content:" \2191";color:var(--ink)}
table.sortable thead th[aria-sort=descending]::after{content:" \2193";color:var(--ink)}
td.empty{font-style:italic;color:var(--muted)}
tfoot td{font-weight:700;border-top:2px solid var(--ink)}
tfoot tr.remainder td{font-weight:400;color:var(--muted);border-top:1px solid var(--rule)}
code{font-size:12px;word-break:break-all}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(420px,1fr));gap:14px}
svg.chart{width:100%;height:auto;max-width:720px;font-size:12px}
svg.chart .grid{stroke:#e3e3e3}svg.chart .axis{stroke:#333}
svg.chart .reference{stroke:#333;stroke-dasharray:2 3}
svg.chart text{fill:#222}svg.chart .label{font-size:12px;fill:#444}
dl.figures{display:grid;grid-template-columns:max-content auto;gap:2px 14px;margin:6px 0}
dl.figures dt{color:var(--muted)}dl.figures dd{margin:0;font-weight:600;font-variant-numeric:tabular-nums}
.popup dl{display:grid;grid-template-columns:max-content auto;gap:1px 8px;margin:0;font-size:12px}
.popup dt{color:#666}.popup dd{margin:0;max-width:260px;overflow-wrap:anywhere}
footer{color:var(--muted);font-size:12px;border-top:1px solid var(--rule);margin-top:24px;padding-top:8px;padding-bottom:20px}
details pre{white-space:pre-wrap;font-size:11px}
@media (max-width:760px){
 body{font-size:14px}header,main,footer{padding:0 10px}h1{font-size:21px}
 .map-layout{grid-template-columns:1fr}#map{height:380px}
 .charts{grid-template-columns:1fr}
 th,td{padding:3px 6px}
}
@media print{
 @page{size:A4 landscape;margin:10mm}
 body{font-size:10pt}header,main,footer{max-width:none;padding:0}
 h1{font-size:16pt}h2{font-size:12pt;margin:8px 0 4px;break-after:avoid}section{break-inside:avoid-page}
 #headline,#map-section{break-inside:auto}.headline-figures{margin:2px 0}.figure b{font-size:15pt}
 .map-layout{grid-template-columns:1fr 200px}#map{height:105mm}
 #map,#map *,.legend *,svg,.swatch{-webkit-print-color-adjust:exact;print-color-adjust:exact}
 .leaflet-control-zoom,.leaflet-popup{display:none}
 thead th{position:static}table.sortable thead th::after{content:""}
 .table-wrap{overflow:visible}details{display:none}
 a{color:inherit;text-decoration:none}
}
)CSS";

constexpr std::string_view page_js = R"JS(
(function () {
  'use strict';
  var D = JSON.parse(document.getElementById('report-data').textContent);
  var T = D.texts;
  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }
  function popup(pairs) {
    var box = el('div', null, 'popup'), dl = el('dl');
    pairs.forEach(function (p) {
      if (p[1] === '' || p[1] === null || p[1] === undefined) return;
      dl.appendChild(el('dt', p[0]));
      dl.appendChild(el('dd', p[1]));
    });
    box.appendChild(dl);
    return box;
  }
  function fmt(n) { return Number(n).toLocaleString(D.locale); }

  // Sortable tables: click (or Enter on) a heading; numbers sort by data-v, text by its words.
  Array.prototype.forEach.call(document.querySelectorAll('table.sortable'), function (table) {
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) {
      th.tabIndex = 0;
      function sort() {
        var body = table.tBodies[0], col = th.cellIndex;
        var dir = th.getAttribute('aria-sort') === 'ascending' ? -1 : 1;
        Array.prototype.forEach.call(table.tHead.rows[0].cells, function (h) { h.removeAttribute('aria-sort'); });
        th.setAttribute('aria-sort', dir > 0 ? 'ascending' : 'descending');
        var key = function (row) {
          var c = row.cells[col], v = c.getAttribute('data-v');
          if (v === null) return c.textContent;
          return v === '' ? -Infinity : Number(v);
        };
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = key(a), y = key(b);
          var c = (typeof x === 'number' && typeof y === 'number') ? (x < y ? -1 : x > y ? 1 : 0)
                                                                   : String(x).localeCompare(String(y), D.locale);
          return c * dir;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      }
      th.addEventListener('click', sort);
      th.addEventListener('keydown', function (e) { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); sort(); } });
    });
  });

  var mapDiv = document.getElementById('map');
  if (!mapDiv || typeof L === 'undefined') { document.body.setAttribute('data-ready', 'true'); return; }
  var map = L.map(mapDiv, { preferCanvas: true, attributionControl: false, zoomSnap: 0.25 });
  // Panes: area polygons at the bottom, the planned network above them, addresses on top.
  map.createPane('network').style.zIndex = 420;
  map.createPane('addresses').style.zIndex = 440;
  var canvas = L.canvas({ padding: 0.3, pane: 'addresses' });
  var svg = L.svg();
  var netCanvas = L.canvas({ padding: 0.3, pane: 'network' });  // thousands of drops: canvas, not SVG
  var bounds = L.latLngBounds([]);
  var counts = { addresses: 0, cells: 0, areas: 0, network: 0 };
  var colours = D.classes.map(function (c) { return c.colour; });

  if (D.areas) {
    var areaLayer = L.geoJSON(D.areas, {
      renderer: svg,
      style: function (f) {
        var b = f.properties.bin;
        return { color: '#222', weight: 1.5, fillOpacity: 0.6, fillColor: b < 0 ? '#ffffff' : D.bins[b].colour };
      },
      onEachFeature: function (f, layer) {
        counts.areas++;
        var p = f.properties;
        layer.bindPopup(function () {
          return popup([[T.area, p.id], [T.addresses, fmt(p.addresses)], [T.eligible, fmt(p.eligible)],
                        [T.eligible_share, p.share === null ? T.no_address : p.share.toLocaleString(D.locale) + ' %']]);
        });
        if (D.areas.features.length <= 60)
          layer.bindTooltip(el('span', p.id), { permanent: true, direction: 'center', className: 'area-label' });
      }
    }).addTo(map);
    if (areaLayer.getBounds().isValid()) bounds.extend(areaLayer.getBounds());
  }
  if (D.network) {
    var netLayer = L.geoJSON(D.network, {
      renderer: netCanvas, pane: 'network',
      style: function (f) { return D.kinds[f.properties.kind] || D.kinds.other; },
      onEachFeature: function (f, layer) {
        counts.network++;
        var p = f.properties;
        layer.bindPopup(function () {
          return popup([[T.network, p.kind], ['m', fmt(p.length_m)], [T.cost, fmt(p.cost)], [T.addresses, fmt(p.addresses)]]);
        });
      }
    }).addTo(map);
    if (netLayer.getBounds().isValid()) bounds.extend(netLayer.getBounds());
  }
  // Addresses: one layer that draws every point on its own canvas (one Leaflet object per
  // point took minutes to open at 100,000 points) and finds the clicked point itself.
  var openPoint = function () { return null; }, pointLayer = null;
  if (D.points) {
    var S = D.strings, P = D.points;
    var dense = P.length > 5000, radius = dense ? 2.8 : 4;
    var PointLayer = L.Layer.extend({
      onAdd: function (m) {
        this._canvas = L.DomUtil.create('canvas', 'coverage-points');
        this._canvas.style.pointerEvents = 'none';
        m.getPane('addresses').appendChild(this._canvas);
        m.on('moveend zoomend resize viewreset', this.draw, this);
        this.draw();
      },
      onRemove: function (m) {
        L.DomUtil.remove(this._canvas);
        m.off('moveend zoomend resize viewreset', this.draw, this);
      },
      draw: function () {
        var m = this._map, size = m.getSize(), c = this._canvas, ratio = window.devicePixelRatio || 1;
        L.DomUtil.setPosition(c, m.containerPointToLayerPoint([0, 0]));
        c.width = Math.round(size.x * ratio);
        c.height = Math.round(size.y * ratio);
        c.style.width = size.x + 'px';
        c.style.height = size.y + 'px';
        var ctx = c.getContext('2d');
        ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
        this.xy = new Float64Array(P.length * 2);
        for (var i = 0; i < P.length; i++) {
          var q = m.latLngToContainerPoint([P[i][1], P[i][0]]);
          this.xy[2 * i] = q.x;
          this.xy[2 * i + 1] = q.y;
        }
        // One path per class, the last class first: the first (white, unserved: what funding
        // is about) is drawn on top.
        for (var k = colours.length - 1; k >= -1; k--) {
          ctx.beginPath();
          var any = false;
          for (var j = 0; j < P.length; j++) {
            if (P[j][2] !== k) continue;
            var x = this.xy[2 * j], y = this.xy[2 * j + 1];
            if (x < -radius || y < -radius || x > size.x + radius || y > size.y + radius) continue;
            ctx.moveTo(x + radius, y);
            ctx.arc(x, y, radius, 0, 2 * Math.PI);
            any = true;
          }
          if (!any) continue;
          ctx.fillStyle = k < 0 ? '#999999' : colours[k];
          ctx.fill();
          // One stroke per class path lies over the neighbours' fills: only for sparse maps,
          // where a white rim separates the circles; dense maps are fill only.
          if (!dense) {
            ctx.lineWidth = 0.8;
            ctx.strokeStyle = '#ffffff';
            ctx.stroke();
          }
        }
      },
      nearest: function (point) {
        var best = -1, limit = (radius + 3) * (radius + 3);
        for (var i = 0; i < P.length; i++) {
          var dx = this.xy[2 * i] - point.x, dy = this.xy[2 * i + 1] - point.y, d = dx * dx + dy * dy;
          if (d <= limit) { limit = d; best = i; }
        }
        return best;
      }
    });
    pointLayer = new PointLayer();
    openPoint = function (i) {
      var p = P[i], c = p[2];
      return L.popup().setLatLng([p[1], p[0]]).setContent(popup([[T.id, p[3]], [T['class'], c < 0 ? '' : D.classes[c].word],
        [T.best_offer, S[p[4]]], [T.reason, S[p[5]]], [T.providers, S[p[6]]]])).openOn(map);
    };
    P.forEach(function (p) { bounds.extend([p[1], p[0]]); });
    counts.addresses = P.length;
    map.on('click', function (e) {
      var i = pointLayer.nearest(e.containerPoint);
      if (i >= 0) openPoint(i);
    });
  }
  if (D.cells) {
    var cellLayer = L.geoJSON(D.cells, {
      renderer: canvas,
      style: function (f) { return { color: '#ffffff', weight: 0.3, fillOpacity: 0.9, fillColor: colours[f.properties.c] }; },
      onEachFeature: function (f, layer) {
        counts.cells++;
        var p = f.properties;
        layer.bindPopup(function () {
          var pairs = [[T.area, p.id], [T.addresses, fmt(p.n)]];
          p.counts.forEach(function (n, k) { if (n) pairs.push([D.classes[k].word, fmt(n)]); });
          return popup(pairs);
        });
      }
    }).addTo(map);
    if (cellLayer.getBounds().isValid()) bounds.extend(cellLayer.getBounds());
  }
  if (bounds.isValid()) map.fitBounds(bounds, { padding: [12, 12] });
  else map.setView([0, 0], 2);
  if (pointLayer) pointLayer.addTo(map);
  L.control.scale({ imperial: false }).addTo(map);
  mapDiv.setAttribute('data-address-features', String(counts.addresses));
  mapDiv.setAttribute('data-grid-cells', String(counts.cells));
  mapDiv.setAttribute('data-area-features', String(counts.areas));
  mapDiv.setAttribute('data-network-features', String(counts.network));
  // Printing changes the map's size. Refitting the view here left the area polygons out of
  // Chromium's PDF (their redraw is not done before it prints): keep the view, redraw points.
  function refit() {
    map.invalidateSize({ pan: false });
    if (pointLayer) pointLayer.draw();
  }
  window.addEventListener('beforeprint', refit);
  window.addEventListener('afterprint', refit);
  // For the browser test and the console.
  window.coverageReport = { map: map, openPoint: openPoint, points: D.points ? D.points.length : 0 };
  document.body.setAttribute('data-ready', 'true');
})();
)JS";

/// Compact axis labels for money: 12,000,000 -> "12 M" (en) / "12 Mio." (de).
std::string compact(const Locale& l, double v)
{
    const bool de = l.language() == Language::de;
    const double a = std::fabs(v);
    if (a >= 1e6) return l.number(v / 1e6, a >= 1e7 ? 0 : 1) + (de ? "\u00a0Mio." : "\u00a0M");
    if (a >= 1e3) return l.number(v / 1e3, a >= 1e4 ? 0 : 1) + (de ? "\u00a0Tsd." : "\u00a0k");
    return l.number(v, 0);
}

std::string money(const Locale& l, double v, const std::string& currency)
{
    return l.language() == Language::de ? l.number(v, 0) + "\u00a0" + currency : currency + "\u00a0" + l.number(v, 0);
}

/// <td> with the number shown in the locale and the raw value for sorting.
std::string num_cell(const Locale& l, std::int64_t v, std::string_view col = {})
{
    return fmt::format(R"(<td data-v="{}"{}>{}</td>)", v,
                       col.empty() ? "" : fmt::format(R"( data-col="{}")", escape(col)), l.integer(v));
}

std::string share_cell(const Locale& l, std::int64_t part, std::int64_t total, std::string_view col = {})
{
    const std::string attr = col.empty() ? "" : fmt::format(R"( data-col="{}")", escape(col));
    if (total == 0) return fmt::format(R"(<td data-v=""{}></td>)", attr);
    const double f = static_cast<double>(part) / static_cast<double>(total);
    return fmt::format(R"(<td data-v="{:.6f}"{}>{}</td>)", f, attr, l.percent(f));
}

std::string missing(std::string_view text) { return html::text_element("p", {{"class", "missing"}}, text); }

std::string section(std::string_view id, std::string_view heading, const std::string& body)
{
    return html::element("section", {{"id", std::string(id)}}, html::text_element("h2", {}, heading) + body);
}

std::string headline_section(const PageInput& in, const Locale& l)
{
    const Headline& h = in.headline;
    std::string b = R"(<div class="headline-figures">)";
    auto figure = [&](const std::string& value, std::string_view label, std::string_view id) {
        b += fmt::format(R"(<div class="figure" id="{}"><b>{}</b><span>{}</span></div>)", id, escape(value),
                         escape(label));
    };
    figure(l.integer(h.addresses), l.text("addresses"), "fig-addresses");
    figure(l.integer(h.units), l.text("units"), "fig-units");
    figure(l.integer(h.eligible_addresses), l.text("eligible"), "fig-eligible");
    if (in.summary) figure(l.integer(in.summary->rejected), l.text("rejected"), "fig-rejected");
    b += "</div>";
    std::vector<BarPart> parts;
    for (std::size_t k = 0; k < h.classes.size(); ++k)
        parts.push_back({h.classes[k], static_cast<double>(h.class_addresses[k]), class_colour(h.classes[k], k)});
    b += stacked_bar("class-bar", std::string(l.text("legend_classes")), parts,
                     [&](double v, double f) { return fmt::format("{} ({})", l.number(v, 0), l.percent(f)); });
    std::string words =
        fill(l.text("headline_text"), {{"addresses", l.integer(h.addresses)}, {"units", l.integer(h.units)}});
    for (std::size_t k = 0; k < h.classes.size(); ++k)
        words += fmt::format(
            "{} {} {} ({})", k ? "," : ":", l.integer(h.class_addresses[k]), h.classes[k],
            l.percent(h.addresses ? static_cast<double>(h.class_addresses[k]) / static_cast<double>(h.addresses) : 0));
    words += ". ";
    words += fill(
        l.text("headline_eligible"),
        {{"n", l.integer(h.eligible_addresses)},
         {"share",
          l.percent(h.addresses ? static_cast<double>(h.eligible_addresses) / static_cast<double>(h.addresses) : 0)},
         {"units", l.integer(h.eligible_units)}});
    if (in.summary) {
        words += " ";
        words += in.summary->rejected ? fill(l.text("headline_rejected"), {{"n", l.integer(in.summary->rejected)}})
                                      : std::string(l.text("headline_none_rejected"));
    }
    b += html::text_element("p", {{"id", "headline-text"}}, words);
    if (!in.summary) b += missing(l.text("missing_summary"));
    else if (in.summary->addresses != h.addresses)
        b += html::text_element("p", {{"class", "mismatch"}},
                                fill(l.text("summary_mismatch"), {{"results", l.integer(h.addresses)},
                                                                  {"summary", l.integer(in.summary->addresses)}}));
    return section("headline", l.text("headline"), b);
}

std::string map_section(const PageInput& in, const Locale& l)
{
    const MapData& m = in.map;
    std::string b;
    if (!m.cells.empty())
        b += html::text_element(
            "p", {{"class", "note"}, {"id", "grid-note"}},
            fill(l.text("grid_note"), {{"max", l.integer(static_cast<std::int64_t>(m.max_points))},
                                       {"addresses", l.integer(static_cast<std::int64_t>(m.located))},
                                       {"cells", l.integer(static_cast<std::int64_t>(m.features))}}));
    else
        b += html::text_element("p", {{"class", "note"}},
                                fill(l.text("points_note"), {{"n", l.integer(static_cast<std::int64_t>(m.features))}}));
    b += html::text_element("p", {{"class", "note"}}, l.text("no_basemap"));
    b += R"(<div class="map-layout"><div id="map" role="region" aria-label=")" + escape(l.text("map")) + R"("></div>)";
    // The legend is HTML beside the map (prints, reads without the script, tested from the DOM).
    std::string legend = R"(<div class="legend" id="legend">)";
    legend += html::text_element("h3", {}, l.text("legend_classes"));
    legend += R"(<ul id="legend-classes">)";
    for (std::size_t k = 0; k < in.headline.classes.size(); ++k)
        legend += fmt::format(R"(<li data-class="{}"><span class="swatch{}" style="background:{}"></span>{} ({})</li>)",
                              escape(in.headline.classes[k]), m.cells.empty() ? " round" : "",
                              class_colour(in.headline.classes[k], k), escape(in.headline.classes[k]),
                              l.integer(in.headline.class_addresses[k]));
    legend += "</ul>";
    if (!m.areas.empty()) {
        legend += html::text_element("h3", {}, l.text("legend_areas"));
        legend += R"(<ul id="legend-areas">)";
        for (const ShareBin& bin : share_bins())
            legend += fmt::format(R"(<li><span class="swatch" style="background:{}"></span>{}–{}&#8239;%</li>)",
                                  bin.colour, l.number(bin.from, 0), l.number(bin.to, 0));
        legend += fmt::format(R"(<li><span class="swatch" style="background:#ffffff"></span>{}</li>)",
                              escape(l.text("no_address")));
        legend += "</ul>";
    }
    if (!m.network.empty()) {
        legend += html::text_element("h3", {}, l.text("network"));
        legend += R"(<ul id="legend-network">)";
        for (const auto& [kind, colour] :
             {std::pair{"trench", "#000000"}, std::pair{"duct", "#009E73"}, std::pair{"drop", "#999999"}})
            legend += fmt::format(R"(<li><span class="swatch line" style="border-color:{}"></span>{}</li>)", colour,
                                  escape(l.text(kind)));
        legend += "</ul>";
    }
    legend += "</div>";
    b += legend + "</div>";
    return section("map-section", l.text("map"), b);
}

std::string areas_section(const PageInput& in, const Locale& l)
{
    if (!in.areas) return section("areas", l.text("areas_table"), missing(l.text("missing_areas")));
    const AreaRows& a = *in.areas;
    const Headline& h = in.headline;
    std::string t = R"(<div class="table-wrap"><table class="sortable" id="areas-table"><thead><tr>)";
    t += html::text_element("th", {{"class", "text"}}, a.heading);
    t += html::text_element("th", {}, l.text("addresses"));
    t += html::text_element("th", {}, l.text("units"));
    for (const auto& c : a.classes) t += html::text_element("th", {}, c);
    t += html::text_element("th", {}, l.text("eligible"));
    t += html::text_element("th", {}, std::string(l.text("eligible")) + " " + std::string(l.text("units")));
    t += html::text_element("th", {}, l.text("eligible_share"));
    t += "</tr></thead><tbody>";
    for (std::size_t i = 0; i < a.id.size(); ++i) {
        const auto r = static_cast<Eigen::Index>(i);
        t += "<tr>" + (a.id[i].empty() ? html::text_element("td", {{"class", "text empty"}}, l.text("empty_value"))
                                       : html::text_element("td", {{"class", "text"}}, a.id[i]));
        t += num_cell(l, a.addresses(r)) + num_cell(l, a.units(r));
        for (Eigen::Index c = 0; c < a.class_addresses.cols(); ++c) t += num_cell(l, a.class_addresses(r, c));
        t += num_cell(l, a.eligible_addresses(r)) + num_cell(l, a.eligible_units(r));
        t += share_cell(l, a.eligible_addresses(r), a.addresses(r)) + "</tr>";
    }
    t += "</tbody><tfoot>";
    // Addresses in no row (outside every area, or without coordinates): one row, so the
    // totals equal the headline.
    const std::int64_t rest_addresses = h.addresses - a.addresses.sum();
    auto class_total = [&](std::size_t k) {
        const auto it = std::find(h.classes.begin(), h.classes.end(), a.classes[k]);
        return it == h.classes.end() ? std::int64_t{0}
                                     : h.class_addresses[static_cast<std::size_t>(it - h.classes.begin())];
    };
    if (rest_addresses != 0) {
        t += R"(<tr class="remainder">)" + html::text_element("td", {{"class", "text"}}, l.text("not_in_area"));
        t += num_cell(l, rest_addresses) + num_cell(l, h.units - a.units.sum());
        for (std::size_t k = 0; k < a.classes.size(); ++k)
            t += num_cell(l, class_total(k) - a.class_addresses.col(static_cast<Eigen::Index>(k)).sum());
        t += num_cell(l, h.eligible_addresses - a.eligible_addresses.sum()) +
             num_cell(l, h.eligible_units - a.eligible_units.sum());
        t += share_cell(l, h.eligible_addresses - a.eligible_addresses.sum(), rest_addresses) + "</tr>";
    }
    t += R"(<tr class="total">)" + html::text_element("td", {{"class", "text"}}, l.text("total"));
    t += num_cell(l, h.addresses, "addresses") + num_cell(l, h.units, "units");
    for (std::size_t k = 0; k < a.classes.size(); ++k) t += num_cell(l, class_total(k), "class:" + a.classes[k]);
    t += num_cell(l, h.eligible_addresses, "eligible") + num_cell(l, h.eligible_units, "eligible_units");
    t += share_cell(l, h.eligible_addresses, h.addresses, "eligible_share") + "</tr></tfoot></table></div>";
    t += html::text_element("p", {{"class", "note"}}, l.text("sort_hint"));
    return section("areas", l.text("areas_table"), t);
}

std::string percent_axis(const Locale& l, double v) { return l.number(v * 100, 0) + "\u00a0%"; }

std::string progress_section(const PageInput& in, const Locale& l)
{
    if (!in.progress || in.progress->areas.empty())
        return section("progress", l.text("progress"), missing(l.text("missing_progress")));
    const Progress& p = *in.progress;
    const ProgressArea& all = p.areas.front();
    LineChart c;
    c.id = "progress-chart";
    c.title = std::string(l.text("progress")) + ": " + all.area_id;
    c.x_label = l.text("year");
    c.y_label = l.text("gigabit_share");
    c.y_min = 0;
    c.y_max = 1;
    c.reference_y = 1.0;
    c.reference_label = p.target ? fmt::format("{} {}", l.text("target"), *p.target) : std::string(l.text("target"));
    c.format_x = [](double x) { return fmt::format("{:.0f}", x); };
    c.format_y = [&](double y) { return percent_axis(l, y); };
    Series with_plans{std::string(l.text("with_plans")), {}, "#0072B2", "", true};
    Series observed{std::string(l.text("observed")), {}, "#000000", "2 3", true};
    Series trend{std::string(l.text("trend")), {}, "#D55E00", "7 4", false};
    for (const ProgressYear& y : all.years) {
        c.x.push_back(y.year);
        with_plans.y.push_back(y.share_units);
        observed.y.push_back(y.observed_share_units);
        trend.y.push_back(y.trend_share_units);
    }
    c.series.push_back(with_plans);
    auto any = [](const Series& s) {
        return std::any_of(s.y.begin(), s.y.end(), [](const auto& v) { return v.has_value(); });
    };
    if (any(observed)) c.series.push_back(observed);
    if (any(trend)) c.series.push_back(trend);
    std::string b = R"(<div class="charts">)" + line_chart(c) + "<div>";
    if (!all.years.empty()) {
        const ProgressYear& last = all.years.back();
        b += R"(<dl class="figures">)";
        b += fmt::format("<dt>{} {}</dt><dd>{}</dd>", escape(l.text("gigabit_share")), last.year,
                         escape(last.share_units ? l.percent(*last.share_units) : ""));
        b += fmt::format("<dt>{}</dt><dd>{}</dd>", escape(l.text("gap_units")), l.integer(last.gap_units));
        b += fmt::format("<dt>{}</dt><dd>{}</dd>", escape(l.text("on_track")),
                         escape(l.text(last.on_track ? "yes" : "no")));
        if (p.as_of.size())
            b += fmt::format("<dt>{}</dt><dd>{}</dd>", escape(l.text("as_of")), escape(l.date(p.as_of)));
        b += "</dl>";
        if (all.trend_reaches_full)
            b += html::text_element("p", {}, fmt::format("{} {}.", l.text("trend_reaches"), *all.trend_reaches_full));
    }
    // The areas furthest behind in the last year: lowest share, then most units missing.
    std::vector<const ProgressArea*> areas;
    for (std::size_t k = 1; k < p.areas.size(); ++k)
        if (!p.areas[k].years.empty()) areas.push_back(&p.areas[k]);
    std::stable_sort(areas.begin(), areas.end(), [](const ProgressArea* x, const ProgressArea* y) {
        const double sx = x->years.back().share_units.value_or(0), sy = y->years.back().share_units.value_or(0);
        if (sx != sy) return sx < sy;
        return x->years.back().gap_units > y->years.back().gap_units;
    });
    if (!areas.empty()) {
        b += html::text_element("h3", {}, fmt::format("{} ({})", l.text("behind"), areas.front()->years.back().year));
        b += R"(<div class="table-wrap"><table class="sortable" id="behind-table"><thead><tr>)";
        b += html::text_element("th", {{"class", "text"}}, l.text("area"));
        b += html::text_element("th", {}, l.text("share"));
        b += html::text_element("th", {}, l.text("gap_units"));
        b += html::text_element("th", {{"class", "text"}}, l.text("on_track"));
        b += "</tr></thead><tbody>";
        for (std::size_t k = 0; k < areas.size() && k < 5; ++k) {
            const ProgressYear& y = areas[k]->years.back();
            b += "<tr>" + html::text_element("td", {{"class", "text"}}, areas[k]->area_id);
            b += fmt::format(R"(<td data-v="{:.4f}">{}</td>)", y.share_units.value_or(0),
                             escape(y.share_units ? l.percent(*y.share_units) : ""));
            b += num_cell(l, y.gap_units);
            b += html::text_element("td", {{"class", "text"}}, l.text(y.on_track ? "yes" : "no")) + "</tr>";
        }
        b += "</tbody></table></div>";
    }
    b += "</div></div>";
    return section("progress", l.text("progress"), b);
}

std::string plan_section(const PageInput& in, const Locale& l)
{
    if (!in.plan) return section("plan", l.text("plan"), missing(l.text("missing_plan")));
    const PlanSummary& p = *in.plan;
    std::string b = R"(<div class="charts"><div><dl class="figures" id="plan-figures">)";
    auto row = [&](std::string_view label, const std::string& value) {
        b += fmt::format("<dt>{}</dt><dd>{}</dd>", escape(label), escape(value));
    };
    row(std::string(l.text("trench")) + " (km)", l.number(p.trench_m / 1000, 1));
    row(std::string(l.text("duct")) + " (km)", l.number(p.duct_m / 1000, 1));
    row(std::string(l.text("drop")) + " (km)", l.number(p.drop_m / 1000, 1));
    row(std::string(l.text("fibre")) + " (km)", l.number(p.fibre_m / 1000, 1));
    row(l.text("cost_total"), money(l, p.cost_total, p.currency));
    row(l.text("cost_per_address"), money(l, p.cost_per_address, p.currency));
    row(l.text("cost_per_unit"), money(l, p.cost_per_unit, p.currency));
    row(l.text("cost_p50"), money(l, p.cost_p50, p.currency));
    row(l.text("cost_p90"), money(l, p.cost_p90, p.currency));
    row(std::string(l.text("connected")) + " / " + std::string(l.text("selected")),
        fmt::format("{} / {} {}", l.integer(p.connected_addresses), l.integer(p.selected_addresses),
                    l.text("addresses")));
    row(l.text("unreachable"), fmt::format("{} {}", l.integer(p.unreachable_addresses), l.text("addresses")));
    for (const auto& [reason, n] : p.unreachable_by_reason) row(fmt::format("\u2003{}", reason), l.integer(n));
    b += "</dl>";
    if (!p.cost_model.empty())
        b += html::text_element("p", {{"class", "note"}}, fmt::format("cost model {} · {}", p.cost_model, p.mode));
    b += "</div>";
    if (!p.cost_curve.empty()) {
        LineChart c;
        c.id = "cost-curve";
        c.title = l.text("cost_curve");
        c.x_label = l.text("share_connected");
        c.y_label = std::string(l.text("cost")) + " (" + p.currency + ")";
        c.x.push_back(0);
        Series s{std::string(l.text("cost")), {std::optional<double>(0.0)}, "#0072B2", "", true};
        for (const auto& pt : p.cost_curve) {
            c.x.push_back(pt.share);
            s.y.emplace_back(pt.cost);
        }
        c.series.push_back(s);
        c.y_min = 0;
        c.y_max = 1;
        c.format_x = [&](double x) { return percent_axis(l, x); };
        c.format_y = [&](double y) { return compact(l, y); };
        b += "<div>" + html::text_element("h3", {}, l.text("cost_curve")) + line_chart(c) + "</div>";
    }
    b += "</div>";
    return section("plan", l.text("plan"), b);
}

std::string inputs_section(const PageInput& in, const Locale& l)
{
    if (!in.summary) return section("inputs", l.text("inputs"), missing(l.text("missing_summary")));
    const ClassifySummary& s = *in.summary;
    std::string t = R"(<div class="table-wrap"><table class="sortable" id="inputs-table"><thead><tr>)";
    for (const char* key : {"role", "file"}) t += html::text_element("th", {{"class", "text"}}, l.text(key));
    for (const char* key : {"read", "used", "rejected"}) t += html::text_element("th", {}, l.text(key));
    t += R"(<th class="text">SHA-256</th></tr></thead><tbody>)";
    std::int64_t read = 0, used = 0, rejected = 0;
    for (const auto& i : s.inputs) {
        t += "<tr>" + html::text_element("td", {{"class", "text"}}, i.role) +
             html::text_element("td", {{"class", "text"}}, i.file);
        t += num_cell(l, i.read) + num_cell(l, i.used) + num_cell(l, i.rejected);
        t += R"(<td class="text">)" + html::text_element("code", {}, i.sha256) + "</td></tr>";
        read += i.read;
        used += i.used;
        rejected += i.rejected;
    }
    t += R"(</tbody><tfoot><tr class="total">)" + html::text_element("td", {{"class", "text"}}, l.text("total")) +
         "<td></td>";
    t += num_cell(l, read, "read") + num_cell(l, used, "used") + num_cell(l, rejected, "rejected") +
         "<td></td></tr></tfoot></table></div>";
    if (!in.rejects) t += missing(l.text("missing_rejects"));
    else if (!in.rejects->empty()) {
        t += html::text_element("h3", {}, l.text("rejects_by_reason"));
        t += R"(<div class="table-wrap"><table class="sortable" id="rejects-table"><thead><tr>)";
        for (const char* key : {"file", "field", "reason"})
            t += html::text_element("th", {{"class", "text"}}, l.text(key));
        t += html::text_element("th", {}, l.text("rows")) + "</tr></thead><tbody>";
        std::int64_t total = 0;
        for (const RejectGroup& g : *in.rejects) {
            t += "<tr>" + html::text_element("td", {{"class", "text"}}, g.file) +
                 html::text_element("td", {{"class", "text"}}, g.field);
            t += html::text_element("td", {{"class", "wrap"}}, g.reason) + num_cell(l, g.rows) + "</tr>";
            total += g.rows;
        }
        t += R"(</tbody><tfoot><tr class="total">)" + html::text_element("td", {{"class", "text"}}, l.text("total"));
        t += "<td></td><td></td>" + num_cell(l, total, "rows") + "</tr></tfoot></table></div>";
    }
    return section("inputs", std::string(l.text("inputs")) + " · " + std::string(l.text("rejects")), t);
}

std::string thresholds_section(const PageInput& in, const Locale& l)
{
    if (!in.summary) return "";
    if (!in.profile) {
        const std::string& name = in.summary->profile_name;
        return section("thresholds", l.text("thresholds"),
                       missing(in.builtin_version.empty()
                                   ? std::string(l.text("profile_not_builtin"))
                                   : fill(l.text("profile_other_version"), {{"name", name},
                                                                            {"version", in.summary->profile_version},
                                                                            {"builtin", in.builtin_version}})));
    }
    const Profile& p = *in.profile;
    std::string t = html::text_element("p", {}, fmt::format("{} {} — {}", p.name, p.version, p.title));
    t += R"(<div class="table-wrap"><table id="thresholds-table"><thead><tr>)";
    t += html::text_element("th", {{"class", "text"}}, l.text("tier"));
    t += html::text_element("th", {{"class", "text"}}, l.text("class"));
    t += html::text_element("th", {}, l.text("down"));
    t += html::text_element("th", {}, l.text("up"));
    t += html::text_element("th", {}, l.text("latency"));
    t += html::text_element("th", {{"class", "text"}}, l.text("technologies"));
    t += "</tr></thead><tbody>";
    for (const Tier& tier : p.tiers) {
        std::vector<std::string> down, up, tech;
        for (const SpeedCriterion& s : tier.speeds) {
            down.push_back(l.number(s.min_down_mbps, s.min_down_mbps == std::floor(s.min_down_mbps) ? 0 : 1));
            up.push_back(l.number(s.min_up_mbps, s.min_up_mbps == std::floor(s.min_up_mbps) ? 0 : 1));
        }
        for (std::size_t k = 0; k < technology_count; ++k)
            if (tier.technologies.test(k)) tech.emplace_back(technology_name(static_cast<Technology>(k)));
        t += "<tr>" + html::text_element("td", {{"class", "text"}}, tier.name) +
             html::text_element("td", {{"class", "text"}}, tier.class_name);
        t += html::text_element("td", {}, fmt::format("{}", fmt::join(down, " | ")));
        t += html::text_element("td", {}, fmt::format("{}", fmt::join(up, " | ")));
        t += html::text_element("td", {}, tier.max_latency_ms ? l.number(*tier.max_latency_ms, 0) : "");
        t += html::text_element("td", {{"class", "text"}}, fmt::format("{}", fmt::join(tech, ", "))) + "</tr>";
    }
    t += "</tbody></table></div>";
    t += R"(<dl class="figures">)";
    t += fmt::format("<dt>{}</dt><dd>{}</dd>", escape(l.text("eligible_classes")),
                     escape(fmt::format("{}", fmt::join(p.eligible_classes, ", "))));
    t += fmt::format("<dt>{}</dt><dd>{}</dd>", escape(l.text("horizon")), p.horizon_years);
    t += "</dl>";
    if (!p.source.empty()) t += html::text_element("p", {{"class", "note"}}, p.source);
    return section("thresholds", l.text("thresholds"), t);
}

std::string data_json(const PageInput& in, const Locale& l)
{
    std::string j = "{";
    j += fmt::format(R"("locale":{},"classes":[)", json_quote(l.language() == Language::de ? "de-DE" : "en-GB"));
    for (std::size_t k = 0; k < in.headline.classes.size(); ++k)
        j += fmt::format(R"({}{{"word":{},"colour":"{}"}})", k ? "," : "", json_quote(in.headline.classes[k]),
                         class_colour(in.headline.classes[k], k));
    j += R"(],"bins":[)";
    for (std::size_t k = 0; k < share_bins().size(); ++k)
        j += fmt::format(R"({}{{"colour":"{}"}})", k ? "," : "", share_bins()[k].colour);
    j += "],";
    j +=
        R"("kinds":{"trench":{"color":"#000000","weight":3.5},"duct":{"color":"#009E73","weight":3,"dashArray":"8 5"},)"
        R"("drop":{"color":"#999999","weight":1.2},"other":{"color":"#CC79A7","weight":2}},)";
    j += R"("texts":{)";
    bool first = true;
    for (const char* key : {"area", "addresses", "eligible", "eligible_share", "no_address", "id", "class",
                            "best_offer", "reason", "providers", "network", "cost"}) {
        j += fmt::format("{}{}:{}", first ? "" : ",", json_quote(key), json_quote(l.text(key)));
        first = false;
    }
    j += "}";
    if (!in.map.points.empty()) {
        j += R"(,"strings":[)";
        for (std::size_t k = 0; k < in.map.strings.size(); ++k) j += (k ? "," : "") + json_quote(in.map.strings[k]);
        j += R"(],"points":)" + in.map.points;
    }
    if (!in.map.cells.empty()) j += R"(,"cells":)" + in.map.cells;
    if (!in.map.areas.empty()) j += R"(,"areas":)" + in.map.areas;
    if (!in.map.network.empty()) {
        j += R"(,"network":{"type":"FeatureCollection","features":[)";
        for (std::size_t k = 0; k < in.map.network.size(); ++k) j += (k ? "," : "") + in.map.network[k];
        j += "]}";
    }
    return j + "}";
}

} // namespace

std::string fill(std::string_view text, const std::vector<std::pair<std::string_view, std::string>>& values)
{
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '{') {
            const auto close = text.find('}', i);
            if (close != std::string_view::npos) {
                const std::string_view name = text.substr(i + 1, close - i - 1);
                const auto it =
                    std::find_if(values.begin(), values.end(), [&](const auto& v) { return v.first == name; });
                if (it != values.end()) {
                    out += it->second;
                    i = close;
                    continue;
                }
            }
        }
        out += text[i];
    }
    return out;
}

std::string render_page(const PageInput& in, const Locale& l)
{
    std::string page = fmt::format("<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n"
                                   "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                                   "<meta name=\"generator\" content=\"coverage {}\">\n<title>{}</title>\n",
                                   l.code(), escape(in.tool_version), escape(in.title));
    page += "<!--\n" + std::string(leaflet_licence) + "\n-->\n";
    page +=
        "<style>\n" + in.leaflet_css + "\n</style>\n<style>" + std::string(page_css) + "</style>\n</head>\n<body>\n";
    std::string provenance;
    if (in.summary)
        provenance = fmt::format("{} {} · {} {} {}", l.text("as_of"), l.date(in.summary->as_of), l.text("profile"),
                                 in.summary->profile_name, in.summary->profile_version);
    page += "<header>" + html::text_element("h1", {}, in.title);
    if (!provenance.empty())
        page += html::text_element("p", {{"class", "provenance"}, {"id", "provenance"}}, provenance);
    page += "</header>\n<main>\n";
    page += headline_section(in, l) + "\n";
    page += map_section(in, l) + "\n";
    page += areas_section(in, l) + "\n";
    page += progress_section(in, l) + "\n";
    page += plan_section(in, l) + "\n";
    page += inputs_section(in, l) + "\n";
    page += thresholds_section(in, l) + "\n";
    page += "</main>\n<footer>";
    page +=
        html::text_element("p", {},
                           fmt::format("{} {}{}", l.text("made_with"), in.tool_version,
                                       in.stamp.empty() ? "" : fmt::format(" · {} {}", l.text("generated"), in.stamp)));
    page += "<details>" + html::text_element("summary", {}, std::string(l.text("leaflet_notice")) + " (BSD-2-Clause)") +
            html::text_element("pre", {}, leaflet_licence) + "</details>";
    page += "</footer>\n";
    page +=
        "<script type=\"application/json\" id=\"report-data\">" + html::embed_json(data_json(in, l)) + "</script>\n";
    page += "<script>\n" + html::script_code(in.leaflet_js) + "\n</script>\n";
    page += "<script>" + std::string(page_js) + "</script>\n</body>\n</html>\n";
    return page;
}

} // namespace coverage::report
