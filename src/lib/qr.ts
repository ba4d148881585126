import QRCode from 'qrcode';

/**
 * A QR code as a PNG. Error correction M (15%) survives a scratched phone screen and a glare while
 * keeping the modules large enough for a cheap camera at arm's length; the quiet zone is the four
 * modules the standard asks for, which scanners need to find the code on a busy background.
 */
export function qrPng(text: string, widthPx: number): Promise<Buffer> {
  return QRCode.toBuffer(text, { type: 'png', errorCorrectionLevel: 'M', margin: 4, width: widthPx });
}
