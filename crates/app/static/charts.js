// zhijiao charts: every element with data-chart="ID" is drawn by ECharts from the JSON
// options in <script type="application/json" id="ID"> (the CSP forbids inline scripts).
(function () {
  function draw() {
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
  if (document.readyState === 'loading') { document.addEventListener('DOMContentLoaded', draw); } else { draw(); }
})();
