using System.IO.Compression;
using System.Text;
using Gongkai.Testing.Documents;
using Gongkai.Testing.ReportPages;

namespace Gongkai.Reports.Tests.Documents;

/// <summary>Scans, truncated, encrypted, oversized and unsupported files: a clear problem, never an exception.</summary>
public sealed class BadAttachmentTests
{
    private readonly ReportParser parser = new();

    [Fact]
    public void Scanned_pdf_is_pdf_no_text()
    {
        var report = parser.Parse(new ReportSource(ReportPdfWriter.WriteScan(3)) { FileName = "scan.pdf" });

        Assert.Equal(SourceTypes.Pdf, report.SourceType);
        Assert.Contains(report.Problems, p => p.Code == ProblemCodes.PdfNoText);
        Assert.DoesNotContain(report.Problems, p => p.Code is ProblemCodes.TextEmpty or ProblemCodes.StageFailed);
        Assert.Empty(report.Metrics);
    }

    [Fact]
    public void Pdf_of_500_pages_is_read_up_to_the_page_limit()
    {
        var report = parser.Parse(new ReportSource(ReportPdfWriter.WriteLong(500)) { FileName = "long.pdf" });

        var problem = Assert.Single(report.Problems, p => p.Code == ProblemCodes.DocumentTooLarge);
        Assert.Contains("500 pages", problem.Message, StringComparison.Ordinal);
        Assert.Contains("page 200", report.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("page 201", report.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Truncated_pdf_is_a_problem_not_an_exception()
    {
        var pdf = ReportPdfWriter.WriteLong(3);

        var report = parser.Parse(new ReportSource(pdf.AsMemory(0, pdf.Length / 3)) { FileName = "cut.pdf" });

        Assert.Equal(SourceTypes.Pdf, report.SourceType);
        Assert.Contains(report.Problems, p => p.Code is ProblemCodes.DocumentUnreadable or ProblemCodes.PdfNoText);
        Assert.DoesNotContain(report.Problems, p => p.Code == ProblemCodes.StageFailed);
    }

    [Fact]
    public void Encrypted_pdf_is_document_encrypted()
    {
        var report = parser.Parse(new ReportSource(EncryptedPdf()) { FileName = "locked.pdf" });

        Assert.Contains(report.Problems, p => p.Code == ProblemCodes.DocumentEncrypted);
    }

    [Fact]
    public void Docx_zip_bomb_is_not_unpacked()
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var part = zip.CreateEntry("word/document.xml", CompressionLevel.SmallestSize).Open();
            var spaces = new byte[1024 * 1024];
            Array.Fill(spaces, (byte)' ');
            for (var i = 0; i < 64; i++)
            {
                part.Write(spaces);
            }
        }

        var report = parser.Parse(new ReportSource(stream.ToArray()) { FileName = "bomb.docx" });

        Assert.Equal(SourceTypes.Docx, report.SourceType);
        var problem = Assert.Single(report.Problems, p => p.Code == ProblemCodes.DocumentTooLarge);
        Assert.Contains("zip bomb", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Truncated_docx_is_document_unreadable()
    {
        var page = ReportPageGenerator.Generate("2021", 3, targetBytes: 20_000);
        var docx = ReportDocxWriter.Write(ReportLayout.FromPage(page.Content, page.FileName));

        var report = parser.Parse(new ReportSource(docx.AsMemory(0, docx.Length / 2)) { FileName = "cut.docx" });

        Assert.Equal(SourceTypes.Docx, report.SourceType);
        Assert.Contains(report.Problems, p => p.Code == ProblemCodes.DocumentUnreadable);
    }

    [Fact]
    public void Word_97_doc_is_format_unsupported()
    {
        var doc = new byte[4096];
        new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 }.CopyTo(doc, 0);
        Encoding.Unicode.GetBytes("WordDocument").CopyTo(doc, 1024);

        var report = parser.Parse(new ReportSource(doc) { FileName = "报告.doc", ContentType = "application/msword" });

        Assert.Equal(SourceTypes.Doc, report.SourceType);
        var problem = Assert.Single(report.Problems, p => p.Code == ProblemCodes.FormatUnsupported);
        Assert.Contains(".doc", problem.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(report.Problems, p => p.Code == ProblemCodes.TextEmpty);
    }

    [Fact]
    public void Bytes_decide_the_type_not_the_name()
    {
        var pdf = ReportPdfWriter.WriteLong(1);
        var html = Encoding.UTF8.GetBytes("<html><body><p>页面不存在</p></body></html>");

        Assert.Equal(SourceTypes.Pdf, parser.Parse(new ReportSource(pdf) { ContentType = "application/octet-stream" }).SourceType);
        Assert.Equal(SourceTypes.Html, parser.Parse(new ReportSource(html) { FileName = "report.pdf", ContentType = "application/pdf" }).SourceType);
        Assert.Equal(SourceTypes.Text, parser.Parse(new ReportSource(Encoding.UTF8.GetBytes("一、总体情况\n本年度")) { FileName = "a.txt" }).SourceType);
    }

    /// <summary>A one-page PDF whose trailer names a standard security handler with a user password (not empty).</summary>
    private static byte[] EncryptedPdf()
    {
        var objects = new[]
        {
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
            "<< /Filter /Standard /V 1 /R 2 /O <" + new string('A', 64) + "> /U <" + new string('B', 64) + "> /P -44 >>",
        };
        var pdf = new StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(pdf.Length);
            pdf.Append(i + 1).Append(" 0 obj\n").Append(objects[i]).Append("\nendobj\n");
        }

        var xref = pdf.Length;
        pdf.Append("xref\n0 ").Append(objects.Length + 1).Append("\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            pdf.Append(offset.ToString("D10", System.Globalization.CultureInfo.InvariantCulture)).Append(" 00000 n \n");
        }

        pdf.Append("trailer\n<< /Size ").Append(objects.Length + 1).Append(" /Root 1 0 R /Encrypt 4 0 R /ID [<0123456789ABCDEF0123456789ABCDEF> <0123456789ABCDEF0123456789ABCDEF>] >>\nstartxref\n")
            .Append(xref).Append("\n%%EOF\n");
        return Encoding.ASCII.GetBytes(pdf.ToString());
    }
}
