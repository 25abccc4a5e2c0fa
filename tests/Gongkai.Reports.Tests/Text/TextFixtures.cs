using System.Text;

namespace Gongkai.Reports.Tests.Text;

/// <summary>
/// The text side's fixture pages (Fixtures/text, written for these tests in UTF-8) and their bytes in the
/// encodings the web serves them in, produced here so that the repository holds readable sources.
/// </summary>
internal static class TextFixtures
{
    static TextFixtures() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static string Read(string name) =>
        File.ReadAllText(Path.Combine(RepositoryRoot, "tests", "Gongkai.Reports.Tests", "Fixtures", "text", name), Encoding.UTF8);

    /// <summary>The fixture's text encoded as <paramref name="encoding"/>; fails if a character has no code there.</summary>
    public static byte[] Bytes(string name, string encoding = "utf-8") => Encode(Read(name), encoding);

    public static byte[] Encode(string text, string encoding) =>
        Encoding.GetEncoding(encoding, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback).GetBytes(text);

    public static ParsedReport Parse(byte[] bytes, string? fileName = null, string? contentType = null) =>
        new ReportParser().Parse(new ReportSource(bytes) { FileName = fileName, ContentType = contentType });

    public static ReportDocument Document(byte[] bytes, string? fileName = null, string? contentType = null) =>
        new ReportParser().ReadDocument(new ReportSource(bytes) { FileName = fileName, ContentType = contentType });

    public static ParsedReport ParseText(string text, string fileName = "report.txt") => Parse(Encoding.UTF8.GetBytes(text), fileName);

    public static string[] Kinds(ParsedReport report) => report.Sections.Select(s => s.Kind).ToArray();

    public static string[] Codes(IEnumerable<ReportProblem> problems) => problems.Select(p => p.Code).ToArray();

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Functions.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Functions.sln not found above " + AppContext.BaseDirectory);
    }
}
