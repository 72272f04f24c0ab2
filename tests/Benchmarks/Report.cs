using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace Ledger.Benchmarks;

/// <summary>Collects the figures of one run and renders them as markdown.</summary>
public sealed class Report(BenchOptions options)
{
    /// <summary>Appends must reach this share of the raw yardstick.</summary>
    public const double AppendTarget = 0.8;

    /// <summary>Read-all must reach this share of the raw read.</summary>
    public const double ReadTarget = 0.5;

    /// <summary>Retained memory may grow by at most this much from the small to the large ledger to count as flat.</summary>
    public const long FlatSlackBytes = 4 << 20;

    private readonly List<(string Backend, string Description)> _backends = [];
    private readonly List<(string Backend, int Writers, LoopResult Store, LoopResult Raw)> _appends = [];
    private readonly List<(string Backend, ReadAllFigures Figures, TimeSpan LoadTime)> _reads = [];
    private readonly List<string> _notes = [];
    private readonly List<(string Markdown, bool Holds)> _sections = [];
    private readonly List<(string Row, bool Holds)> _rows = [];
    private readonly DateTime _started = DateTime.UtcNow;

    public void AddBackend(string backend, string description) => _backends.Add((backend, description));

    public void AddAppend(string backend, int writers, LoopResult store, LoopResult raw) => _appends.Add((backend, writers, store, raw));

    public void AddRead(string backend, ReadAllFigures figures, TimeSpan loadTime) => _reads.Add((backend, figures, loadTime));

    public void AddNote(string note) => _notes.Add(note);

    /// <summary>A scenario's own table (markdown), and whether its targets held.</summary>
    public void AddSection(string markdown, bool holds) => _sections.Add((markdown, holds));

    /// <summary>A row of another scenario (e.g. the audit) for the main table; its target counts in <see cref="AllTargetsHold"/>.</summary>
    public void AddRow(string measure, string backend, string load, string ledger, string raw, double? ratio, string target, bool holds) =>
        _rows.Add(($"| {measure} | {backend} | {load} | {ledger} | {raw} | {ratio?.ToString("F2", CultureInfo.InvariantCulture)} | {target} | {Verdict(holds)} |", holds));

    /// <summary>True when every target held.</summary>
    public bool AllTargetsHold =>
        _appends.All(a => Ratio(a.Store.PerSecond, a.Raw.PerSecond) >= AppendTarget)
        && _reads.All(r => Ratio(r.Figures.StorePerSecond, r.Figures.RawPerSecond) >= ReadTarget)
        && _reads.GroupBy(r => r.Backend).All(IsFlat)
        && _sections.All(s => s.Holds)
        && _rows.All(r => r.Holds);

