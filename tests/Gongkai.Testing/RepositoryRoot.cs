namespace Gongkai.Testing;

/// <summary>Finds the repository root (the folder with Functions.sln) above the running test or benchmark.</summary>
public static class RepositoryRoot
{
    public static string Find()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "Functions.sln")))
                {
                    return directory.FullName;
                }
            }
        }

        throw new InvalidOperationException($"Could not find the repository root (Functions.sln) above {AppContext.BaseDirectory}.");
    }
}
