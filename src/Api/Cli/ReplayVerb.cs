using System.CommandLine;
using Ledger.Api.Endpoints;

namespace Ledger.Api.Cli;

/// <summary>
/// <c>replay --as-of time | --at-position n --out dir</c>: folds the ledger as it stood then and writes balances, every
/// leaderboard period that has entries, and stock, each as JSON and CSV. Without a cut it replays to the head.
/// </summary>
public static class ReplayVerb
{
    private static readonly Option<string?> AsOfOption = new("--as-of")
    {
        Description = "ISO 8601 time with an offset: count only what was recorded up to then (as the API's asOf).",
        Arity = ArgumentArity.ExactlyOne,
    };

    private static readonly Option<long?> AtPositionOption = new("--at-position")
    {
        Description = "Global ledger position: count only the events up to it (as the API's atPosition). Not with --as-of.",
    };

    private static readonly Option<string> OutOption = new("--out")
    {
        Description = "The folder to write balances, leaderboards and stock into (created if missing).",
        Required = true,
    };

    /// <summary>The verb.</summary>
    public static Command Create(CliConsole console)
    {
        var command = CliLedger.WithStoreOptions(new Command("replay",
            "Replay the ledger as of a time or a position and write balances, leaderboards and stock as JSON and CSV."));
        command.Options.Add(AsOfOption);
        command.Options.Add(AtPositionOption);
        command.Options.Add(OutOption);
        command.SetAction((parse, cancellationToken) => RunAsync(parse, console, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, CliConsole console, CancellationToken cancellationToken)
    {
        var errors = new List<(string Field, string Message)>();
        if (!QueryValues.TryParseTime(parse.GetValue(AsOfOption), out var asOf, errors, "--as-of"))
        {
            throw new CliUsageError($"--as-of: {errors[0].Message}");
        }

        var atPosition = parse.GetValue(AtPositionOption);
        if (atPosition is < 0)
        {
            throw new CliUsageError("--at-position must be a global ledger position: 0 or more.");
        }

        if (asOf is not null && atPosition is not null)
        {
            throw new CliUsageError("Give --as-of or --at-position, not both.");
        }

        var folder = Path.GetFullPath(parse.GetRequiredValue(OutOption));
        await using var ledger = await CliLedger.OpenAsync(parse, mayCreate: false, cancellationToken);
        var head = await ledger.Store.ReadHeadAsync(cancellationToken);
        var snapshot = new ReplaySnapshot(ledger.Registry, asOf, atPosition);
        await console.WithProgressAsync("Replaying", async progress =>
        {
            long events = 0;
            await foreach (var e in ledger.Store.ReadAllAsync(0, cancellationToken))
            {
                if (e.Position > head.Position || !snapshot.Observe(e))
                {
                    break;
                }

                if (++events % 4096 == 0)
                {
                    progress.Report((e.Position, head.Position));
                }
            }

            return events;
        });

        var files = await ReplayFiles.WriteAsync(folder, snapshot, asOf, atPosition, cancellationToken);
        var cut = asOf is { } time ? $"as of {time:O}" : atPosition is { } p ? $"at position {p}" : "at the head";
        await console.Out.WriteLineAsync(
            $"replay: {cut} (last event {snapshot.Last?.Position ?? 0}): {files.Households} households, {files.Boards} leaderboards, "
            + $"{files.Items} items written to {folder}.");
        return ExitCodes.Ok;
    }
}
