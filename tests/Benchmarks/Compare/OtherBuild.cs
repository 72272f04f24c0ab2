using System.Diagnostics;

namespace Ledger.Benchmarks.Compare;

/// <summary>
/// Another commit of this repository built in Release in a folder of its own under the temp folder (<c>git archive</c>
/// of the commit, so the repository's worktrees and branches are left alone), for <c>--compare-ref</c>: its benchmark
/// harness and its API, run beside this build's. A folder that already holds a finished build of the commit is reused.
/// </summary>
public sealed record OtherBuild(string Commit, string Root)
{
    /// <summary>Written once both projects have built, so a build stopped half-way is never taken for a finished one.</summary>
    private const string DoneFile = ".ledger-compare-built";

    /// <summary>The other commit's benchmark harness (its own options, its own report).</summary>
    public string BenchDll => Path.Combine(Root, "tests", "Benchmarks", "bin", "Release", "net10.0", "Benchmarks.dll");

    /// <summary>The other commit's API, for the redemptions' <c>--compare</c>.</summary>
    public string ApiDll => Path.Combine(Root, "src", "Api", "bin", "Release", "net10.0", "Ledger.Api.dll");

    /// <summary>Resolves <paramref name="reference"/> (a commit, tag or branch) and builds it unless already built.</summary>
    public static async Task<OtherBuild> PrepareAsync(string reference, CancellationToken cancellationToken)
    {
        var commit = (await RunAsync("git", ["rev-parse", "--verify", reference + "^{commit}"], RepoPaths.Root, cancellationToken)).Trim();
        var build = new OtherBuild(commit, Path.Combine(Path.GetTempPath(), "ledger-build-" + commit[..12]));
        if (File.Exists(Path.Combine(build.Root, DoneFile)))
        {
            Console.Error.WriteLine($"== compare: reusing the Release build of {commit[..12]} in {build.Root}");
            return build;
        }

        Console.Error.WriteLine($"== compare: building {commit[..12]} in Release in {build.Root}");
        if (Directory.Exists(build.Root))
        {
            Directory.Delete(build.Root, recursive: true);
        }

        Directory.CreateDirectory(build.Root);
        await RunAsync("sh", ["-c", $"git archive {commit} | tar -x -C '{build.Root}'"], RepoPaths.Root, cancellationToken);
        foreach (var project in new[] { "tests/Benchmarks", "src/Api" })
        {
            await RunAsync("dotnet", ["build", project, "-c", "Release", "--nologo", "-v", "quiet", "-clp:NoSummary"], build.Root, cancellationToken);
        }

        await File.WriteAllTextAsync(Path.Combine(build.Root, DoneFile), commit, cancellationToken);
        return build;
    }

    /// <summary>The commit this build was made from (HEAD of the repository the harness runs in).</summary>
    public static async Task<string> HeadAsync(CancellationToken cancellationToken) =>
        (await RunAsync("git", ["rev-parse", "HEAD"], RepoPaths.Root, cancellationToken)).Trim();

    private static async Task<string> RunAsync(string file, string[] arguments, string folder, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = folder, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        arguments.ToList().ForEach(start.ArgumentList.Add);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{file} did not start.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return process.ExitCode == 0
            ? await output
            : throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} failed in {folder}:\n{await output}{await errors}");
    }
}
