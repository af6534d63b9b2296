// Draws the statistics dashboard from the JSON endpoints under data-api, for the range in the form.
document.addEventListener('DOMContentLoaded', function () {
  var root = document.querySelector('[data-api]');
  if (!root || !window.echarts) {
    return;
  }
  var api = root.dataset.api;
  var params = new URLSearchParams(window.location.search);
  if (params.get('period')) {
    document.getElementById('period').value = params.get('period');
  }
  function query() {
    return 'from=' + encodeURIComponent(document.getElementById('from').value)
      + '&to=' + encodeURIComponent(document.getElementById('to').value)
      + '&period=' + encodeURIComponent(document.getElementById('period').value);
  }
  document.querySelectorAll('.lq-csv').forEach(function (link) {
    link.href = api + '/' + link.dataset.csv + '.csv?' + query();
  });
  function load(path) {
    return fetch(api + '/' + path + '?' + query(), { headers: { 'Accept': 'application/json' }, credentials: 'same-origin' })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(path + ': HTTP ' + response.status);
        }
        return response.json();
      });
  }
  function yuan(fen) {
    return Math.round(fen) / 100;
  }
  function draw(id, option) {
    var element = document.getElementById(id);
    var chart = echarts.init(element);
    chart.setOption(option);
    element.dataset.rendered = 'true';
    window.addEventListener('resize', function () { chart.resize(); });
  }
  function failed(id) {
    return function (error) {
      document.getElementById(id).textContent = 'The chart could not be loaded (' + error.message + ').';
    };
  }
  var legend = { type: 'scroll', top: 0 };
  var grid = { left: 56, right: 16, bottom: 32, top: 40 };
  load('volume').then(function (v) {
    var bar = v.period !== 'DAY';
    draw('chart-volume', { tooltip: { trigger: 'axis' }, legend: legend, grid: grid,
      xAxis: { type: 'category', data: v.buckets }, yAxis: { type: 'value' },
      series: v.scenes.map(function (s) {
        return { name: s.label, type: bar ? 'bar' : 'line', stack: bar ? 'all' : undefined, data: s.amountsFen.map(yuan) };
      }) });
    draw('chart-count', { tooltip: { trigger: 'axis' }, legend: legend, grid: grid,
      xAxis: { type: 'category', data: v.buckets }, yAxis: { type: 'value' },
      series: v.scenes.map(function (s) { return { name: s.label, type: 'bar', stack: 'all', data: s.counts }; }) });
  }).catch(failed('chart-volume'));
  load('shares').then(function (s) {
    draw('chart-scene-share', { tooltip: { trigger: 'item' },
      series: [{ type: 'pie', radius: ['35%', '70%'],
        data: s.scenes.map(function (x) { return { name: x.label, value: yuan(x.amountFen) }; }) }] });
    draw('chart-category-share', { tooltip: {},
      series: [{ type: 'treemap', roam: false, nodeClick: false, breadcrumb: { show: false },
        data: s.categories.map(function (x) { return { name: x.label, value: yuan(x.amountFen) }; }) }] });
  }).catch(failed('chart-scene-share'));
  load('users').then(function (u) {
    var days = Array.from(new Set(u.days.map(function (d) { return d.day; }))).sort();
    var classes = ['NONE', 'I', 'II', 'III'];
    function series(field, name, type) {
      return { name: name, type: type, data: days.map(function (day) {
        return u.days.filter(function (d) { return d.day === day; })
          .reduce(function (sum, d) { return sum + d[field]; }, 0);
      }) };
    }
    var perClass = classes.map(function (c) {
      return { name: 'Class ' + c, type: 'bar', stack: 'registered', data: days.map(function (day) {
        var row = u.days.find(function (d) { return d.day === day && d.accountClass === c; });
        return row ? row.registered : 0;
      }) };
    });
    draw('chart-users', { tooltip: { trigger: 'axis' }, legend: legend, grid: grid,
      xAxis: { type: 'category', data: days }, yAxis: { type: 'value' },
      series: perClass.concat([series('active', 'Active', 'line'), series('verified', 'Verified', 'line'),
        series('withCard', 'With a bound card', 'line')]) });
  }).catch(failed('chart-users'));
  load('red-packets').then(function (r) {
    document.getElementById('peak-sent').textContent = r.peakSentPerSecond;
    document.getElementById('peak-opened').textContent = r.peakOpenedPerSecond;
    var labels = r.hours.map(function (h) { return h.day + ' ' + String(h.hour).padStart(2, '0') + ':00'; });
    draw('chart-red-packets', { tooltip: { trigger: 'axis' }, legend: legend, grid: grid,
      xAxis: { type: 'category', data: labels }, yAxis: [{ type: 'value', name: 'per hour' }, { type: 'value', name: 'peak/s' }],
      series: [{ name: 'Sent', type: 'bar', data: r.hours.map(function (h) { return h.sent; }) },
        { name: 'Opened', type: 'bar', data: r.hours.map(function (h) { return h.opened; }) },
        { name: 'Peak opened per second', type: 'line', yAxisIndex: 1, data: r.hours.map(function (h) { return h.peakOpenedPerSecond; }) }] });
  }).catch(failed('chart-red-packets'));
  load('money').then(function (m) {
    draw('chart-money', { tooltip: { trigger: 'axis' }, legend: legend, grid: grid,
      xAxis: { type: 'category', data: m.days }, yAxis: { type: 'value' },
      series: [{ name: 'Fee income', type: 'line', data: m.feeIncomeFen.map(yuan) },
        { name: 'Coupon spending', type: 'line', data: m.couponFen.map(yuan) },
        { name: 'Compensation paid', type: 'line', data: m.compensationFen.map(yuan) }] });
    var body = document.querySelector('#money-table tbody');
    m.totals.forEach(function (f) {
      var row = body.insertRow();
      [f.flow, f.party, f.count, (f.amountFen / 100).toFixed(2)].forEach(function (v, i) {
        var cell = row.insertCell();
        cell.textContent = v;
        if (i >= 2) { cell.className = 'text-end'; }
      });
    });
  }).catch(failed('chart-money'));
  load('merchants').then(function (list) {
    var body = document.querySelector('#merchant-table tbody');
    list.forEach(function (m) {
      var row = body.insertRow();
      [m.name, m.category, m.payments, (m.amountFen / 100).toFixed(2),
        m.refundRate === null ? '–' : (m.refundRate * 100).toFixed(2) + ' %',
        m.complaintRate === null ? '–' : (m.complaintRate * 100).toFixed(2) + ' %'].forEach(function (v, i) {
        var cell = row.insertCell();
        cell.textContent = v;
        if (i >= 2) { cell.className = 'text-end'; }
      });
    });
  });
});
