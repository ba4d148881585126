// The door scanner (/gestion/asistencia/<id>/): the phone's back camera, read with jsQR
// (/static/vendor/jsqr.js, from our origin) a few times a second; the first QR code found is put in
// the form and posted, and the server says whether it is a ticket for this session. Without a
// camera (or permission) the page still works by name search.
(() => {
  const form = document.querySelector('[data-scan-form]');
  if (!form || typeof window.jsQR !== 'function') return;
  const box = form.querySelector('[data-scanner]');
  const video = form.querySelector('[data-scanner-video]');
  const status = form.querySelector('[data-scanner-status]');
  const start = form.querySelector('[data-scanner-start]');
  const stop = form.querySelector('[data-scanner-stop]');
  const field = form.querySelector('input[name="codigo"]');
  const canvas = document.createElement('canvas');
  const context = canvas.getContext('2d', { willReadFrequently: true });
  let stream = null;
  let timer = null;

  const close = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (stream) for (const track of stream.getTracks()) track.stop();
    stream = null;
    box.hidden = true;
    stop.hidden = true;
    start.hidden = false;
  };

  const scan = () => {
    if (!stream) return;
    if (video.readyState >= 2 && video.videoWidth > 0) {
      // Decoding a smaller copy is faster and QR codes at arm's length stay readable.
      const scale = Math.min(1, 640 / video.videoWidth);
      canvas.width = Math.round(video.videoWidth * scale);
      canvas.height = Math.round(video.videoHeight * scale);
      context.drawImage(video, 0, 0, canvas.width, canvas.height);
      const image = context.getImageData(0, 0, canvas.width, canvas.height);
      const code = window.jsQR(image.data, image.width, image.height, { inversionAttempts: 'dontInvert' });
      if (code?.data) {
        field.value = code.data;
        status.textContent = 'Código leído, registrando…';
        close();
        form.submit();
        return;
      }
    }
    timer = setTimeout(scan, 150);
  };

  start.addEventListener('click', async () => {
    if (!navigator.mediaDevices?.getUserMedia) {
      box.hidden = false;
      status.textContent = 'Este navegador no permite usar la cámara: busca a la persona por su nombre.';
      return;
    }
    try {
      stream = await navigator.mediaDevices.getUserMedia({
        video: { facingMode: 'environment' },
        audio: false,
      });
    } catch {
      box.hidden = false;
      status.textContent =
        'No pudimos abrir la cámara (revisa el permiso): busca a la persona por su nombre.';
      return;
    }
    video.srcObject = stream;
    await video.play().catch(() => {});
    box.hidden = false;
    start.hidden = true;
    stop.hidden = false;
    status.textContent = 'Apunta la cámara al código QR.';
    scan();
  });
  stop.addEventListener('click', close);
  window.addEventListener('pagehide', close);
})();
