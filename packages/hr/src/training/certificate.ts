/** A one-page training certificate as a real PDF (pdf-lib, loaded only when one is made). */
export async function certificatePdf(input: {
  number: string;
  employeeName: string;
  courseTitle: string;
  completedOn: string;
}): Promise<Uint8Array> {
  const { PDFDocument, StandardFonts, rgb } = await import('pdf-lib');
  const pdf = await PDFDocument.create();
  pdf.setTitle(`Certificate ${input.number}`);
  pdf.setAuthor('Konecta ERP');
  pdf.setSubject(input.courseTitle);
  const page = pdf.addPage([842, 595]); // A4 landscape
  const serif = await pdf.embedFont(StandardFonts.TimesRoman);
  const bold = await pdf.embedFont(StandardFonts.TimesRomanBold);
  const ink = rgb(0.13, 0.18, 0.33);
  page.drawRectangle({ x: 30, y: 30, width: 782, height: 535, borderColor: ink, borderWidth: 3 });
  const centre = (text: string, y: number, size: number, font = serif) => {
    // Standard fonts only cover WinAnsi: anything else is replaced rather than failing the download.
    const safe = text.replace(/[^\x20-\x7E\u00A0-\u00FF]/g, '?');
    page.drawText(safe, { x: (842 - font.widthOfTextAtSize(safe, size)) / 2, y, size, font, color: ink });
  };
  centre('Certificate of Completion', 450, 40, bold);
  centre('This certifies that', 390, 18);
  centre(input.employeeName, 340, 34, bold);
  centre('has completed the course', 290, 18);
  centre(input.courseTitle, 245, 26, bold);
  centre(`Completed on ${input.completedOn}`, 180, 16);
  centre(`Certificate ${input.number} · Konecta ERP`, 80, 12);
  return pdf.save();
}
