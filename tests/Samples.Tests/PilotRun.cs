using LonghuPilot;
using LonghuPilot.Run;
using Spectre.Console;

namespace Ledger.Samples.Tests;

/// <summary>Runs the sample's entry point in-process against a server, capturing what it prints.</summary>
public static class PilotRun
{
    /// <summary>The sample's exit code, its report and its console output.</summary>
    public static async Task<(int ExitCode, PilotReport? Report, string Output)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Out = new AnsiConsoleOutput(output),
        });
        console.Profile.Width = 200;
        // No environment: everything the run needs comes from the arguments, whatever the machine has set.
        var (exitCode, report) = await PilotProgram.RunAsync(args, console, _ => null, CancellationToken.None);
        return (exitCode, report, output.ToString());
    }

    /// <summary>The arguments of a small run against <paramref name="server"/>.</summary>
    public static string[] Small(PilotServer server, int seed) =>
        ["--url", server.BaseAddress.ToString(), "--admin-key", PilotServer.AdminKey, "--scale", "small", "--seed", $"{seed}"];
}
