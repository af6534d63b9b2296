// Draws the admin home chart from the JSON the chart element names in data-source.
document.addEventListener('DOMContentLoaded', function () {
  var element = document.getElementById('placeholder-chart');
  if (!element || !window.echarts) {
    return;
  }
  fetch(element.dataset.source, { headers: { 'Accept': 'application/json' }, credentials: 'same-origin' })
    .then(function (response) {
      if (!response.ok) {
        throw new Error('chart data: HTTP ' + response.status);
      }
      return response.json();
    })
    .then(function (series) {
      var chart = echarts.init(element);
      chart.setOption({
        title: { text: series.title, left: 'center', textStyle: { fontSize: 13, color: '#6c757d' } },
        tooltip: {},
        grid: { left: 48, right: 16, bottom: 32, top: 48 },
        xAxis: { type: 'category', data: series.labels },
        yAxis: { type: 'value' },
        series: [{ type: 'bar', data: series.values, itemStyle: { color: '#07c160' } }]
      });
      window.addEventListener('resize', function () { chart.resize(); });
    })
    .catch(function (error) {
      element.textContent = 'The chart could not be loaded (' + error.message + ').';
    });
});
