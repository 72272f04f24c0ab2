using System.CommandLine;
using Ledger.Audit;
using Spectre.Console;

namespace Ledger.Api.Cli;

/// <summary>
/// <c>verify</c>: replays the whole ledger through every check, as <c>GET /api/audit/verify</c> does; a progress bar on a
/// terminal, then the problems as a table and one summary line. Exit code 1 when anything is found.
/// </summary>
public static class VerifyVerb
{
    /// <summary>The verb.</summary>
    public static Command Create(CliConsole console)
    {
        var command = CliLedger.WithStoreOptions(new Command("verify",
            "Replay every event and check the hash chains, points and stock conservation, balances, projections and honour rolls."));
        command.SetAction((parse, cancellationToken) => RunAsync(parse, console, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, CliConsole console, CancellationToken cancellationToken)
    {
        await using var ledger = await CliLedger.OpenAsync(parse, mayCreate: false, cancellationToken);
        var report = await console.WithProgressAsync("Verifying", progress =>
            ledger.Checks.Replay().RunAsync(new ReplayProgress(progress), cancellationToken));
        if (report.Problems.Count > 0)
        {
            var table = new Table().AddColumns("kind", "stream", "position", "detail");
            foreach (var p in report.Problems)
            {
                table.AddRow(Markup.Escape(p.Kind), Markup.Escape(p.Stream), p.Position?.ToString() ?? "", Markup.Escape(p.Detail));
            }

            console.Ansi.Write(table);
        }

        var verdict = report.Ok ? "intact" : $"{report.Problems.Count} problem(s) found";
        await console.Out.WriteLineAsync(
            $"verify: {report.Events} events in {report.Streams} streams, head hash {report.HeadHash}: {verdict}.");
        return report.Ok ? ExitCodes.Ok : ExitCodes.Failed;
    }

    private sealed class ReplayProgress(IProgress<(double Done, double Total)> bar) : IProgress<AuditProgress>
    {
        public void Report(AuditProgress value) => bar.Report((value.Position, value.HeadPosition));
    }
}
