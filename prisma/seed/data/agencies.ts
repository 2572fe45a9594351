/**
 * Reference data: real ministries and agencies (K/L) and state enterprises (BUMN) that deliver
 * public services, plus naming templates for their demo loci (service units).
 *
 * Names follow the Kabinet Merah Putih structure (Perpres 139/2024 and the 2024 ministry
 * regulations), i.e. the post-split names: Kementerian Hukum / Kementerian Hak Asasi Manusia /
 * Kementerian Imigrasi dan Pemasyarakatan instead of Kemenkumham, Kementerian Pendidikan Dasar dan
 * Menengah / Kementerian Pendidikan Tinggi, Sains, dan Teknologi / Kementerian Kebudayaan instead of
 * Kemendikbudristek, and so on. KemenPANRB itself (the evaluator) is deliberately not listed.
 */

export interface AgencySeed {
  name: string;
  shortName: string;
  kind: "KL" | "BUMN";
}

export const MINISTRIES_AND_AGENCIES: readonly AgencySeed[] = [
  // --- Kementerian (ministries) ---
  { name: "Kementerian Dalam Negeri", shortName: "Kemendagri", kind: "KL" },
  { name: "Kementerian Luar Negeri", shortName: "Kemlu", kind: "KL" },
  { name: "Kementerian Pertahanan", shortName: "Kemhan", kind: "KL" },
  { name: "Kementerian Hukum", shortName: "Kemenkum", kind: "KL" },
  { name: "Kementerian Hak Asasi Manusia", shortName: "KemenHAM", kind: "KL" },
  { name: "Kementerian Imigrasi dan Pemasyarakatan", shortName: "Kemenimipas", kind: "KL" },
  { name: "Kementerian Agama", shortName: "Kemenag", kind: "KL" },
  { name: "Kementerian Keuangan", shortName: "Kemenkeu", kind: "KL" },
  { name: "Kementerian Pendidikan Dasar dan Menengah", shortName: "Kemendikdasmen", kind: "KL" },
  {
    name: "Kementerian Pendidikan Tinggi, Sains, dan Teknologi",
    shortName: "Kemdiktisaintek",
    kind: "KL",
  },
  { name: "Kementerian Kebudayaan", shortName: "Kemenbud", kind: "KL" },
  { name: "Kementerian Kesehatan", shortName: "Kemenkes", kind: "KL" },
  { name: "Kementerian Sosial", shortName: "Kemensos", kind: "KL" },
  { name: "Kementerian Ketenagakerjaan", shortName: "Kemnaker", kind: "KL" },
  {
    name: "Kementerian Pelindungan Pekerja Migran Indonesia/Badan Pelindungan Pekerja Migran Indonesia",
    shortName: "KP2MI",
    kind: "KL",
  },
  { name: "Kementerian Perindustrian", shortName: "Kemenperin", kind: "KL" },
  { name: "Kementerian Perdagangan", shortName: "Kemendag", kind: "KL" },
  { name: "Kementerian Energi dan Sumber Daya Mineral", shortName: "KESDM", kind: "KL" },
  { name: "Kementerian Pekerjaan Umum", shortName: "KemenPU", kind: "KL" },
  { name: "Kementerian Perumahan dan Kawasan Permukiman", shortName: "KemenPKP", kind: "KL" },
  { name: "Kementerian Perhubungan", shortName: "Kemenhub", kind: "KL" },
  { name: "Kementerian Komunikasi dan Digital", shortName: "Komdigi", kind: "KL" },
  { name: "Kementerian Pertanian", shortName: "Kementan", kind: "KL" },
  { name: "Kementerian Kehutanan", shortName: "Kemenhut", kind: "KL" },
  {
    name: "Kementerian Lingkungan Hidup/Badan Pengendalian Lingkungan Hidup",
    shortName: "KLH",
    kind: "KL",
  },
  { name: "Kementerian Kelautan dan Perikanan", shortName: "KKP", kind: "KL" },
  {
    name: "Kementerian Desa dan Pembangunan Daerah Tertinggal",
    shortName: "Kemendes PDT",
    kind: "KL",
  },
  { name: "Kementerian Transmigrasi", shortName: "Kementrans", kind: "KL" },
  {
    name: "Kementerian Agraria dan Tata Ruang/Badan Pertanahan Nasional",
    shortName: "ATR/BPN",
    kind: "KL",
  },
  { name: "Kementerian Koperasi", shortName: "Kemenkop", kind: "KL" },
  { name: "Kementerian Usaha Mikro, Kecil, dan Menengah", shortName: "KemenUMKM", kind: "KL" },
  { name: "Kementerian Pariwisata", shortName: "Kemenpar", kind: "KL" },
  {
    name: "Kementerian Ekonomi Kreatif/Badan Ekonomi Kreatif",
    shortName: "Kemenekraf",
    kind: "KL",
  },
  {
    name: "Kementerian Pemberdayaan Perempuan dan Perlindungan Anak",
    shortName: "KemenPPPA",
    kind: "KL",
  },
  { name: "Kementerian Pemuda dan Olahraga", shortName: "Kemenpora", kind: "KL" },
  {
    name: "Kementerian Investasi dan Hilirisasi/Badan Koordinasi Penanaman Modal",
    shortName: "Kementerian Investasi/BKPM",
    kind: "KL",
  },
  {
    name: "Kementerian Kependudukan dan Pembangunan Keluarga/Badan Kependudukan dan Keluarga Berencana Nasional",
    shortName: "Kemendukbangga/BKKBN",
    kind: "KL",
  },

  // --- Lembaga (non-ministry agencies and other national bodies that serve the public) ---
  { name: "Kepolisian Negara Republik Indonesia", shortName: "Polri", kind: "KL" },
  { name: "Kejaksaan Republik Indonesia", shortName: "Kejaksaan RI", kind: "KL" },
  { name: "Badan Pengawas Obat dan Makanan", shortName: "BPOM", kind: "KL" },
  { name: "Badan Pusat Statistik", shortName: "BPS", kind: "KL" },
  { name: "Badan Meteorologi, Klimatologi, dan Geofisika", shortName: "BMKG", kind: "KL" },
  { name: "Badan Nasional Penanggulangan Bencana", shortName: "BNPB", kind: "KL" },
  { name: "Badan Nasional Pencarian dan Pertolongan", shortName: "Basarnas", kind: "KL" },
  { name: "Badan Kepegawaian Negara", shortName: "BKN", kind: "KL" },
  { name: "Badan Narkotika Nasional", shortName: "BNN", kind: "KL" },
  { name: "Badan Informasi Geospasial", shortName: "BIG", kind: "KL" },
  { name: "Badan Riset dan Inovasi Nasional", shortName: "BRIN", kind: "KL" },
  { name: "Badan Standardisasi Nasional", shortName: "BSN", kind: "KL" },
  { name: "Badan Pengawas Tenaga Nuklir", shortName: "Bapeten", kind: "KL" },
  { name: "Badan Karantina Indonesia", shortName: "Barantin", kind: "KL" },
  { name: "Badan Pangan Nasional", shortName: "Bapanas", kind: "KL" },
  { name: "Badan Gizi Nasional", shortName: "BGN", kind: "KL" },
  { name: "Badan Penyelenggara Jaminan Produk Halal", shortName: "BPJPH", kind: "KL" },
  { name: "Badan Siber dan Sandi Negara", shortName: "BSSN", kind: "KL" },
  { name: "Badan Pengawasan Keuangan dan Pembangunan", shortName: "BPKP", kind: "KL" },
  { name: "Lembaga Administrasi Negara", shortName: "LAN", kind: "KL" },
  {
    name: "Lembaga Kebijakan Pengadaan Barang/Jasa Pemerintah",
    shortName: "LKPP",
    kind: "KL",
  },
  { name: "Arsip Nasional Republik Indonesia", shortName: "ANRI", kind: "KL" },
  { name: "Perpustakaan Nasional Republik Indonesia", shortName: "Perpusnas", kind: "KL" },
];

