using System.CommandLine;
using Ledger.EventStore;
using Ledger.Audit;

namespace Ledger.Api.Cli;

/// <summary><c>export --out file.ndjson</c>: the whole ledger, one event per line in global order, hashes included.</summary>
public static class ExportVerb
{
    private static readonly Option<string> OutOption = new("--out")
    {
        Description = "The NDJSON file to write (replaced if it exists).",
        Required = true,
    };

    /// <summary>The verb.</summary>
    public static Command Create(CliConsole console)
    {
        var command = CliLedger.WithStoreOptions(new Command("export", "Write every event, in global order, to an NDJSON file."));
        command.Options.Add(OutOption);
        command.SetAction((parse, cancellationToken) => RunAsync(parse, console, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, CliConsole console, CancellationToken cancellationToken)
    {
        var path = Path.GetFullPath(parse.GetRequiredValue(OutOption));
        await using var ledger = await CliLedger.OpenAsync(parse, mayCreate: false, cancellationToken);
        var total = (await ledger.Store.ReadHeadAsync(cancellationToken)).Events;
        var temporary = path + ".partial";
        var head = await console.WithProgressAsync("Exporting", async progress =>
        {
            // Written beside the target and moved into place at the end: a failed export never leaves half a file under its name.
            LedgerHead exported;
            try
            {
                await using var file = File.Create(temporary);
                exported = await EventExport.WriteAsync(ledger.Store, file, new EventsWritten(progress, total), cancellationToken);
            }
            catch
            {
                File.Delete(temporary);
                throw;
            }

            File.Move(temporary, path, overwrite: true);
            return exported;
        });
        await console.Out.WriteLineAsync($"export: {head.Events} events up to position {head.Position}, head hash {head.Hash}, written to {path}.");
        return ExitCodes.Ok;
    }

    private sealed class EventsWritten(IProgress<(double Done, double Total)> bar, long total) : IProgress<long>
    {
        public void Report(long value) => bar.Report((value, total));
    }
}
