using System.Diagnostics;

namespace Ledger.Testing;

/// <summary>Finds PostgreSQL's server programs (initdb, pg_ctl) and runs them, as the postgres user when we are root.</summary>
internal sealed class PostgresBinaries
{
    private const string InstallHint =
        "Install the Debian package `postgresql` (`apt-get install -y postgresql`), or set " +
        PostgresServer.ConnectionStringVariable + " to the connection string of a server to use.";

    private PostgresBinaries(string folder) => Folder = folder;

    /// <summary>The folder holding initdb and pg_ctl.</summary>
    public string Folder { get; }

    /// <summary>PostgreSQL refuses to run as root, so root hands the server over to the postgres user.</summary>
    public static bool RunAsPostgres { get; } = Environment.IsPrivilegedProcess;

    /// <summary>
    /// Looks in <c>pg_config --bindir</c>, then in <c>/usr/lib/postgresql/*/bin</c> (newest first).
    /// Throws rather than letting tests skip: a missing server is a broken machine, not a pass.
    /// </summary>
    public static PostgresBinaries Find()
    {
        var candidates = new List<string>();
        try
        {
            var bindir = Run("pg_config", ["--bindir"], asPostgres: false).Trim();
            candidates.Add(bindir);
        }
        catch (Exception e) when (e is PostgresServerException or System.ComponentModel.Win32Exception)
        {
            // pg_config is missing (it comes with libpq-dev or the server); fall back to the Debian layout.
        }

        if (Directory.Exists("/usr/lib/postgresql"))
        {
            candidates.AddRange(Directory.GetDirectories("/usr/lib/postgresql")
                .OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0)
                .Select(d => Path.Combine(d, "bin")));
        }

        var folder = candidates.FirstOrDefault(c => File.Exists(Path.Combine(c, "initdb")) && File.Exists(Path.Combine(c, "pg_ctl")))
            ?? throw new PostgresServerException(
                $"PostgreSQL server programs (initdb, pg_ctl) were not found (looked in: {string.Join(", ", candidates.DefaultIfEmpty("nothing"))}). {InstallHint}");
        if (RunAsPostgres && !UserExists("postgres"))
        {
            throw new PostgresServerException($"Running as root, but there is no `postgres` user to run the server as. {InstallHint}");
        }

        return new PostgresBinaries(folder);
    }

    /// <summary>Runs one of the server programs, as postgres when we are root.</summary>
    public string Run(string program, IReadOnlyList<string> arguments) =>
        Run(Path.Combine(Folder, program), arguments, RunAsPostgres);

    /// <summary>Runs a program to completion; throws with its output when it fails.</summary>
    public static string Run(string program, IReadOnlyList<string> arguments, bool asPostgres)
    {
        var start = new ProcessStartInfo(asPostgres ? "runuser" : program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            // The postgres user cannot enter most working folders of a test run; initdb complains if it cannot.
            WorkingDirectory = Path.GetTempPath(),
        };
        if (asPostgres)
        {
            foreach (var a in new[] { "-u", "postgres", "--", program })
            {
                start.ArgumentList.Add(a);
            }
        }

        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start) ?? throw new PostgresServerException($"Could not start {program}.");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromSeconds(90)))
        {
            process.Kill(entireProcessTree: true);
            throw new PostgresServerException($"{program} {string.Join(' ', arguments)} did not finish in 90 s.");
        }

        if (process.ExitCode != 0)
        {
            throw new PostgresServerException(
                $"{program} {string.Join(' ', arguments)} failed with exit code {process.ExitCode}: {stdout}{stderr.Result}");
        }

        return stdout;
    }

    private static bool UserExists(string name) =>
        File.Exists("/etc/passwd") && File.ReadLines("/etc/passwd").Any(l => l.StartsWith(name + ":", StringComparison.Ordinal));
}
