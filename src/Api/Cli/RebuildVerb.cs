using System.CommandLine;

namespace Ledger.Api.Cli;

/// <summary>
/// <c>rebuild</c>: rebuilds every read model from zero through the projection runner, one after another, each in one
/// transaction. Run it while the server is stopped, or accept that appends wait while a read model is rebuilt.
/// </summary>
public static class RebuildVerb
{
    /// <summary>The verb.</summary>
    public static Command Create(CliConsole console)
    {
        var command = CliLedger.WithStoreOptions(new Command("rebuild", "Rebuild every read model (projection) from the events."));
        command.SetAction((parse, cancellationToken) => RunAsync(parse, console, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, CliConsole console, CancellationToken cancellationToken)
    {
        await using var ledger = await CliLedger.OpenAsync(parse, mayCreate: false, cancellationToken);
        var names = ledger.Projections.Projections;
        await console.WithProgressAsync("Rebuilding", async progress =>
        {
            for (var i = 0; i < names.Count; i++)
            {
                progress.Report((i, names.Count));
                await ledger.Projections.RebuildAsync(names[i], cancellationToken);
            }

            return names.Count;
        });
        var head = await ledger.Store.ReadHeadAsync(cancellationToken);
        await console.Out.WriteLineAsync(
            $"rebuild: {names.Count} read models ({string.Join(", ", names)}) rebuilt from {head.Events} events up to position {head.Position}.");
        return ExitCodes.Ok;
    }
}
