using Ledger.Benchmarks;

// The ledger's benchmark: each figure beside its raw yardstick measured in the same run. Run by hand, never in CI.
BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

using var cancellation = new CancellationTokenSource(TimeSpan.FromMinutes(options.MaxMinutes));
Console.CancelKeyPress += (_, e) =>
{
    // Let the backends drop their scratch databases and files before the process ends.
    e.Cancel = true;
    cancellation.Cancel();
};

var report = new Report(options);
try
{
    await BenchRun.RunAsync(options, report, cancellation.Token);
}
catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
{
    report.AddNote($"**The run was stopped** (Ctrl+C or --max-minutes {options.MaxMinutes}) before it finished: the table is partial.");
}

var markdown = report.ToMarkdown();
Console.WriteLine();
Console.WriteLine(markdown);
Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(options.Output))!);
await File.WriteAllTextAsync(options.Output, markdown);
Console.Error.WriteLine($"Report written to {options.Output}");
return report.AllTargetsHold ? 0 : 1;
