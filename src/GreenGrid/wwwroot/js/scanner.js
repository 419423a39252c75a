// Camera QR scanning for the gate scanner page (Access/Pages/ScannerPage.razor): the rear camera
// through getUserMedia, each frame drawn on a canvas and read by jsQR (/lib/jsQR.js, copied from
// npm by the build, loaded on first use). A decoded text is sent to .NET with
// dotnet.invokeMethodAsync('Decoded', text); a camera that cannot start is reported with
// 'CameraFailed' (the typed code still works), so a phone without a camera or without the
// permission is not a dead end.
let loading;

function jsQRLoaded() {
  if (window.jsQR) {
    return Promise.resolve(window.jsQR);
  }
  loading ??= new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = '/lib/jsQR.js';
    script.onload = () => resolve(window.jsQR);
    script.onerror = () => { loading = undefined; reject(new Error('could not load /lib/jsQR.js')); };
    document.head.appendChild(script);
  });
  return loading;
}

// Starts the camera in video and returns a handle with stop(). The same text is not sent again
// within repeatMs (a code held in front of the camera is one scan, not thirty).
export async function start(video, dotnet, repeatMs) {
  let stream;
  try {
    if (!navigator.mediaDevices?.getUserMedia) {
      throw Object.assign(new Error('no camera API (an insecure page, or an old browser)'), { name: 'NotSupportedError' });
    }
    const jsQR = await jsQRLoaded();
    stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
    video.srcObject = stream;
    video.setAttribute('playsinline', 'true');
    video.muted = true;
    await video.play();
    const canvas = document.createElement('canvas');
    const context = canvas.getContext('2d', { willReadFrequently: true });
    let running = true;
    let last = '';
    let lastAt = 0;
    const frame = () => {
      if (!running) {
        return;
      }
      if (video.readyState >= 2 && video.videoWidth > 0) {
        // Read a frame at most 640 px wide: enough for a version-7 code, cheap on a phone.
        const scale = Math.min(1, 640 / video.videoWidth);
        canvas.width = Math.round(video.videoWidth * scale);
        canvas.height = Math.round(video.videoHeight * scale);
        context.drawImage(video, 0, 0, canvas.width, canvas.height);
        const image = context.getImageData(0, 0, canvas.width, canvas.height);
        const code = jsQR(image.data, image.width, image.height, { inversionAttempts: 'dontInvert' });
        const now = performance.now();
        if (code?.data && (code.data !== last || now - lastAt > repeatMs)) {
          last = code.data;
          lastAt = now;
          dotnet.invokeMethodAsync('Decoded', code.data).catch(() => {});
        }
      }
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
    return {
      stop() {
        running = false;
        stream.getTracks().forEach(t => t.stop());
        video.srcObject = null;
      },
    };
  } catch (error) {
    stream?.getTracks().forEach(t => t.stop());
    dotnet.invokeMethodAsync('CameraFailed', error?.name || 'Error', error?.message || String(error)).catch(() => {});
    return { stop() {} };
  }
}
