const ENCODING_NAMES: Record<string, string> = {
  "utf-8": "UTF-8",
  "utf-16le": "UTF-16",
  "utf-16be": "UTF-16",
  "windows-1252": "Windows-1252",
};

/** The lead import preview and the filter bar's extras (pt-BR, the default). */
export const leadsImportPt = {
  template: "Baixar modelo",
  templateHint: "Planilha modelo (CSV separado por ;) com os cabeçalhos e uma linha de exemplo",
  export: "Exportar CSV",
  exportHint:
    "Os leads desta lista, com os filtros e a ordem aplicados, em uma planilha (CSV separado por ;) que pode ser importada de volta",
  title: "Pré-visualização da importação",
  file: (name: string) => `Arquivo: ${name}`,
  /** Shown beside the file's name: a wrong guess shows as wrong accents before anything is stored. */
  encoding: (encoding: string) =>
    `lido como ${ENCODING_NAMES[encoding] ?? encoding}${encoding === "windows-1252" ? " (CSV do Excel)" : ""}`,
  workbook: "planilha do Excel, primeira aba",
  legacyWorkbook:
    "Arquivos .xls (Excel 97–2003) não são lidos: salve a planilha como .xlsx ou CSV e escolha de novo.",
  workbookFailed: (name: string) => `Não foi possível ler ${name} como planilha do Excel (.xlsx).`,
  loading: "Analisando o arquivo…",
  failed: "Não foi possível analisar o arquivo.",
  counts: (total: number, valid: number, invalid: number) =>
    `${total} ${total === 1 ? "linha" : "linhas"} · ${valid} ${valid === 1 ? "válida" : "válidas"} · ${invalid} com problemas`,
  mappingHint: "Escolha o campo de cada coluna; a pré-visualização é refeita a cada mudança.",
  columnField: (header: string) => `Campo da coluna “${header}”`,
  ignore: "Ignorar coluna",
  untitled: (n: number) => `Coluna ${n}`,
  tableLabel: "Linhas do arquivo como serão gravadas",
  sampleCaption: (shown: number, total: number) =>
    shown < total
      ? `Primeiras ${shown} de ${total} linhas, como serão gravadas.`
      : `${total} ${total === 1 ? "linha" : "linhas"}, como serão gravadas.`,
  colLine: "Linha",
  colStatus: "Situação",
  valid: "Válida",
  invalid: "Com problema",
  yes: "Sim",
  no: "Não",
  problemsTitle: (n: number) =>
    n === 1
      ? "1 linha com problema (não será importada)"
      : `${n} linhas com problemas (não serão importadas)`,
  problemsMore: (n: number) => `… e mais ${n}.`,
  line: (n: number) => `Linha ${n}`,
  missingCompany: "Nenhuma coluna foi associada a Empresa: escolha a coluna com o nome da empresa.",
  importValid: (n: number) => (n === 1 ? "Importar 1 linha válida" : `Importar ${n} linhas válidas`),
  cancel: "Cancelar",
  fields: {
    company: "Empresa",
    website: "Site",
    segment: "Segmento",
    tier: "Tier",
    products: "Produtos",
    city: "Cidade",
    state: "Estado",
    country: "País",
    linkedinUrl: "LinkedIn",
    employees: "Funcionários",
    yearsInBusiness: "Anos de mercado",
    countriesServed: "Países atendidos",
    certifications: "Certificações",
    hasRnd: "P&D",
    isManufacturer: "Fabricante",
  } as Record<string, string>,
  // The matrix's active cell, as a person says it.
  matrixActive: (fit: string, engagement: string) => `Fit ${fit} × Engajamento ${engagement}`,
};

export type LeadsImportDictionary = typeof leadsImportPt;

export const leadsImportEn: LeadsImportDictionary = {
  template: "Download template",
  templateHint: "Template spreadsheet (;-separated CSV) with the headers and an example row",
  export: "Export CSV",
  exportHint: "The leads in this list, with its filters and order, as a spreadsheet (CSV) that imports back",
  title: "Import preview",
  file: (name) => `File: ${name}`,
  encoding: (encoding) =>
    `read as ${ENCODING_NAMES[encoding] ?? encoding}${encoding === "windows-1252" ? " (Excel's CSV)" : ""}`,
  workbook: "Excel workbook, first sheet",
  legacyWorkbook:
    ".xls files (Excel 97–2003) are not read: save the sheet as .xlsx or CSV and choose it again.",
  workbookFailed: (name) => `${name} could not be read as an Excel workbook (.xlsx).`,
  loading: "Reading the file…",
  failed: "The file could not be read.",
  counts: (total, valid, invalid) =>
    `${total} ${total === 1 ? "row" : "rows"} · ${valid} valid · ${invalid} with problems`,
  mappingHint: "Choose the field of each column; the preview is redone on every change.",
  columnField: (header) => `Field for column “${header}”`,
  ignore: "Ignore column",
  untitled: (n) => `Column ${n}`,
  tableLabel: "The file's rows as they will be stored",
  sampleCaption: (shown, total) =>
    shown < total
      ? `First ${shown} of ${total} rows, as they will be stored.`
      : `${total} ${total === 1 ? "row" : "rows"}, as they will be stored.`,
  colLine: "Line",
  colStatus: "Status",
  valid: "Valid",
  invalid: "Has problems",
  yes: "Yes",
  no: "No",
  problemsTitle: (n) =>
    n === 1 ? "1 row with problems (will not be imported)" : `${n} rows with problems (will not be imported)`,
  problemsMore: (n) => `… and ${n} more.`,
  line: (n) => `Line ${n}`,
  missingCompany: "No column is mapped to Company: choose the column with the company's name.",
  importValid: (n) => (n === 1 ? "Import 1 valid row" : `Import ${n} valid rows`),
  cancel: "Cancel",
  fields: {
    company: "Company",
    website: "Website",
    segment: "Segment",
    tier: "Tier",
    products: "Products",
    city: "City",
    state: "State",
    country: "Country",
    linkedinUrl: "LinkedIn",
    employees: "Employees",
    yearsInBusiness: "Years in business",
    countriesServed: "Countries served",
    certifications: "Certifications",
    hasRnd: "R&D",
    isManufacturer: "Manufacturer",
  },
  matrixActive: (fit, engagement) => `Fit ${fit} × Engagement ${engagement}`,
};
