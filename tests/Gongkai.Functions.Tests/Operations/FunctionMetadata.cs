using System.Text.Json;

namespace Gongkai.Functions.Tests.Operations;

/// <summary>
/// The <c>functions.metadata</c> the Worker SDK wrote for the built app (the worker's own output folder, beside this
/// test project's in the artifacts tree): what the Functions host indexes in Azure and under Core Tools.
/// </summary>
internal static class FunctionMetadata
{
    public static string Folder => Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "Gongkai.Functions", new DirectoryInfo(AppContext.BaseDirectory).Name));

    public static string FilePath => Path.Combine(Folder, "functions.metadata");

    /// <summary>Each function by name, as a JSON object (name, scriptFile, entryPoint, language, bindings).</summary>
    public static IReadOnlyDictionary<string, JsonElement> Load()
    {
        Assert.True(File.Exists(FilePath), $"{FilePath} is missing: the worker's build writes it");
        using var document = JsonDocument.Parse(File.ReadAllText(FilePath));
        return document.RootElement.EnumerateArray().ToDictionary(f => f.GetProperty("name").GetString()!, f => f.Clone(), StringComparer.Ordinal);
    }

    public static IEnumerable<JsonElement> Bindings(JsonElement function) => function.GetProperty("bindings").EnumerateArray();

    public static JsonElement Trigger(JsonElement function) =>
        Assert.Single(Bindings(function), b => b.GetProperty("type").GetString()!.EndsWith("Trigger", StringComparison.Ordinal));
}
