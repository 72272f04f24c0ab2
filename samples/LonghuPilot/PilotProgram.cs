using LonghuPilot.Client;
using LonghuPilot.Plan;
using LonghuPilot.Run;
using Spectre.Console;

namespace LonghuPilot;

/// <summary>
/// Builds the 2024 points pilot of 汕头市龙湖区 (seed article 000) on a running ledger server, through its HTTP API only,
/// then reads it back and checks the server's figures against what was sent.
/// </summary>
public static class PilotProgram
{
    /// <summary>Exit codes: 0 all sent and read back equal, 1 a request failed or a figure differs, 2 bad arguments.</summary>
    public static async Task<int> Main(string[] args)
    {
        if (Console.IsOutputRedirected)
        {
            // A log file gets plain text, one line per phase: no colour codes, no wrapping at 80 columns.
            AnsiConsole.Console = AnsiConsole.Create(new AnsiConsoleSettings { Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors });
            AnsiConsole.Profile.Width = 160;
        }

        return (await RunAsync(args, AnsiConsole.Console, Environment.GetEnvironmentVariable, CancellationToken.None)).ExitCode;
    }

    /// <summary>The whole run: parse, plan, send, read back. Never throws for a server's refusal: it prints one line.</summary>
    public static async Task<(int ExitCode, PilotReport? Report)> RunAsync(
        IReadOnlyList<string> args, IAnsiConsole console, Func<string, string?> environment, CancellationToken ct)
    {
        var progress = new PilotConsole(console);
        var (options, error) = PilotOptions.Parse(args, environment);
        if (options is null)
        {
            progress.Error(error!);
            return (2, null);
        }

        var plan = PlanBuilder.Build(options.Seed, options.Scale);
        var report = new PilotReport(plan);
        progress.Line($"龙湖区 2024 积分制管理试点 → {options.Url} (seed {plan.Seed}, scale {plan.Scale.Name}): "
            + $"{plan.Communities.Count} communities in 2 batches, {plan.Expected.Households} households, "
            + $"{plan.Expected.Activities} activities, {plan.Expected.Participations} participations");
        using var http = new HttpClient { BaseAddress = options.Url, Timeout = TimeSpan.FromSeconds(100) };
        var client = new LedgerClient(http, options.Seed);
        try
        {
            report.HeadBefore = (await client.GetAsync<HealthAnswer>(options.AdminKey, "/health", ct)).Position;
            await new PilotRunner(client, options.AdminKey, report, progress).RunAsync(ct);
            var auditor = (await client.PostAsync<IssuedKeyAnswer>(options.AdminKey, "/api/keys",
                new IssueKeyBody("auditor", null, "龙湖区试点核查"), "key-auditor", ct))!.Key;
            await new ReadBack(client, auditor, report, progress).RunAsync(ct);
            report.HeadAfter = (await client.GetAsync<HealthAnswer>(options.AdminKey, "/health", ct)).Position;
        }
        catch (PilotException ex)
        {
            progress.Error(ex.Message);
            return (1, report);
        }

        progress.Line(report.RecordedNothing
            ? $"Ledger head unchanged at {report.HeadAfter:N0}: everything was there already ({client.Requests:N0} requests answered from the ledger)."
            : $"Ledger head moved from {report.HeadBefore:N0} to {report.HeadAfter:N0} ({client.Requests:N0} requests).");
        foreach (var mismatch in report.Mismatches)
        {
            progress.Error(mismatch);
        }

        return (report.Mismatches.Count == 0 ? 0 : 1, report);
    }
}
