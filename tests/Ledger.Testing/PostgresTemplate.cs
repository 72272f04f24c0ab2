using System.Security.Cryptography;
using System.Text;

namespace Ledger.Testing;

/// <summary>
/// A freshly initialised cluster kept in the temp folder and copied for each test server: copying 40 MB takes a
/// fraction of what initdb takes (about 1 s on a quiet machine, several under load), on every test run.
/// </summary>
/// <remarks>
/// One template per set of server programs. It is built in a staging folder and renamed into place, so a reader
/// never sees a half-built one; of two processes building at once, the second rename fails and its copy is dropped.
/// </remarks>
internal static class PostgresTemplate
{
    private const string ReadyMarker = "READY";

    /// <summary>Puts a new, never-started cluster in <paramref name="data"/>, owned by whoever runs the server.</summary>
    public static void CreateCluster(PostgresBinaries binaries, string data)
    {
        var template = EnsureTemplate(binaries);
        PostgresBinaries.Run("cp", ["-a", Path.Combine(template, "data"), data], asPostgres: false);
    }

    private static string EnsureTemplate(PostgresBinaries binaries)
    {
        var id = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(binaries.Folder)))[..8];
        var template = Path.Combine(Path.GetTempPath(), $"ledger-pgtemplate-{id}");
        if (File.Exists(Path.Combine(template, ReadyMarker)))
        {
            return template;
        }

        DropAbandonedStaging(template);
        var staging = $"{template}.staging-{Guid.NewGuid():N}";
        Directory.CreateDirectory(staging);
        try
        {
            if (PostgresBinaries.RunAsPostgres)
            {
                PostgresBinaries.Run("chown", ["postgres:postgres", staging], asPostgres: false);
            }

            // --no-sync: a crash while it writes only loses a template that is rebuilt next time.
            binaries.Run("initdb", ["-D", Path.Combine(staging, "data"), "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C", "--no-sync"]);
            File.WriteAllText(Path.Combine(staging, ReadyMarker), binaries.Folder);
            Directory.Move(staging, template);
        }
        catch (IOException) when (File.Exists(Path.Combine(template, ReadyMarker)))
        {
            // Another test process finished its template first; theirs is as good as ours.
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }

        return template;
    }

    private static void DropAbandonedStaging(string template)
    {
        var folder = Path.GetDirectoryName(template)!;
        foreach (var staging in Directory.EnumerateDirectories(folder, Path.GetFileName(template) + ".staging-*"))
        {
            if (Directory.GetLastWriteTimeUtc(staging) < DateTime.UtcNow.AddMinutes(-10))
            {
                Directory.Delete(staging, recursive: true);
            }
        }
    }
}
