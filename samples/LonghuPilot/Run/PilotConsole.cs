using System.Diagnostics;
using Spectre.Console;

namespace LonghuPilot.Run;

/// <summary>One line per phase when it is done, warnings and errors as one line each.</summary>
public sealed class PilotConsole(IAnsiConsole console)
{
    /// <summary>The console written to.</summary>
    public IAnsiConsole Console => console;

    /// <summary>Runs a phase and prints its summary and how long it took.</summary>
    public async Task PhaseAsync(string name, Func<Task<string>> work)
    {
        var watch = Stopwatch.StartNew();
        var summary = await work();
        console.MarkupLineInterpolated($"[green]✓[/] {name}: {summary} [grey]({watch.Elapsed.TotalSeconds:0.0} s)[/]");
    }

    /// <summary>Something the run went past but the reader should know.</summary>
    public void Warn(string line) => console.MarkupLineInterpolated($"[yellow]warning:[/] {line}");

    /// <summary>What stopped the run.</summary>
    public void Error(string line) => console.MarkupLineInterpolated($"[red]error:[/] {line}");

    /// <summary>A plain line.</summary>
    public void Line(string line) => console.MarkupLineInterpolated($"{line}");
}
