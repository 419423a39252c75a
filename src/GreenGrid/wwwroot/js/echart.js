// One ECharts chart in an element, for the EChart Blazor component (Components/Shared/EChart.razor).
// ECharts itself (/lib/echarts.min.js, copied from npm by the build) is loaded on first use only,
// so pages without a chart do not pay for it.
let loading;

function echartsLoaded() {
  if (window.echarts) {
    return Promise.resolve(window.echarts);
  }
  loading ??= new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = '/lib/echarts.min.js';
    script.onload = () => resolve(window.echarts);
    script.onerror = () => { loading = undefined; reject(new Error('could not load /lib/echarts.min.js')); };
    document.head.appendChild(script);
  });
  return loading;
}

// Draws the chart described by optionJson (an ECharts option object as JSON) in element and
// returns a handle with update(optionJson) and dispose(). The chart follows the window's size
// and its element's (a panel that opens or a phone that turns).
export async function create(element, optionJson) {
  const echarts = await echartsLoaded();
  // The page may have been left while the library loaded: nothing to draw on.
  if (!element || !element.isConnected) {
    return null;
  }
  const chart = echarts.init(element, null, { renderer: 'canvas' });
  chart.setOption(JSON.parse(optionJson));
  const resize = () => chart.resize();
  window.addEventListener('resize', resize);
  const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(resize);
  observer?.observe(element);
  return {
    update(json) {
      chart.setOption(JSON.parse(json), { notMerge: true });
    },
    dispose() {
      window.removeEventListener('resize', resize);
      observer?.disconnect();
      chart.dispose();
    },
  };
}
