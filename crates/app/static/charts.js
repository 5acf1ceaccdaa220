// zhijiao charts: every element with data-chart="ID" is drawn by ECharts from the JSON
// in <script type="application/json" id="ID"> (CSP forbids inline scripts).
(function () {
  function init() {
    if (!window.echarts) { return; }
    document.querySelectorAll('[data-chart]').forEach(function (el) {
      var src = document.getElementById(el.getAttribute('data-chart'));
      if (!src) { return; }
      var options;
      try { options = JSON.parse(src.textContent); } catch (e) { return; }
      var chart = echarts.init(el, null, { renderer: 'canvas' });
      chart.setOption(options);
      window.addEventListener('resize', function () { chart.resize(); });
      el.setAttribute('data-chart-ready', '1');
    });
  }
  if (document.readyState === 'loading') { document.addEventListener('DOMContentLoaded', init); } else { init(); }
})();
// The KPI binding form posts to the chosen measure.
document.addEventListener('submit', function (e) {
  var f = e.target;
  if (f.id !== 'bind-kpi') { return; }
  var sel = f.querySelector('select[name=measure]');
  if (sel) { f.action = sel.getAttribute('data-action-template').replace('{id}', sel.value); }
});