export const STATE_ENTERPRISES: readonly AgencySeed[] = [
  { name: "PT PLN (Persero)", shortName: "PLN", kind: "BUMN" },
  { name: "PT Pertamina (Persero)", shortName: "Pertamina", kind: "BUMN" },
  { name: "PT Pos Indonesia (Persero)", shortName: "Pos Indonesia", kind: "BUMN" },
  { name: "PT Kereta Api Indonesia (Persero)", shortName: "KAI", kind: "BUMN" },
  { name: "Perusahaan Umum DAMRI", shortName: "DAMRI", kind: "BUMN" },
  { name: "PT Pelabuhan Indonesia (Persero)", shortName: "Pelindo", kind: "BUMN" },
  { name: "PT ASDP Indonesia Ferry (Persero)", shortName: "ASDP", kind: "BUMN" },
  { name: "PT Pelayaran Nasional Indonesia (Persero)", shortName: "PELNI", kind: "BUMN" },
  { name: "Perum BULOG", shortName: "BULOG", kind: "BUMN" },
  { name: "PT Pegadaian", shortName: "Pegadaian", kind: "BUMN" },
  { name: "PT Jasa Marga (Persero) Tbk", shortName: "Jasa Marga", kind: "BUMN" },
  { name: "PT Taspen (Persero)", shortName: "Taspen", kind: "BUMN" },
  { name: "PT Jasa Raharja", shortName: "Jasa Raharja", kind: "BUMN" },
  { name: "PT Pupuk Indonesia (Persero)", shortName: "Pupuk Indonesia", kind: "BUMN" },
  { name: "Perum Perumnas", shortName: "Perumnas", kind: "BUMN" },
  { name: "PT Bank Rakyat Indonesia (Persero) Tbk", shortName: "BRI", kind: "BUMN" },
];

