using System.IO.Compression;
using System.Text;

namespace Gongkai.Reports.Documents;

/// <summary>
/// Tells an attachment from a web page by its magic bytes first (a server's Content-Type and a file's extension
/// often lie: a PDF served as <c>application/octet-stream</c>, an HTML error page named <c>.pdf</c>), then by what the
/// container holds (a zip with <c>word/</c> or <c>xl/</c>, an OLE file with a <c>WordDocument</c> or
/// <c>Workbook</c> stream).
/// </summary>
internal static class DocumentSniffer
{
    private static readonly byte[] Pdf = "%PDF-"u8.ToArray();
    private static readonly byte[] Zip = [0x50, 0x4B, 0x03, 0x04];
    private static readonly byte[] Ole = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    private static readonly byte[] Rtf = @"{\rtf"u8.ToArray();
    private static readonly byte[] WordStream = Encoding.Unicode.GetBytes("WordDocument");
    private static readonly byte[] WorkbookStream = Encoding.Unicode.GetBytes("Workbook");
    private static readonly byte[] BookStream = Encoding.Unicode.GetBytes("Book\0");

    /// <summary>The attachment's source type, or <see cref="SourceTypes.Html"/> for anything the page reader reads (pages, text copies).</summary>
    public static string Detect(ReadOnlyMemory<byte> content, string? contentType, string? fileName)
    {
        var bytes = content.Span;
        // Some generators write a few bytes of junk before the header; readers accept it within the first KB.
        if (bytes[..Math.Min(bytes.Length, 1024)].IndexOf(Pdf) >= 0)
        {
            return SourceTypes.Pdf;
        }

        if (bytes.StartsWith(Zip))
        {
            return ZipType(content, contentType, fileName);
        }

        if (bytes.StartsWith(Ole))
        {
            return bytes.IndexOf(WordStream) >= 0 ? SourceTypes.Doc
                : bytes.IndexOf(WorkbookStream) >= 0 || bytes.IndexOf(BookStream) >= 0 ? SourceTypes.Xls
                : Declared(contentType, fileName) is { } declared && declared is SourceTypes.Doc or SourceTypes.Xls ? declared
                : SourceTypes.Unsupported;
        }

        if (bytes.StartsWith(Rtf))
        {
            return SourceTypes.Unsupported;
        }

        return SourceTypes.Html;
    }

    private static string ZipType(ReadOnlyMemory<byte> content, string? contentType, string? fileName)
    {
        try
        {
            using var archive = new ZipArchive(new ReadOnlyMemoryStream(content), ZipArchiveMode.Read);
            foreach (var entry in archive.Entries)
            {
                if (entry.FullName.StartsWith("word/", StringComparison.Ordinal))
                {
                    return SourceTypes.Docx;
                }

                if (entry.FullName.StartsWith("xl/", StringComparison.Ordinal))
                {
                    return SourceTypes.Xlsx;
                }
            }

            return SourceTypes.Unsupported;
        }
        catch (InvalidDataException)
        {
            // A truncated zip has no central directory: trust what the server or the file name said it is.
            return Declared(contentType, fileName) is { } declared && declared is SourceTypes.Docx or SourceTypes.Xlsx ? declared : SourceTypes.Unsupported;
        }
    }

    private static string? Declared(string? contentType, string? fileName)
    {
        var type = (contentType ?? "").Split(';')[0].Trim().ToLowerInvariant();
        var extension = Path.GetExtension(fileName ?? "").ToLowerInvariant();
        return (type, extension) switch
        {
            ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", _) or (_, ".docx") => SourceTypes.Docx,
            ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", _) or (_, ".xlsx") => SourceTypes.Xlsx,
            ("application/msword", _) or (_, ".doc") => SourceTypes.Doc,
            ("application/vnd.ms-excel", _) or (_, ".xls") => SourceTypes.Xls,
            _ => null,
        };
    }
}
