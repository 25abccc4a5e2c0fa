namespace Gongkai.Reports;

/// <summary>What kind of file a report was read from (<see cref="ParsedReport.SourceType"/>).</summary>
public static class SourceTypes
{
    public const string Html = "html";
    public const string Text = "text";
    public const string Pdf = "pdf";
    public const string Docx = "docx";
    public const string Doc = "doc";
    public const string Xlsx = "xlsx";
    public const string Xls = "xls";

    /// <summary>A file the parser recognises but cannot read (RTF, OFD, other zip or OLE files).</summary>
    public const string Unsupported = "unsupported";

    /// <summary>True for the attachment types (everything but web pages and text copies).</summary>
    public static bool IsAttachment(string sourceType) => sourceType is not (Html or Text);
}
