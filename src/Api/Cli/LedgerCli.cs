using System.CommandLine;
using Ledger.EventStore;

namespace Ledger.Api.Cli;

/// <summary>
/// The command-line verbs of the server's own executable: <c>verify</c>, <c>replay</c>, <c>export</c>, <c>import</c>,
/// <c>rebuild</c>. With no verb the program serves as always. Errors are one line on standard error with exit code 2
/// (usage) or 1 (failed, or a problem found), never a stack trace.
/// </summary>
public static class LedgerCli
{
    /// <summary>The verbs, as the first argument.</summary>
    public static IReadOnlyList<string> Verbs { get; } = ["verify", "replay", "export", "import", "rebuild"];

    /// <summary>True when <paramref name="args"/> start with a verb, so the program runs it instead of serving.</summary>
    public static bool Handles(string[] args) => args.Length > 0 && Verbs.Contains(args[0], StringComparer.Ordinal);

    /// <summary>Runs the verb <paramref name="args"/> name; returns the exit code.</summary>
    public static async Task<int> RunAsync(
        string[] args, CliConsole? console = null, CancellationToken cancellationToken = default)
    {
        console ??= CliConsole.System();
        var root = new RootCommand("Service Supermarket Ledger: verify, replay, export, import and rebuild the ledger.")
        {
            VerifyVerb.Create(console), ReplayVerb.Create(console), ExportVerb.Create(console), ImportVerb.Create(console),
            RebuildVerb.Create(console),
        };
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            return await FailAsync(console, ExitCodes.Usage, $"{string.Join(" ", parse.Errors.Select(e => e.Message))} (see '{args.FirstOrDefault()} --help').");
        }

        try
        {
            return await parse.InvokeAsync(
                new InvocationConfiguration { Output = console.Out, Error = console.Error, EnableDefaultExceptionHandler = false },
                cancellationToken);
        }
        catch (CliUsageError ex)
        {
            return await FailAsync(console, ExitCodes.Usage, ex.Message);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return await FailAsync(console, ExitCodes.Failed, "Stopped.");
        }
        catch (Exception ex)
        {
            return await FailAsync(console, ExitCodes.Failed, Describe(ex));
        }
    }

    // What the operator reads: the reason, on one line. A failure we did not foresee still names its kind.
    private static string Describe(Exception ex) => ex switch
    {
        CliFailure or EventStoreUnavailableException or ImportRefusedException => ex.Message,
        AggregateException { InnerExceptions.Count: > 0 } aggregate => Describe(aggregate.InnerExceptions[0]),
        IOException or UnauthorizedAccessException => ex.Message,
        _ => $"{ex.GetType().Name}: {ex.Message}",
    };

    private static async Task<int> FailAsync(CliConsole console, int code, string message)
    {
        await console.Error.WriteLineAsync(message.ReplaceLineEndings(" "));
        return code;
    }
}
