import PDFDocument from 'pdfkit';
import { formatDayLong, santiagoParts, santiagoTime } from '../../lib/dates';

export type CertificateText = {
  uuid: string;
  customerName: string;
  workshopName: string;
  sessionStartsAt: string;
  durationMinutes: number;
  facilitatorName: string | null;
  issuedAt: string;
};

export const CENTRE_NAME = 'TMM Bienestar y Conexión';

/** "jueves 26 de noviembre de 2026": a certificate is read years later, so the year is always there. */
export function certificateDay(iso: string | Date): string {
  const date = typeof iso === 'string' ? new Date(iso) : iso;
  return `${formatDayLong(date)} de ${santiagoParts(date).year}`;
}

/** "2 horas", "1,5 horas", "45 minutos": how long the session was, as a certificate says it. */
export function certifiedHours(minutes: number): string {
  if (minutes < 60) return `${minutes} minutos`;
  const hours = Math.round((minutes / 60) * 10) / 10;
  return `${hours.toLocaleString('es-CL')} ${hours === 1 ? 'hora' : 'horas'}`;
}

/**
 * The certificate as an A4 landscape PDF (pdfkit's built-in Helvetica: its WinAnsi encoding has
 * every Spanish letter, so no font file ships with the app). Rendered on demand from the stored
 * certificate, so the same certificate always prints the same words; the verification address
 * is printed at the foot for whoever receives it.
 */
export function certificatePdf(c: CertificateText, verifyUrl: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({
      size: 'A4',
      layout: 'landscape',
      margin: 56,
      info: { Title: `Certificado de asistencia: ${c.workshopName}`, Author: CENTRE_NAME },
    });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);

    const width = doc.page.width - 112;
    const pink = '#b8256f';
    const ink = '#2b2230';
    const muted = '#5e5363';
    doc
      .rect(28, 28, doc.page.width - 56, doc.page.height - 56)
      .lineWidth(2)
      .stroke(pink);
    doc.moveDown(1.5);
    doc
      .font('Helvetica')
      .fontSize(14)
      .fillColor(muted)
      .text(CENTRE_NAME.toUpperCase(), { align: 'center', width });
    doc.moveDown(0.8);
    doc
      .font('Helvetica-Bold')
      .fontSize(34)
      .fillColor(pink)
      .text('Certificado de asistencia', { align: 'center', width });
    doc.moveDown(1);
    doc.font('Helvetica').fontSize(15).fillColor(ink).text('Certificamos que', { align: 'center', width });
    doc.moveDown(0.4);
    doc.font('Helvetica-Bold').fontSize(28).text(c.customerName, { align: 'center', width });
    doc.moveDown(0.4);
    doc.font('Helvetica').fontSize(15).text('asistió al taller', { align: 'center', width });
    doc.moveDown(0.4);
    doc.font('Helvetica-Bold').fontSize(22).text(`«${c.workshopName}»`, { align: 'center', width });
    doc.moveDown(0.6);
    const when = new Date(c.sessionStartsAt);
    const details = [
      `el ${certificateDay(when)} a las ${santiagoTime(when)} hrs, con una duración de ${certifiedHours(c.durationMinutes)}`,
      c.facilitatorName ? `Facilitado por ${c.facilitatorName}` : null,
    ].filter((line): line is string => line !== null);
    doc.font('Helvetica').fontSize(14).fillColor(ink);
    for (const line of details) doc.text(line, { align: 'center', width });

    const signatureY = doc.page.height - 170;
    const lineX = doc.page.width / 2 - 130;
    doc
      .moveTo(lineX, signatureY)
      .lineTo(lineX + 260, signatureY)
      .lineWidth(1)
      .stroke(ink);
    doc
      .font('Helvetica-Bold')
      .fontSize(12)
      .fillColor(ink)
      .text(CENTRE_NAME, 56, signatureY + 8, { align: 'center', width });
    doc.font('Helvetica').fontSize(11).fillColor(muted).text('Dirección', { align: 'center', width });
    doc
      .fontSize(9)
      .fillColor(muted)
      .text(
        `Emitido el ${certificateDay(c.issuedAt)}. Comprueba que es auténtico en ${verifyUrl}`,
        56,
        doc.page.height - 92,
        { align: 'center', width },
      );
    doc.end();
  });
}