export interface LocusTemplate {
  name: string;
  serviceType: "ADMINISTRATIF" | "JASA" | "BARANG";
}

/** Three loci (one per service type) typical for each institution kind, used to name demo loci. */
export const LOCUS_TEMPLATES: {
  PROVINSI: LocusTemplate[];
  KABUPATEN: LocusTemplate[];
  KOTA: LocusTemplate[];
  KL: LocusTemplate[];
  BUMN: LocusTemplate[];
} = {
  PROVINSI: [
    { name: "Badan Pendapatan Daerah (UPT Samsat)", serviceType: "ADMINISTRATIF" },
    { name: "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", serviceType: "ADMINISTRATIF" },
    { name: "Badan Kepegawaian Daerah", serviceType: "ADMINISTRATIF" },
    { name: "Dinas Pendidikan (Layanan Legalisasi dan Mutasi Peserta Didik)", serviceType: "ADMINISTRATIF" },
    { name: "Rumah Sakit Umum Daerah", serviceType: "JASA" },
    { name: "Rumah Sakit Jiwa Daerah", serviceType: "JASA" },
    { name: "Dinas Sosial (UPTD Panti Sosial)", serviceType: "JASA" },
    { name: "Dinas Tenaga Kerja (UPTD Balai Latihan Kerja)", serviceType: "JASA" },
    { name: "Dinas Perpustakaan dan Kearsipan", serviceType: "JASA" },
    { name: "Dinas Ketahanan Pangan", serviceType: "BARANG" },
    { name: "Dinas Pertanian (UPTD Balai Benih Induk)", serviceType: "BARANG" },
    { name: "Dinas Kelautan dan Perikanan (UPTD Balai Benih Ikan)", serviceType: "BARANG" },
    { name: "Dinas Kesehatan (UPTD Instalasi Farmasi)", serviceType: "BARANG" },
    { name: "Dinas Perumahan dan Kawasan Permukiman", serviceType: "BARANG" },
  ],
  KABUPATEN: [
    { name: "Dinas Kependudukan dan Pencatatan Sipil", serviceType: "ADMINISTRATIF" },
    { name: "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", serviceType: "ADMINISTRATIF" },
    { name: "Mal Pelayanan Publik", serviceType: "ADMINISTRATIF" },
    { name: "Kantor Kecamatan (Pelayanan Administrasi Terpadu Kecamatan)", serviceType: "ADMINISTRATIF" },
    { name: "Badan Pendapatan Daerah (Layanan PBB-P2)", serviceType: "ADMINISTRATIF" },
    { name: "Rumah Sakit Umum Daerah", serviceType: "JASA" },
    { name: "Puskesmas Kecamatan", serviceType: "JASA" },
    { name: "Dinas Sosial", serviceType: "JASA" },
    { name: "Dinas Perhubungan (UPTD Pengujian Kendaraan Bermotor)", serviceType: "JASA" },
    { name: "Dinas Lingkungan Hidup (Layanan Persampahan)", serviceType: "JASA" },
    { name: "Perusahaan Umum Daerah Air Minum (PDAM)", serviceType: "BARANG" },
    { name: "Dinas Pertanian (Penyaluran Benih dan Bibit)", serviceType: "BARANG" },
    { name: "Dinas Perikanan (UPTD Balai Benih Ikan)", serviceType: "BARANG" },
    { name: "Dinas Ketahanan Pangan (Cadangan Pangan Daerah)", serviceType: "BARANG" },
    { name: "Dinas Perumahan Rakyat dan Kawasan Permukiman", serviceType: "BARANG" },
  ],
  KOTA: [
    { name: "Dinas Kependudukan dan Pencatatan Sipil", serviceType: "ADMINISTRATIF" },
    { name: "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", serviceType: "ADMINISTRATIF" },
    { name: "Mal Pelayanan Publik", serviceType: "ADMINISTRATIF" },
    { name: "Badan Pendapatan Daerah (Layanan PBB-P2 dan BPHTB)", serviceType: "ADMINISTRATIF" },
    { name: "Kantor Kecamatan", serviceType: "ADMINISTRATIF" },
    { name: "Rumah Sakit Umum Daerah", serviceType: "JASA" },
    { name: "Puskesmas", serviceType: "JASA" },
    { name: "Dinas Perhubungan (UPTD Pengujian Kendaraan Bermotor)", serviceType: "JASA" },
    { name: "Dinas Sosial", serviceType: "JASA" },
    { name: "Dinas Pemadam Kebakaran dan Penyelamatan", serviceType: "JASA" },
    { name: "Perusahaan Umum Daerah Air Minum (PDAM)", serviceType: "BARANG" },
    { name: "Dinas Lingkungan Hidup (Bank Sampah dan Pupuk Kompos)", serviceType: "BARANG" },
    { name: "Dinas Ketahanan Pangan dan Pertanian", serviceType: "BARANG" },
    { name: "Dinas Perdagangan (Operasi Pasar Bahan Pokok)", serviceType: "BARANG" },
  ],
  KL: [
    { name: "Unit Layanan Terpadu", serviceType: "ADMINISTRATIF" },
    { name: "Pelayanan Terpadu Satu Pintu", serviceType: "ADMINISTRATIF" },
    { name: "Kantor Wilayah", serviceType: "ADMINISTRATIF" },
    { name: "Pusat Layanan Perizinan", serviceType: "ADMINISTRATIF" },
    { name: "Balai Besar Pelatihan", serviceType: "JASA" },
    { name: "Balai Besar Pengujian dan Laboratorium", serviceType: "JASA" },
    { name: "Rumah Sakit Vertikal", serviceType: "JASA" },
    { name: "Unit Pelaksana Teknis Layanan Publik", serviceType: "JASA" },
    { name: "Unit Penyaluran Bantuan", serviceType: "BARANG" },
    { name: "Balai Perbenihan", serviceType: "BARANG" },
    { name: "Gudang Logistik dan Distribusi", serviceType: "BARANG" },
    { name: "Unit Penyaluran Sarana dan Prasarana", serviceType: "BARANG" },
  ],
  BUMN: [
    { name: "Kantor Pelayanan Pelanggan", serviceType: "ADMINISTRATIF" },
    { name: "Kantor Cabang", serviceType: "ADMINISTRATIF" },
    { name: "Layanan Pendaftaran dan Administrasi Pelanggan", serviceType: "ADMINISTRATIF" },
    { name: "Unit Layanan", serviceType: "JASA" },
    { name: "Unit Layanan Penumpang", serviceType: "JASA" },
    { name: "Pusat Layanan Pelanggan (Contact Center)", serviceType: "JASA" },
    { name: "Unit Distribusi", serviceType: "BARANG" },
    { name: "Gudang Penyaluran", serviceType: "BARANG" },
    { name: "Unit Penjualan dan Distribusi Produk", serviceType: "BARANG" },
  ],
};

