import path from "node:path";
import { crc32 } from "node:zlib";
import { describe, expect, it } from "vitest";
import { dispositionOf, EVIDENCE_ACCEPT, EVIDENCE_FILE_TYPES, matchEvidenceType } from "@/lib/domain/evidence/file-types";
import { inspectEvidenceFile } from "@/lib/domain/evidence/inspect";
import { DEFAULT_EVIDENCE_MAX_BYTES, evidenceMaxBytes } from "@/lib/domain/evidence/limits";
import { ZAddEvidenceLink, ZEvidenceLink } from "@/lib/domain/evidence/link";
import { cleanOriginalName, contentDisposition, extensionOf, safeFileName } from "@/lib/domain/evidence/names";
import { groupEvidenceByIndicator, type EvidenceItemView } from "@/lib/domain/evidence/view";
import { createEvidenceStorage, evidenceStorageConfig } from "@/lib/server/storage";
import { assertStorageKey } from "@/lib/server/storage/storage";

const text = (s: string) => new TextEncoder().encode(s);
const bytes = (...parts: (number[] | string)[]) => Uint8Array.from(parts.flatMap((p) => (typeof p === "string" ? [...text(p)] : p)));

/** A ZIP archive of stored (uncompressed) entries: enough for file-type to read OOXML and ODF. */
function zip(entries: [name: string, content: string][]): Uint8Array {
  const local: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of entries) {
    const nameBytes = Buffer.from(name);
    const data = Buffer.from(content);
    const crc = crc32(data);
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt32LE(crc, 14);
    header.writeUInt32LE(data.length, 18);
    header.writeUInt32LE(data.length, 22);
    header.writeUInt16LE(nameBytes.length, 26);
    local.push(header, nameBytes, data);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt32LE(crc, 16);
    entry.writeUInt32LE(data.length, 20);
    entry.writeUInt32LE(data.length, 24);
    entry.writeUInt16LE(nameBytes.length, 28);
    entry.writeUInt32LE(offset, 42);
    central.push(entry, nameBytes);
    offset += header.length + nameBytes.length + data.length;
  }
  const centralSize = central.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...local, ...central, end]));
}

const ooxml = (main: string, folder: string) =>
  zip([
    [
      "[Content_Types].xml",
      `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/${folder}/x.xml" ContentType="application/vnd.openxmlformats-officedocument.${main}.main+xml"/></Types>`,
    ],
    [`${folder}/x.xml`, "<x/>"],
  ]);
const odf = (mime: string) =>
  zip([
    ["mimetype", mime],
    ["content.xml", "<office:document-content/>"],
  ]);

