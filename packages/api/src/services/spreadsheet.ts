import type { Workbook } from 'exceljs';

// exceljs costs ~28 MB of memory once loaded: load it when a spreadsheet is read or written, not at every start.
export async function newWorkbook(): Promise<Workbook> {
  const { default: ExcelJS } = await import('exceljs');
  return new ExcelJS.Workbook();
}

export type SheetColumn = { header: string; key: string; width: number };

/** One worksheet with a bold, frozen header row, as an .xlsx file. */
export async function writeSheet(
  name: string,
  columns: SheetColumn[],
  rows: Array<Record<string, string | number | null>>,
): Promise<Buffer> {
  const workbook = await newWorkbook();
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns;
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
