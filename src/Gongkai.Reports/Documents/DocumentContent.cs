using Gongkai.Reports.Html;

namespace Gongkai.Reports.Documents;

/// <summary>
/// An attachment read into the same lines and tables as a web page, with where each block came from (page, sheet
/// rows) so that figures can name the page or cell they were read from.
/// </summary>
internal sealed class DocumentContent(string sourceType)
{
    public string SourceType { get; } = sourceType;

    public PageContent Page { get; } = new();

    /// <summary>One origin per block of <see cref="Page"/>, in the same order.</summary>
    public List<BlockOrigin> Origins { get; } = [];

    /// <summary>Running headers and footers (page numbers, printed URLs) removed from the text, kept for metadata.</summary>
    public List<string> Removed { get; } = [];

    public List<ReportProblem> Problems { get; } = [];

    /// <summary>True when the reader could not get at the text at all (encrypted, damaged, scanned, unsupported).</summary>
    public bool Unreadable => Problems.Any(p => p.Code is ProblemCodes.PdfNoText or ProblemCodes.FormatUnsupported
        or ProblemCodes.DocumentEncrypted or ProblemCodes.DocumentUnreadable || (p.Code == ProblemCodes.DocumentTooLarge && Page.Blocks.Count == 0));

    public int RadicalsReplaced;

    public void AddLine(string text, BlockOrigin origin, int headingLevel = 0)
    {
        var normalized = Normalize(text);
        if (normalized.Length == 0)
        {
            return;
        }

        var chars = 0;
        foreach (var c in normalized)
        {
            if (!char.IsWhiteSpace(c))
            {
                chars++;
            }
        }

        Page.Blocks.Add(PageBlock.Line(normalized, chars, 0, headingLevel));
        Origins.Add(origin);
    }

    public void AddTable(RawTable table, BlockOrigin origin)
    {
        Page.Blocks.Add(PageBlock.ForTable(table));
        Origins.Add(origin);
    }

    /// <summary>Whitespace collapsed to single spaces, radicals replaced by ideographs.</summary>
    public string Normalize(string text)
    {
        var collapsed = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return CjkRadicals.Normalize(collapsed, ref RadicalsReplaced);
    }
}

/// <summary>Where a block of an attachment came from.</summary>
/// <param name="Page">The PDF page (from 1) of a line, or of a table's first row.</param>
/// <param name="RowPages">For a PDF table, the page of each grid row (a table may run over two pages).</param>
/// <param name="Sheet">For a spreadsheet table, the sheet's name.</param>
/// <param name="SheetRows">For a spreadsheet table, the sheet row (from 0) of each grid row.</param>
/// <param name="SheetColumns">For a spreadsheet table, the sheet column (from 0) of each grid column.</param>
internal sealed record BlockOrigin(
    int? Page = null,
    IReadOnlyList<int>? RowPages = null,
    string? Sheet = null,
    IReadOnlyList<int>? SheetRows = null,
    IReadOnlyList<int>? SheetColumns = null)
{
    public static BlockOrigin None { get; } = new();
}
