namespace Ledger.Benchmarks;

/// <summary>Finds the repository the benchmark was started from, so reports land in benchmarks/results.</summary>
public static class RepoPaths
{
    /// <summary>The nearest folder above the working directory holding Ledger.sln, or the working directory.</summary>
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Ledger.sln")))
            {
                return dir.FullName;
            }
        }

        return Directory.GetCurrentDirectory();
    }
}
