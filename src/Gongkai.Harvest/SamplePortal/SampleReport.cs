using System.Text.Json;

namespace Gongkai.Harvest.SamplePortal;

/// <summary>A report the sample portal publishes, as samples/sample-portal/EXPECTED.json lists it.</summary>
/// <param name="Id">The fixture's own name for it (gov-2023).</param>
/// <param name="Path">The page's path on the sample portal.</param>
/// <param name="Encoding">The encoding of the page's bytes ("utf-8", "gbk"), whatever its header says.</param>
public sealed record SampleReport(string Id, string Path, string Agency, int Year, string Encoding)
{
    /// <summary>Every report of the embedded sample portal (EXPECTED.json, embedded in this assembly).</summary>
    public static IReadOnlyList<SampleReport> LoadEmbedded()
    {
        var assembly = typeof(SampleReport).Assembly;
        var name = assembly.GetManifestResourceNames().FirstOrDefault(n => n.Replace('\\', '/') == "SamplePortal/EXPECTED.json")
            ?? throw new InvalidOperationException("the sample portal's EXPECTED.json is not embedded in Gongkai.Harvest");
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var expected = JsonDocument.Parse(stream, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        return [.. expected.RootElement.GetProperty("reports").EnumerateArray().Select(r => new SampleReport(
            r.GetProperty("id").GetString()!, r.GetProperty("url").GetString()!, r.GetProperty("agency").GetString()!, r.GetProperty("year").GetInt32(),
            r.GetProperty("encoding").GetString()!))];
    }
}
