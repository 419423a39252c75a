// A minimal ECharts bridge for the certification pages (the shared EChart component may replace it).
let loading;
function load() {
  if (window.echarts) return Promise.resolve(window.echarts);
  loading ??= new Promise((resolve, reject) => {
    const s = document.createElement('script');
    s.src = '/lib/echarts.min.js';
    s.onload = () => resolve(window.echarts);
    s.onerror = reject;
    document.head.appendChild(s);
  });
  return loading;
}
export async function render(element, optionJson) {
  const echarts = await load();
  const chart = echarts.getInstanceByDom(element) ?? echarts.init(element);
  chart.setOption(JSON.parse(optionJson), true);
  if (!element.__ggResize) {
    element.__ggResize = new ResizeObserver(() => chart.resize());
    element.__ggResize.observe(element);
  }
}
export function dispose(element) {
  element.__ggResize?.disconnect();
  window.echarts?.getInstanceByDom(element)?.dispose();
}
