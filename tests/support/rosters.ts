import ExcelJS from "exceljs";

/** A roster as an .xlsx file, the way schools keep them. */
export async function xlsxRoster(rows: Array<Array<string | number | Date | null>>): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("名单");
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

let gbTable: Map<string, number[]> | null = null;
/** Text as GB18030 bytes (what Excel on Chinese Windows writes for CSV), for the characters of GBK. */
export function gb18030(text: string): Buffer {
  if (!gbTable) {
    gbTable = new Map();
    const decoder = new TextDecoder("gb18030");
    for (let lead = 0x81; lead <= 0xfe; lead++) {
      for (let trail = 0x40; trail <= 0xfe; trail++) {
        if (trail === 0x7f) continue;
        const char = decoder.decode(Uint8Array.from([lead, trail]));
        if (char.length === 1 && !gbTable.has(char)) gbTable.set(char, [lead, trail]);
      }
    }
  }
  const bytes: number[] = [];
  for (const char of text) {
    if (char.charCodeAt(0) < 0x80) bytes.push(char.charCodeAt(0));
    else {
      const encoded = gbTable.get(char);
      if (!encoded) throw new Error(`no GBK code for ${char}`);
      bytes.push(...encoded);
    }
  }
  return Buffer.from(bytes);
}
