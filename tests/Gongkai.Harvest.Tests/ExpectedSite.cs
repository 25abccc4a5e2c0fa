using System.Text.Json;
using Gongkai.Testing;

namespace Gongkai.Harvest.Tests;

/// <summary>samples/sample-portal/EXPECTED.json: what the sample portal holds.</summary>
internal static class ExpectedSite
{
    private static readonly Lazy<JsonDocument> Document = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Find(), "samples", "sample-portal", "EXPECTED.json"))));

    public static JsonElement Root => Document.Value.RootElement;

    public static IEnumerable<JsonElement> Reports => Root.GetProperty("reports").EnumerateArray();

    public static IReadOnlyList<string> Strings(string property) => Root.GetProperty(property).EnumerateArray().Select(e => e.GetString()!).ToList();
}