    public string ToMarkdown()
    {
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"## Run of {_started:yyyy-MM-dd HH:mm} UTC ({(DateTime.UtcNow - _started).TotalMinutes:F1} min)");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture,
            $"Machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, .NET {Environment.Version}. " +
            $"Options: {options.Seconds} s per append window after {options.Warmup.TotalSeconds:F0} s warm-up, {options.Households:N0} households, " +
            $"read-all at {string.Join(" and ", options.ReadSizes.Select(n => n.ToString("N0", CultureInfo.InvariantCulture)))} events{(options.Quick ? " (--quick)" : "")}.");
        foreach (var (backend, description) in _backends)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"- {backend}: {description}");
        }

        md.AppendLine();
        md.AppendLine("| measure | backend | load | ledger | raw yardstick | ratio | target | holds |");
        md.AppendLine("|---|---|---|--:|--:|--:|--:|---|");
        foreach (var (backend, writers, store, raw) in _appends)
        {
            var ratio = Ratio(store.PerSecond, raw.PerSecond);
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| append, events/s | {backend} | {writers} writer{(writers == 1 ? "" : "s")} | {store.PerSecond:N0} | {raw.PerSecond:N0} | {ratio:F2} | ≥ {AppendTarget:F1} | {Verdict(ratio >= AppendTarget)} |");
        }

        foreach (var (backend, figures, _) in _reads)
        {
            var ratio = Ratio(figures.StorePerSecond, figures.RawPerSecond);
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| read-all, events/s | {backend} | {figures.Events:N0} events | {figures.StorePerSecond:N0} | {figures.RawPerSecond:N0} | {ratio:F2} | ≥ {ReadTarget:F1} | {Verdict(ratio >= ReadTarget)} |");
        }

        foreach (var group in _reads.GroupBy(r => r.Backend))
        {
            var sizes = group.ToList();
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| read-all memory, live heap | {group.Key} | {string.Join(" → ", sizes.Select(s => s.Figures.Events.ToString("N0", CultureInfo.InvariantCulture)))} events | " +
                $"{string.Join(" → ", sizes.Select(s => Mb(s.Figures.RetainedBytes)))} | | | flat | {Verdict(IsFlat(group))} |");
        }

        _rows.ForEach(r => md.AppendLine(r.Row));
        AppendDetails(md);
        return md.ToString();
    }

    private void AppendDetails(StringBuilder md)
    {
        if (_appends.Count > 0)
        {
            md.AppendLine();
            md.AppendLine("Append latency (ms, mean / p99; pgbench reports only its mean) and failed operations:");
            md.AppendLine();
            md.AppendLine("| backend | writers | ledger mean | ledger p99 | raw mean | raw p99 | failures (ledger / raw) |");
            md.AppendLine("|---|--:|--:|--:|--:|--:|--:|");
            foreach (var (backend, writers, store, raw) in _appends)
            {
                md.AppendLine(CultureInfo.InvariantCulture,
                    $"| {backend} | {writers} | {store.MeanMs:F2} | {store.P99Ms:F2} | {raw.MeanMs:F2} | {(double.IsNaN(raw.P99Ms) ? "–" : raw.P99Ms.ToString("F2", CultureInfo.InvariantCulture))} | {store.Failures} / {raw.Failures} |");
            }
        }

        if (_reads.Count > 0)
        {
            md.AppendLine();
            md.AppendLine("Read-all memory (above the baseline before the read) and loading:");
            md.AppendLine();
            md.AppendLine("| backend | events | live heap after forced GCs | peak heap | peak working set | allocated | gen2 GCs | loaded at |");
            md.AppendLine("|---|--:|--:|--:|--:|--:|--:|--:|");
            foreach (var (backend, f, load) in _reads)
            {
                md.AppendLine(CultureInfo.InvariantCulture,
                    $"| {backend} | {f.Events:N0} | {Mb(f.RetainedBytes)} | {Mb(f.Memory.PeakHeapBytes)} | {Mb(f.Memory.PeakWorkingSetBytes)} | {Mb(f.Memory.AllocatedBytes)} ({(double)f.Memory.AllocatedBytes / f.Events:N0} B/event) | {f.Memory.Gen2Collections} | {(load > TimeSpan.Zero ? $"{(f.Events - PreviousSize(backend, f.Events)) / load.TotalSeconds:N0} events/s" : "–")} |");
            }
        }

        foreach (var (section, _) in _sections)
        {
            md.AppendLine();
            md.Append(section);
        }

        foreach (var note in _notes)
        {
            md.AppendLine();
            md.AppendLine(note);
        }
    }

    private long PreviousSize(string backend, long events) =>
        _reads.Where(r => r.Backend == backend && r.Figures.Events < events).Select(r => r.Figures.Events).DefaultIfEmpty(0).Max();

    private static bool IsFlat(IEnumerable<(string Backend, ReadAllFigures Figures, TimeSpan LoadTime)> sizes)
    {
        var ordered = sizes.OrderBy(s => s.Figures.Events).ToList();
        return ordered.Count < 2 || ordered[^1].Figures.RetainedBytes <= ordered[0].Figures.RetainedBytes + FlatSlackBytes;
    }

    private static double Ratio(double ledger, double raw) => raw > 0 ? ledger / raw : 0;

    private static string Verdict(bool holds) => holds ? "yes" : "**NO**";

    private static string Mb(long bytes) => (bytes / 1048576.0).ToString("F1", CultureInfo.InvariantCulture) + " MB";
}