/**
 * Real service units of a few well-known K/L, keyed by `AgencySeed.shortName`. Not every K/L has
 * all three service types here; fall back to LOCUS_TEMPLATES.KL for the missing ones.
 */
export const KNOWN_KL_LOCI: Record<string, LocusTemplate[]> = {
  Kemenkes: [
    { name: "RSUPN Dr. Cipto Mangunkusumo", serviceType: "JASA" },
    { name: "RSUP Dr. Sardjito", serviceType: "JASA" },
    { name: "RSUP Dr. Hasan Sadikin", serviceType: "JASA" },
    { name: "RSUP Dr. Kariadi", serviceType: "JASA" },
    { name: "RSUP Fatmawati", serviceType: "JASA" },
    { name: "RSUP Persahabatan", serviceType: "JASA" },
    { name: "RSUP Dr. Wahidin Sudirohusodo", serviceType: "JASA" },
  ],
  Polri: [
    { name: "Satpas SIM Polda Metro Jaya", serviceType: "ADMINISTRATIF" },
    { name: "Sentra Pelayanan Kepolisian Terpadu Polda Metro Jaya", serviceType: "ADMINISTRATIF" },
    { name: "Rumah Sakit Bhayangkara Tk. I R. Said Sukanto", serviceType: "JASA" },
  ],
  BPOM: [
    { name: "Balai Besar POM di Jakarta", serviceType: "JASA" },
    { name: "Balai Besar POM di Bandung", serviceType: "JASA" },
    { name: "Balai Besar POM di Surabaya", serviceType: "JASA" },
  ],
  "ATR/BPN": [
    { name: "Kantor Pertanahan Kota Bandung", serviceType: "ADMINISTRATIF" },
    { name: "Kantor Wilayah BPN Provinsi Jawa Barat", serviceType: "ADMINISTRATIF" },
  ],
  Kemenimipas: [{ name: "Kantor Imigrasi Kelas I Khusus TPI Jakarta Selatan", serviceType: "ADMINISTRATIF" }],
  Kemenkeu: [{ name: "Kantor Pelayanan Utama Bea dan Cukai Tipe C Soekarno-Hatta", serviceType: "ADMINISTRATIF" }],
  Kemenhub: [
    { name: "Kantor Kesyahbandaran Utama Tanjung Priok", serviceType: "ADMINISTRATIF" },
    { name: "Politeknik Penerbangan Indonesia Curug", serviceType: "JASA" },
  ],
  Kemensos: [
    { name: "Sentra Handayani Jakarta", serviceType: "JASA" },
    { name: "Sentra Terpadu Pangudi Luhur Bekasi", serviceType: "JASA" },
    { name: "Sentra Terpadu Inten Soeweno Cibinong", serviceType: "JASA" },
  ],
  Kemnaker: [
    { name: "Balai Besar Pelatihan Vokasi dan Produktivitas Bekasi", serviceType: "JASA" },
    { name: "Balai Besar Pelatihan Vokasi dan Produktivitas Serang", serviceType: "JASA" },
  ],
  Kementan: [
    { name: "Balai Besar Pelatihan Pertanian Lembang", serviceType: "JASA" },
    { name: "Balai Besar Inseminasi Buatan Singosari", serviceType: "BARANG" },
    { name: "Balai Inseminasi Buatan Lembang", serviceType: "BARANG" },
  ],
  KKP: [
    { name: "Balai Besar Perikanan Budidaya Air Payau Jepara", serviceType: "BARANG" },
    { name: "Balai Besar Perikanan Budidaya Air Tawar Sukabumi", serviceType: "BARANG" },
  ],
};
