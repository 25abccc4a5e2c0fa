namespace Gongkai.Functions.Tests.Operations;

/// <summary>Files of the repository under test, found from the test's output folder (CI runs from a fresh clone).</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(string relativePath) =>
        Path.Combine(Root, relativePath.Replace('/', Path.DirectorySeparatorChar));

    public static string Read(string relativePath) => File.ReadAllText(PathOf(relativePath));

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Functions.sln")))
            {
                return folder.FullName;
            }
        }
        throw new InvalidOperationException($"No Functions.sln above {AppContext.BaseDirectory}.");
    }
}
