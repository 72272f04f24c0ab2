using Ledger.Api.Cli;
using Ledger.Api.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Ledger.Api.Tests.Cli;

/// <summary>What a verb printed and returned.</summary>
public sealed record CliResult(int ExitCode, string Out, string Error);

/// <summary>Runs the verbs in process against a test host's own database, as an operator would name it on the command line.</summary>
public static class CliRun
{
    /// <summary>The <c>--store</c> options that point at <paramref name="api"/>'s database.</summary>
    public static string[] StoreArgs(LedgerApiFactory api)
    {
        var configuration = api.Services.GetRequiredService<IConfiguration>();
        return configuration["Ledger:Store"] == "postgres"
            ? ["--store", "postgres", "--connection", configuration.GetConnectionString("Ledger")!]
            : ["--store", "sqlite", "--sqlite-path", configuration["Ledger:SqlitePath"]!];
    }

    /// <summary>Runs <paramref name="verb"/> with <paramref name="args"/> on <paramref name="api"/>'s database.</summary>
    public static Task<CliResult> OnAsync(LedgerApiFactory api, string verb, params string[] args) =>
        RunAsync([verb, .. StoreArgs(api), .. args]);

    /// <summary>Runs the command line <paramref name="args"/> with standard output and error captured (not a terminal).</summary>
    public static async Task<CliResult> RunAsync(string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await LedgerCli.RunAsync(args, new CliConsole(output, error, IsTerminal: false));
        return new CliResult(code, output.ToString(), error.ToString());
    }
}
