using Spectre.Console;

namespace Ledger.Api.Cli;

/// <summary>
/// Where a verb writes: results and the summary to <paramref name="Out"/>, one-line errors to <paramref name="Error"/>.
/// Progress bars and colour only when <paramref name="IsTerminal"/>: a pipe or a file gets plain lines a script can read.
/// </summary>
/// <param name="Out">Standard output, or a test's writer.</param>
/// <param name="Error">Standard error, or a test's writer.</param>
/// <param name="IsTerminal">True when a person is watching standard output.</param>
public sealed record CliConsole(TextWriter Out, TextWriter Error, bool IsTerminal)
{
    /// <summary>The process's own console.</summary>
    public static CliConsole System() => new(Console.Out, Console.Error, !Console.IsOutputRedirected);

    /// <summary>A Spectre console on <see cref="Out"/>: ANSI and interaction on a terminal, plain text otherwise.</summary>
    public IAnsiConsole Ansi { get; } = AnsiConsole.Create(new AnsiConsoleSettings
    {
        Out = new AnsiConsoleOutput(Out),
        Ansi = IsTerminal ? AnsiSupport.Detect : AnsiSupport.No,
        ColorSystem = IsTerminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
        Interactive = IsTerminal ? InteractionSupport.Yes : InteractionSupport.No,
    });

    /// <summary>
    /// Runs <paramref name="work"/> under a progress bar named <paramref name="description"/> on a terminal; elsewhere
    /// runs it with a progress that nobody draws. The work reports (done, total).
    /// </summary>
    public async Task<T> WithProgressAsync<T>(string description, Func<IProgress<(double Done, double Total)>, Task<T>> work)
    {
        if (!IsTerminal)
        {
            return await work(new Progress<(double, double)>(_ => { }));
        }

        T result = default!;
        await Ansi.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(description, maxValue: 1);
                result = await work(new SynchronousProgress(p =>
                {
                    task.MaxValue = Math.Max(p.Total, 1);
                    task.Value = p.Done;
                }));
                task.Value = task.MaxValue;
            });
        return result;
    }

    // Progress<T> posts to the thread pool; the bar must see each report before the work goes on.
    private sealed class SynchronousProgress(Action<(double Done, double Total)> report) : IProgress<(double Done, double Total)>
    {
        public void Report((double Done, double Total) value) => report(value);
    }
}
