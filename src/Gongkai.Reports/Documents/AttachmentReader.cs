using Gongkai.Reports.Documents.Pdf;
using Gongkai.Reports.Documents.Spreadsheets;
using Gongkai.Reports.Documents.Word;

namespace Gongkai.Reports.Documents;

/// <summary>Reads an attachment of a detected <see cref="SourceTypes">type</see> into lines and tables.</summary>
internal static class AttachmentReader
{
    public static DocumentContent Read(ReadOnlyMemory<byte> content, string sourceType)
    {
        var result = sourceType switch
        {
            SourceTypes.Pdf => PdfReportReader.Read(content),
            SourceTypes.Docx => WordReportReader.Read(content),
            SourceTypes.Xlsx or SourceTypes.Xls => SpreadsheetReportReader.Read(content, sourceType),
            _ => Unsupported(sourceType),
        };
        if (result.RadicalsReplaced > 0)
        {
            result.Problems.Add(new ReportProblem(
                ProblemCodes.RadicalsNormalized,
                $"Replaced {result.RadicalsReplaced} radicals or compatibility ideographs from the text extraction by the ideographs they stand for (⾏ → 行)."));
        }

        return result;
    }

    private static DocumentContent Unsupported(string sourceType)
    {
        var result = new DocumentContent(sourceType);
        result.Problems.Add(new ReportProblem(
            ProblemCodes.FormatUnsupported,
            sourceType == SourceTypes.Doc
                ? "A Word 97–2003 document (.doc): no library this parser can use reads it; the file is kept for a later reading."
                : "A file type the parser cannot read (not HTML, text, PDF, DOCX, XLSX or XLS); the file is kept."));
        return result;
    }
}
