namespace Gongkai.Reports;

/// <summary>Problem codes of the attachment readers (PDF, Word, Excel).</summary>
public static partial class ProblemCodes
{
    /// <summary>A PDF without a text layer (a scan): kept for later, no text read.</summary>
    public const string PdfNoText = "pdf.no_text";

    /// <summary>A file type the parser recognises but cannot read (Word 97 <c>.doc</c>, RTF, OFD …); the bytes are kept.</summary>
    public const string FormatUnsupported = "format.unsupported";

    /// <summary>The document is encrypted and cannot be opened without a password.</summary>
    public const string DocumentEncrypted = "document.encrypted";

    /// <summary>The document is damaged or truncated and could not be read.</summary>
    public const string DocumentUnreadable = "document.unreadable";

    /// <summary>The document is larger than the parser reads (pages, unpacked size); only its beginning was read, or none of it.</summary>
    public const string DocumentTooLarge = "document.too_large";

    /// <summary>Radicals or compatibility ideographs left by text extraction (⾏ for 行) were replaced by the ideographs.</summary>
    public const string RadicalsNormalized = "text.radicals_normalized";
}
