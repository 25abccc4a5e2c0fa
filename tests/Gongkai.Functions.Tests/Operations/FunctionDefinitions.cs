namespace Gongkai.Functions.Tests.Operations;

/// <summary>The function.json files the app ships: src/Gongkai.Functions/FunctionApp/&lt;FunctionName&gt;/function.json.</summary>
internal static class FunctionDefinitions
{
    public const string Folder = "src/Gongkai.Functions/FunctionApp";

    public static IReadOnlyList<string> Files() =>
        Directory.EnumerateDirectories(Repository.PathOf(Folder))
            .Select(d => Path.Combine(d, "function.json"))
            .Where(File.Exists)
            .Order(StringComparer.Ordinal)
            .ToList();

    public static string FunctionName(string file) => Path.GetFileName(Path.GetDirectoryName(file)!);
}
