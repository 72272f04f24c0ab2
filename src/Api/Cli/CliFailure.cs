namespace Ledger.Api.Cli;

/// <summary>A verb could not do its work for a reason the operator can act on: one line on standard error, exit code 1.</summary>
public sealed class CliFailure(string message) : Exception(message);

/// <summary>The command line asked for something that makes no sense: one line on standard error, exit code 2.</summary>
public sealed class CliUsageError(string message) : Exception(message);

/// <summary>The exit codes of every verb.</summary>
public static class ExitCodes
{
    /// <summary>Done, nothing wrong.</summary>
    public const int Ok = 0;

    /// <summary>A problem was found (verify), or the work failed.</summary>
    public const int Failed = 1;

    /// <summary>The command line was wrong.</summary>
    public const int Usage = 2;
}
