// Draws the admin home chart (volume and count per day) from the JSON the element names in data-source.
document.addEventListener('DOMContentLoaded', function () {
  var element = document.getElementById('home-chart');
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
        title: {
          text: series.title, left: 'center', textStyle: { fontSize: 13, color: '#6c757d' },
          subtext: 'Today: ' + series.todayCount + ' transactions, ' + (series.todayFen / 100).toFixed(2) + ' CNY'
        },
        tooltip: { trigger: 'axis' },
        legend: { bottom: 0 },
        grid: { left: 64, right: 48, bottom: 56, top: 64 },
        xAxis: { type: 'category', data: series.labels },
        yAxis: [{ type: 'value', name: 'CNY' }, { type: 'value', name: 'count' }],
        series: [
          { name: 'Volume (CNY)', type: 'bar', itemStyle: { color: '#07c160' },
            data: series.amountsFen.map(function (fen) { return fen / 100; }) },
          { name: 'Transactions', type: 'line', yAxisIndex: 1, data: series.counts }
        ]
      });
      window.addEventListener('resize', function () { chart.resize(); });
    })
    .catch(function (error) {
      element.textContent = 'The chart could not be loaded (' + error.message + ').';
    });
});