const SAMPLES = {
  pdf: bytes("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"),
  png: new Uint8Array(Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==", "base64")),
  jpg: bytes([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10], "JFIF", [0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0xff, 0xd9]),
  gif: bytes(
    "GIF89a",
    [1, 0, 1, 0, 0x80, 0, 0, 0, 0, 0, 0xff, 0xff, 0xff, 0x21, 0xf9, 4, 1, 0, 0, 0, 0, 0x2c, 0, 0, 0, 0, 1, 0, 1, 0, 0, 2, 2, 0x44, 1, 0, 0x3b],
  ),
  webp: bytes("RIFF", [26, 0, 0, 0], "WEBPVP8 ", [14, 0, 0, 0, 0x30, 1, 0, 0x9d, 1, 0x2a, 1, 0, 1, 0, 0, 0, 0, 0]),
  docx: ooxml("wordprocessingml.document", "word"),
  xlsx: ooxml("spreadsheetml.sheet", "xl"),
  pptx: ooxml("presentationml.presentation", "ppt"),
  odt: odf("application/vnd.oasis.opendocument.text"),
  ods: odf("application/vnd.oasis.opendocument.spreadsheet"),
  cfb: bytes([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], new Array(504).fill(0)),
  elf: bytes([0x7f], "ELF", [2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0x3e, 0, 1, 0, 0, 0], new Array(40).fill(0)),
  exe: bytes("MZ", [0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xff, 0xff], new Array(50).fill(0)),
  html: bytes("<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"),
  svg: bytes('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
  xmlSvg: bytes('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
  zip: zip([["a.txt", "hello"]]),
  macroDocx: zip([
    ["[Content_Types].xml", '<Types><Override PartName="/word/x.xml" ContentType="application/vnd.ms-word.document.macroEnabled.main+xml"/></Types>'],
    ["word/x.xml", "<x/>"],
  ]),
  text: bytes("hanya teks biasa"),
};

const inspect = (name: string, content: Uint8Array, maxBytes = DEFAULT_EVIDENCE_MAX_BYTES) => inspectEvidenceFile({ name, bytes: content, maxBytes });

describe("safe file names", () => {
  it.each([
    ["../../x.pdf", "x.pdf"],
    ["..\\..\\x.pdf", "x.pdf"],
    ["/etc/passwd", "passwd"],
    ["C:\\Users\\rina\\Laporan Tahunan.pdf", "Laporan Tahunan.pdf"],
    ["laporan\u0000\u0007\u001b[31m.pdf", "laporan[31m.pdf"],
    ["foto\u202Egpj.exe", "fotogpj.exe"],
    ['a<b>c:d"e|f?g*h.pdf', "abcdefgh.pdf"],
    ["  spasi   berlebih  .pdf ", "spasi berlebih.pdf"],
    [".hidden.pdf", "hidden.pdf"],
    ["x.pdf.", "x.pdf"],
    ["CON.pdf", "_CON.pdf"],
    ["Surat Keputusan №12 – Wali Kota.pdf", "Surat Keputusan №12 – Wali Kota.pdf"],
  ])("%j → %j", (input, expected) => {
    expect(safeFileName(input)).toBe(expected);
  });

  it.each(["", "   ", "..", "../..", "/", "\u0000\u0001", "...."])("falls back to a neutral name for %j", (input) => {
    expect(safeFileName(input)).toBe("bukti-dukung");
  });

  it("keeps the extension of a name that was only an extension", () => {
    expect(safeFileName(".pdf")).toBe("bukti-dukung.pdf");
    expect(safeFileName("../.pdf")).toBe("bukti-dukung.pdf");
  });

  it("cuts very long names to 200 characters and keeps the extension", () => {
    const name = safeFileName(`${"a".repeat(500)}.pdf`);
    expect(Array.from(name)).toHaveLength(200);
    expect(name.endsWith(".pdf")).toBe(true);
    expect(Array.from(safeFileName(`${"😀".repeat(300)}.docx`))).toHaveLength(200);
  });

  it("never yields a path, a control character or a reserved character", () => {
    for (const input of ["../../../etc/x", "a/b\\c/..\\d.pdf", "x\r\ny.pdf", "a:b.pdf", "nul", " . "]) {
      const safe = safeFileName(input);
      expect(safe).not.toMatch(/[/\\<>:"|?*\p{Cc}]/u);
      expect(safe).not.toMatch(/^\.|\.$/);
      expect(safe.length).toBeGreaterThan(0);
    }
  });

  it("keeps the original name only trimmed, without control characters, at most 200 characters", () => {
    expect(cleanOriginalName("  ../../Laporan\u0000 2025.pdf \n")).toBe("../../Laporan 2025.pdf");
    expect(Array.from(cleanOriginalName("x".repeat(1000)))).toHaveLength(200);
  });

  it("reads extensions in lower case, and none for a name without one", () => {
    expect(extensionOf("Laporan.PDF")).toBe("pdf");
    expect(extensionOf("laporan")).toBe("");
    expect(extensionOf("arsip.tar.gz")).toBe("gz");
  });

  it("encodes download names by RFC 6266 / RFC 8187", () => {
    expect(contentDisposition("inline", "x.pdf")).toBe(`inline; filename="x.pdf"; filename*=UTF-8''x.pdf`);
    expect(contentDisposition("attachment", 'Rekap "Ọ́kè" 50%.xlsx')).toBe(
      `attachment; filename="Rekap _Oke_ 50_.xlsx"; filename*=UTF-8''Rekap%20%22%E1%BB%8C%CC%81k%C3%A8%22%2050%25.xlsx`,
    );
    expect(contentDisposition("attachment", "它.docx")).toBe(`attachment; filename=".docx"; filename*=UTF-8''%E5%AE%83.docx`);
  });
});

describe("links", () => {
  it.each(["https://jdih.palembang.go.id/sk/2025/12.pdf", "http://intranet.pemkot/bukti?id=1&x=2", "https://drive.example.org/a#b"])("accepts %s", (url) => {
    expect(ZEvidenceLink.safeParse({ url }).success).toBe(true);
  });

  it.each([
    ["javascript:alert(1)", "evidence.linkInvalid"],
    ["JavaScript:alert(1)//https://x.go.id", "evidence.linkInvalid"],
    ["data:text/html,<script>alert(1)</script>", "evidence.linkInvalid"],
    ["ftp://files.example.org/x.pdf", "evidence.linkInvalid"],
    ["/assessments/1", "evidence.linkInvalid"],
    ["www.palembang.go.id", "evidence.linkInvalid"],
    ["https://", "evidence.linkInvalid"],
    ["https://pemkot.go.id@jahat.example/", "evidence.linkCredentials"],
    ["", "evidence.linkRequired"],
    ["   ", "evidence.linkRequired"],
    [`https://x.go.id/${"a".repeat(2000)}`, "evidence.linkTooLong"],
  ])("refuses %j with %s", (url, key) => {
    const parsed = ZEvidenceLink.safeParse({ url });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toBe(key);
  });

  it("accepts exactly 2,000 characters, trims, and makes the title optional but bounded", () => {
    const url = `https://x.go.id/${"a".repeat(2000 - "https://x.go.id/".length)}`;
    expect(ZEvidenceLink.parse({ url: ` ${url} ` })).toEqual({ url, title: "" });
    expect(ZEvidenceLink.parse({ url, title: "  SK Wali Kota " }).title).toBe("SK Wali Kota");
    expect(ZEvidenceLink.safeParse({ url, title: "t".repeat(201) }).error?.issues[0]?.message).toBe("evidence.titleTooLong");
  });

  it("needs an indicator code in the route's body", () => {
    expect(ZAddEvidenceLink.safeParse({ url: "https://x.go.id" }).error?.issues[0]?.message).toBe("evidence.indicatorInvalid");
    expect(ZAddEvidenceLink.parse({ url: "https://x.go.id", indicatorCode: " 1.a.Ak " }).indicatorCode).toBe("1.a.Ak");
  });
});

describe("size limit", () => {
  it("is 10 MB unless EVIDENCE_MAX_BYTES says otherwise", () => {
    expect(evidenceMaxBytes({})).toBe(10 * 1024 * 1024);
    expect(evidenceMaxBytes({ EVIDENCE_MAX_BYTES: "" })).toBe(10 * 1024 * 1024);
    expect(evidenceMaxBytes({ EVIDENCE_MAX_BYTES: "5000" })).toBe(5000);
    expect(evidenceMaxBytes({ EVIDENCE_MAX_BYTES: " 25MB " })).toBe(25 * 1024 * 1024);
    expect(evidenceMaxBytes({ EVIDENCE_MAX_BYTES: "512 kb" })).toBe(512 * 1024);
    expect(evidenceMaxBytes({ EVIDENCE_MAX_BYTES: "1G" })).toBe(1024 ** 3);
  });

  it.each(["0", "-5", "1.5MB", "ten", "10 TB", "2GB", "99999999999999"])("refuses %j with the variable named", (value) => {
    expect(() => evidenceMaxBytes({ EVIDENCE_MAX_BYTES: value })).toThrow(/EVIDENCE_MAX_BYTES/);
  });
});

describe("allowed types and extensions", () => {
  it("agree type by type: every allowed extension for its content, no other", () => {
    const allExtensions = EVIDENCE_FILE_TYPES.flatMap((t) => t.extensions);
    for (const type of EVIDENCE_FILE_TYPES) {
      for (const ext of allExtensions) {
        const match = matchEvidenceType(type.detected, ext);
        const expected = EVIDENCE_FILE_TYPES.find((t) => t.detected === type.detected && t.extensions.includes(ext));
        if (expected) expect(match).toEqual({ ok: true, type: expected });
        else expect(match.ok).toBe(false);
      }
    }
  });

  it("lets the extension decide between the legacy Office formats, and nothing else pass as CFB", () => {
    expect(matchEvidenceType("cfb", "doc")).toMatchObject({ ok: true, type: { mime: "application/msword" } });
    expect(matchEvidenceType("cfb", "XLS")).toMatchObject({ ok: true, type: { mime: "application/vnd.ms-excel" } });
    expect(matchEvidenceType("cfb", "ppt")).toMatchObject({ ok: true, type: { mime: "application/vnd.ms-powerpoint" } });
    expect(matchEvidenceType("cfb", "msi")).toEqual({ ok: false, reason: "mismatch", detected: "DOC/XLS/PPT" });
    expect(matchEvidenceType("cfb", "pdf")).toMatchObject({ ok: false, reason: "mismatch" });
  });

  it("refuses unknown and unlisted content whatever the name, and a missing extension", () => {
    for (const detected of [undefined, "exe", "elf", "xml", "zip", "docm", "html", "svg"]) {
      expect(matchEvidenceType(detected, "pdf")).toEqual({ ok: false, reason: "notAllowed" });
    }
    expect(matchEvidenceType("pdf", "")).toEqual({ ok: false, reason: "noExtension" });
  });

  it("serves only PDF and raster images inline", () => {
    expect(
      EVIDENCE_FILE_TYPES.filter((t) => t.disposition === "inline")
        .map((t) => t.mime)
        .sort(),
    ).toEqual(["application/pdf", "image/gif", "image/jpeg", "image/png", "image/webp"]);
    expect(dispositionOf("application/msword")).toBe("attachment");
    expect(dispositionOf("text/html")).toBe("attachment");
    expect(dispositionOf(null)).toBe("attachment");
  });

  it("offers every allowed extension in the file input's accept list", () => {
    for (const ext of ["pdf", "png", "jpg", "jpeg", "webp", "gif", "docx", "xlsx", "pptx", "odt", "ods", "doc", "xls", "ppt"]) {
      expect(EVIDENCE_ACCEPT.split(",")).toContain(`.${ext}`);
    }
    expect(EVIDENCE_ACCEPT).not.toMatch(/svg|html|exe/);
  });
});

describe("inspecting a file's content", () => {
  it.each([
    ["laporan.pdf", "pdf", "application/pdf"],
    ["foto.PNG", "png", "image/png"],
    ["foto.jpeg", "jpg", "image/jpeg"],
    ["foto.jpg", "jpg", "image/jpeg"],
    ["anim.gif", "gif", "image/gif"],
    ["foto.webp", "webp", "image/webp"],
    ["sk.docx", "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"],
    ["rekap.xlsx", "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"],
    ["paparan.pptx", "pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"],
    ["notulen.odt", "odt", "application/vnd.oasis.opendocument.text"],
    ["data.ods", "ods", "application/vnd.oasis.opendocument.spreadsheet"],
    ["lama.doc", "cfb", "application/msword"],
    ["lama.xls", "cfb", "application/vnd.ms-excel"],
    ["lama.ppt", "cfb", "application/vnd.ms-powerpoint"],
  ] as const)("accepts %s by its content", async (name, sample, mime) => {
    const result = await inspect(name, SAMPLES[sample]);
    expect(result).toMatchObject({ ok: true, file: { type: { mime }, safeName: name } });
  });

  it.each([
    ["gambar.pdf", "png", "evidence.typeMismatch", { ext: "pdf", detected: "PNG" }],
    ["dokumen.docx", "pdf", "evidence.typeMismatch", { ext: "docx", detected: "PDF" }],
    ["pasang.doc.msi", "cfb", "evidence.typeMismatch", { ext: "msi" }],
    ["x.pdf", "html", "evidence.typeNotAllowed", {}],
    ["x.html", "html", "evidence.typeNotAllowed", {}],
    ["gambar.svg", "svg", "evidence.typeNotAllowed", {}],
    ["gambar.pdf", "xmlSvg", "evidence.typeNotAllowed", {}],
    ["program.pdf", "exe", "evidence.typeNotAllowed", {}],
    ["program.exe", "exe", "evidence.typeNotAllowed", {}],
    ["program.pdf", "elf", "evidence.typeNotAllowed", {}],
    ["arsip.docx", "zip", "evidence.typeNotAllowed", {}],
    ["makro.docx", "macroDocx", "evidence.typeNotAllowed", {}],
    ["catatan.pdf", "text", "evidence.typeNotAllowed", {}],
    ["laporan", "pdf", "evidence.nameNoExtension", {}],
  ] as const)("refuses %s holding %s", async (name, sample, key, values) => {
    const result = await inspect(name, SAMPLES[sample]);
    expect(result).toMatchObject({ ok: false, problem: { key, values: { name, ...values } } });
  });

  it("refuses an empty file and one over the limit, and accepts one exactly at it", async () => {
    expect(await inspect("x.pdf", new Uint8Array(0))).toMatchObject({ ok: false, problem: { key: "evidence.fileEmpty" } });
    const pdf = SAMPLES.pdf;
    expect(await inspect("x.pdf", pdf, pdf.length - 1)).toEqual({
      ok: false,
      problem: { key: "evidence.fileTooLarge", values: { name: "x.pdf", size: pdf.length, limit: pdf.length - 1 } },
    });
    expect((await inspect("x.pdf", pdf, pdf.length)).ok).toBe(true);
  });

  it("names the file by its safe name and keeps the original as given", async () => {
    const result = await inspect("../../x.pdf", SAMPLES.pdf);
    expect(result).toMatchObject({ ok: true, file: { safeName: "x.pdf", originalName: "../../x.pdf" } });
  });
});

describe("evidence storage configuration", () => {
  const cwd = "/srv/portal";

  it("stores on the local disk under .data/evidence by default, or under EVIDENCE_DIR", () => {
    expect(evidenceStorageConfig({}, cwd)).toEqual({ kind: "local", dir: path.join(cwd, ".data/evidence") });
    expect(evidenceStorageConfig({ EVIDENCE_DIR: "/var/lib/pekppp/bukti" }, cwd)).toEqual({ kind: "local", dir: "/var/lib/pekppp/bukti" });
    expect(evidenceStorageConfig({ EVIDENCE_DIR: "simpanan" }, cwd)).toEqual({ kind: "local", dir: path.join(cwd, "simpanan") });
  });

  it("refuses a folder under public/, where anyone could read the files", () => {
    expect(() => evidenceStorageConfig({ EVIDENCE_DIR: "public/uploads" }, cwd)).toThrow(/public/);
    expect(() => evidenceStorageConfig({ EVIDENCE_DIR: `${cwd}/public` }, cwd)).toThrow(/public/);
    expect(evidenceStorageConfig({ EVIDENCE_DIR: "publication" }, cwd)).toMatchObject({ kind: "local" });
  });

  it("selects S3 when a bucket is set, with the SDK's credential chain unless keys are given", () => {
    expect(evidenceStorageConfig({ EVIDENCE_S3_BUCKET: "bukti", EVIDENCE_DIR: "ignored" }, cwd)).toEqual({
      kind: "s3",
      bucket: "bukti",
      region: "us-east-1",
      endpoint: undefined,
      forcePathStyle: false,
      credentials: undefined,
      coldStorageClass: "GLACIER_IR",
    });
    expect(
      evidenceStorageConfig(
        {
          EVIDENCE_S3_BUCKET: "bukti",
          EVIDENCE_S3_REGION: "ap-southeast-3",
          EVIDENCE_S3_ENDPOINT: "https://minio.pemkot.go.id:9000",
          EVIDENCE_S3_ACCESS_KEY_ID: "AK",
          EVIDENCE_S3_SECRET_ACCESS_KEY: "SK",
          EVIDENCE_S3_FORCE_PATH_STYLE: "true",
          EVIDENCE_S3_COLD_STORAGE_CLASS: "DEEP_ARCHIVE",
        },
        cwd,
      ),
    ).toEqual({
      kind: "s3",
      bucket: "bukti",
      region: "ap-southeast-3",
      endpoint: "https://minio.pemkot.go.id:9000",
      forcePathStyle: true,
      credentials: { accessKeyId: "AK", secretAccessKey: "SK" },
      coldStorageClass: "DEEP_ARCHIVE",
    });
    expect(evidenceStorageConfig({ EVIDENCE_S3_BUCKET: "  " }, cwd)).toMatchObject({ kind: "local" });
  });

  it("refuses half a key pair, a bad endpoint and a bad flag, naming the variable", () => {
    expect(() => evidenceStorageConfig({ EVIDENCE_S3_BUCKET: "b", EVIDENCE_S3_ACCESS_KEY_ID: "AK" }, cwd)).toThrow(/EVIDENCE_S3_SECRET_ACCESS_KEY/);
    expect(() => evidenceStorageConfig({ EVIDENCE_S3_BUCKET: "b", EVIDENCE_S3_ENDPOINT: "minio:9000" }, cwd)).toThrow(/EVIDENCE_S3_ENDPOINT/);
    expect(() => evidenceStorageConfig({ EVIDENCE_S3_BUCKET: "b", EVIDENCE_S3_FORCE_PATH_STYLE: "kadang" }, cwd)).toThrow(/EVIDENCE_S3_FORCE_PATH_STYLE/);
    expect(() => evidenceStorageConfig({ EVIDENCE_S3_BUCKET: "b", EVIDENCE_S3_COLD_STORAGE_CLASS: "FREEZER" }, cwd)).toThrow(/EVIDENCE_S3_COLD_STORAGE_CLASS/);
  });

  it("builds the backend the configuration names (no network involved)", async () => {
    expect((await createEvidenceStorage({ kind: "local", dir: "/tmp/x" })).kind).toBe("local");
    const s3 = await createEvidenceStorage({
      kind: "s3",
      bucket: "b",
      region: "us-east-1",
      endpoint: "http://127.0.0.1:1",
      forcePathStyle: true,
      credentials: undefined,
      coldStorageClass: "GLACIER_IR",
    });
    expect(s3.kind).toBe("s3");
    await expect(s3.put("../x", new Uint8Array(1), "application/pdf")).rejects.toThrow(/Invalid storage key/);
  });

  it("accepts only generated-looking keys", () => {
    expect(() => assertStorageKey("evidence/5b0c2f0e-0000-4000-8000-000000000000/1f2e.pdf")).not.toThrow();
    for (const key of ["../x.pdf", "evidence/../x", "/abs/x", "evidence//x", "evidence/./x", "evidence/x y.pdf", "", "evidence/.hidden"]) {
      expect(() => assertStorageKey(key), key).toThrow();
    }
  });
});

describe("grouping by indicator", () => {
  it("keeps each indicator's items in order", () => {
    const item = (id: string, indicatorCode: string): EvidenceItemView => ({
      id,
      kind: "LINK",
      indicatorCode,
      safeName: null,
      url: "https://x.go.id",
      title: "",
      mimeType: null,
      sizeBytes: null,
      createdAt: "2025-01-01T00:00:00.000Z",
    });
    expect(groupEvidenceByIndicator([item("1", "1.a.Ak"), item("2", "2.a.P"), item("3", "1.a.Ak")])).toEqual({
      "1.a.Ak": [item("1", "1.a.Ak"), item("3", "1.a.Ak")],
      "2.a.P": [item("2", "2.a.P")],
    });
  });
});
