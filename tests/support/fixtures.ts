import { deflateSync } from "node:zlib";

/** A valid PNG of the given size, one colour (built here so tests need no binary fixtures). */
export function pngImage(width = 4, height = 3, rgb: [number, number, number] = [29, 78, 216]): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (bytes: Buffer) => {
    let c = 0xffffffff;
    for (const byte of bytes) c = crcTable[(c ^ byte) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
    const check = Buffer.alloc(4);
    check.writeUInt32BE(crc(body));
    return Buffer.concat([length, body, check]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // truecolour
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: width }, () => rgb).flat())]);
  const pixels = deflateSync(Buffer.concat(Array.from({ length: height }, () => row)));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk("IHDR", header), chunk("IDAT", pixels), chunk("IEND", Buffer.alloc(0))]);
}

/** A .docx as Word would save it: a title, headings, a list, a table and a picture. */
export async function sampleDocx(): Promise<Buffer> {
  const { Document, HeadingLevel, ImageRun, Packer, Paragraph, Table, TableCell, TableRow, TextRun } = await import("docx");
  const doc = new Document({
    sections: [
      {
        children: [
          new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun("新生适应期心理危机案例")] }),
          new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun("背景")] }),
          new Paragraph({ children: [new TextRun("小王是大一新生，入学后"), new TextRun({ text: "情绪持续低落", bold: true }), new TextRun("。")] }),
          new Paragraph({ bullet: { level: 0 }, children: [new TextRun("第一次约谈")] }),
          new Paragraph({ bullet: { level: 0 }, children: [new TextRun("联系家长")] }),
          new Table({
            rows: [
              new TableRow({ children: [new TableCell({ children: [new Paragraph("时间")] }), new TableCell({ children: [new Paragraph("措施")] })] }),
              new TableRow({ children: [new TableCell({ children: [new Paragraph("第一周")] }), new TableCell({ children: [new Paragraph("约谈")] })] }),
            ],
          }),
          new Paragraph({ children: [new ImageRun({ type: "png", data: pngImage(8, 6), transformation: { width: 80, height: 60 } })] }),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
