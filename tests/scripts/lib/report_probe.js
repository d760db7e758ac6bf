// Probe for tests/scripts/report_browser.sh: what the rendered page shows, as JSON. Opens
// the popups on the map first (the first 300 points and the other layers: all of the fixture's), so hostile
// text in ids, reasons and providers has had its chance to run.
(function () {
  var q = function (s) { return Array.prototype.slice.call(document.querySelectorAll(s)); };
  var popups = [];
  var R = window.coverageReport;
  if (R) {
    for (var i = 0; i < R.points && i < 300; i++) {
      var p = R.openPoint(i);
      popups.push(p.getElement().textContent);
      R.map.closePopup(p);
    }
    R.map.eachLayer(function (layer) {
      if (popups.length < 600 && layer.getPopup && layer.getPopup()) {
        layer.getPopup().options.autoPan = false;
        layer.openPopup();
        var node = layer.getPopup().getElement();
        if (node) popups.push(node.textContent);
        layer.closePopup();
      }
    });
  }
  var totals = function (id) {
    var r = {};
    q('#' + id + ' tfoot tr.total td[data-col]').forEach(function (td) { r[td.getAttribute('data-col')] = Number(td.getAttribute('data-v')); });
    return r;
  };
  var m = document.getElementById('map');
  var attr = function (name) { return m ? Number(m.getAttribute(name)) : -1; };
  return JSON.stringify({
    ready: document.body.getAttribute('data-ready'),
    lang: document.documentElement.lang,
    address_features: attr('data-address-features'),
    grid_cells: attr('data-grid-cells'),
    area_features: attr('data-area-features'),
    network_features: attr('data-network-features'),
    map_canvas: q('#map canvas').length,
    legend_classes: q('#legend-classes li').map(function (li) { return li.textContent; }),
    legend_areas: q('#legend-areas li').length,
    legend_network: q('#legend-network li').length,
    grid_note: (document.getElementById('grid-note') || {}).textContent || '',
    areas_total: totals('areas-table'),
    area_names: q('#areas-table tbody tr td:first-child').map(function (td) { return td.textContent; }),
    inputs_total: totals('inputs-table'),
    rejects_total: totals('rejects-table'),
    charts: q('svg.chart').map(function (s) { return s.id + ':' + s.querySelectorAll('g.series').length; }),
    class_bar: q('#class-bar rect').length,
    headline: (document.getElementById('headline-text') || {}).textContent,
    missing: q('p.missing').length,
    popups: popups,
    images: q('img').length,
    bold: q('main b, main strong').map(function (b) { return b.textContent; }).filter(function (t) { return t.indexOf('Evil') >= 0 || t.indexOf('Süd') >= 0; }).length,
    pwned: window.__pwned === undefined ? null : window.__pwned
  });
})()
