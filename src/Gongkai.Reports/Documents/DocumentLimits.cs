namespace Gongkai.Reports.Documents;

/// <summary>
/// What the attachment readers read at most, so that a hostile or broken file costs bounded time and memory. A
/// report is a few dozen pages and a few MB; these are far above that and far below what hurts.
/// </summary>
internal static class DocumentLimits
{
    /// <summary>PDF pages read; a longer file is read from its beginning (an annual report is 5–40 pages).</summary>
    public const int MaxPdfPages = 200;

    /// <summary>Characters extracted from a PDF in all, beyond which the rest is not read.</summary>
    public const int MaxPdfLetters = 2_000_000;

    /// <summary>The unpacked size of all parts of a DOCX or XLSX.</summary>
    public const long MaxUnpackedBytes = 200L * 1024 * 1024;

    /// <summary>The packing ratio of one part above which it is taken for a zip bomb (Office XML packs 5–30×).</summary>
    public const int MaxPackingRatio = 200;

    public const int MaxZipEntries = 10_000;

    /// <summary>Characters of one Office XML part (the OpenXML SDK stops reading beyond it).</summary>
    public const long MaxCharactersInPart = 64L * 1024 * 1024;

    /// <summary>Rows read from one sheet, and sheets from one workbook.</summary>
    public const int MaxSheetRows = 5_000;

    public const int MaxSheets = 32;

    /// <summary>Columns of a table rebuilt from a sheet or from a PDF page (HTML tables are clamped alike).</summary>
    public const int MaxColumns = 64;
}
