using System.CommandLine;
using Ledger.EventStore;

namespace Ledger.Api.Cli;

/// <summary>
/// The command-line verbs of the server's own executable: <c>verify</c>, <c>replay</c>, <c>export</c>, <c>import</c>,
/// <c>rebuild</c>, <c>backup</c>. With no verb the program serves as always. Errors are one line on standard error with exit code 2
/// (usage) or 1 (failed, or a problem found), never a stack trace.
/// </summary>
public static class LedgerCli
{
    /// <summary>The verbs, as the first argument.</summary>
    public static IReadOnlyList<string> Verbs { get; } = ["verify", "replay", "export", "import", "rebuild", "backup"];

    private static readonly string[] HelpOptions = ["--help", "-h", "-?", "help"];

    /// <summary>
    /// True when the program must not serve: <paramref name="args"/> start with a verb, ask for help anywhere, or start
    /// with a word that is no verb (a mistyped verb must never start a second server on the same ledger). Serving
    /// arguments are configuration (<c>--urls http://...</c>, <c>--Ledger:Store=postgres</c>, <c>Ledger:Store=postgres</c>).
    /// </summary>
    public static bool Handles(string[] args) =>
        args.Length > 0 && (IsVerb(args[0]) || args.Any(IsHelp) || IsUnknownVerb(args[0]));

    private static bool IsVerb(string arg) => Verbs.Contains(arg, StringComparer.Ordinal);

    private static bool IsHelp(string arg) => HelpOptions.Contains(arg, StringComparer.Ordinal);

    private static bool IsUnknownVerb(string arg) => !arg.StartsWith('-') && !arg.Contains('=', StringComparison.Ordinal) && !IsVerb(arg);

    /// <summary>Runs the verb <paramref name="args"/> name; returns the exit code.</summary>
    public static async Task<int> RunAsync(
        string[] args, CliConsole? console = null, CancellationToken cancellationToken = default)
    {
        console ??= CliConsole.System();
        var root = new RootCommand(
            "Service Supermarket Ledger. With no verb it serves the API and pages (change the port with --urls http://0.0.0.0:PORT); "
            + "a verb works on the ledger instead.")
        {
            VerifyVerb.Create(console), ReplayVerb.Create(console), ExportVerb.Create(console), ImportVerb.Create(console),
            RebuildVerb.Create(console), BackupVerb.Create(console),
        };
        if (IsUnknownVerb(args[0]) && !IsHelp(args[0]))
        {
            return await FailAsync(console, ExitCodes.Usage, $"'{args[0]}' is not a verb. {ListVerbs(root)}");
        }

        // Help asked for without a verb (say `-- --urls ... --help`) is the program's help, never a server start.
        var parse = root.Parse(IsVerb(args[0]) ? args : ["--help"]);
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

    private static string ListVerbs(RootCommand root) =>
        $"Verbs: {string.Join(", ", root.Subcommands.Select(c => c.Name))}; with no verb the program serves. --help describes them.";

    private static async Task<int> FailAsync(CliConsole console, int code, string message)
    {
        await console.Error.WriteLineAsync(message.ReplaceLineEndings(" "));
        return code;
    }
}
