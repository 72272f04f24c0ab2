using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Prometheus;

namespace Ledger.Api.Infrastructure;

/// <summary>
/// One exported metric of <see cref="MeterExport"/>: the prometheus-net child of each set of tags seen, found by a key
/// written into a per-thread buffer (no allocation once the tag set is known) and kept for the life of the process.
/// The tag sets are few and fixed (route and status, command and outcome), so nothing needs to expire.
/// </summary>
internal sealed class MeterSeries
{
    /// <summary>How a measurement adds to its series.</summary>
    public enum Kind
    {
        /// <summary>A histogram: each measurement is observed.</summary>
        Histogram,

        /// <summary>A counter or up-down counter: each measurement is an increment of a gauge.</summary>
        Increment,

        /// <summary>An observable counter: each measurement is the running total.</summary>
        Total,

        /// <summary>An observable gauge or up-down counter: each measurement is the current value.</summary>
        Current,
    }

    [ThreadStatic]
    private static char[]? _keyBuffer;

    private readonly IMetricFactory _factory;
    private readonly string _name;
    private readonly string _help;
    private readonly Kind _kind;
    private readonly double[] _buckets;
    private readonly ConcurrentDictionary<string, Action<double>> _children = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Action<double>>.AlternateLookup<ReadOnlySpan<char>> _bySpan;

    public MeterSeries(IMetricFactory factory, string name, string help, Kind kind, double[] buckets)
    {
        (_factory, _name, _help, _kind, _buckets) = (factory, name, help, kind, buckets);
        _bySpan = _children.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The kind of <paramref name="instrument"/>, or null for one prometheus-net has no shape for.</summary>
    public static Kind? KindOf(Instrument instrument)
    {
        var type = instrument.GetType() is { IsGenericType: true } generic ? generic.GetGenericTypeDefinition() : null;
        return type == typeof(Histogram<>) ? Kind.Histogram
            : type == typeof(Counter<>) || type == typeof(UpDownCounter<>) ? Kind.Increment
            : type == typeof(ObservableCounter<>) ? Kind.Total
            : type == typeof(ObservableGauge<>) || type == typeof(ObservableUpDownCounter<>) ? Kind.Current
            : null;
    }

    /// <summary>Adds <paramref name="value"/> to the child of <paramref name="tags"/>, creating it the first time.</summary>
    public void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var key = WriteKey(tags);
        if (!_bySpan.TryGetValue(key, out var record))
        {
            // prometheus-net hands out one child per name and labels, so a race here creates nothing twice.
            record = _children.GetOrAdd(key.ToString(), CreateChild(tags));
        }

        record(value);
    }

    // Tag names and values in the order they came: a meter always passes one call site's tags in the same order, and
    // the same set in another order only makes a second key for the same child.
    private static ReadOnlySpan<char> WriteKey(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var buffer = _keyBuffer ??= new char[256];
        var length = 0;
        foreach (var (name, value) in tags)
        {
            int written;
            while (!TryAppend(buffer.AsSpan(length), name, value, out written))
            {
                Array.Resize(ref buffer, buffer.Length * 2);
                _keyBuffer = buffer;
            }

            length += written;
        }

        return buffer.AsSpan(0, length);
    }

    // "name\u001fvalue\u001e", the value formatted without allocating where it can be.
    private static bool TryAppend(Span<char> span, string name, object? value, out int written)
    {
        written = 0;
        if (!name.TryCopyTo(span) || span.Length == name.Length)
        {
            return false;
        }

        span[name.Length] = '\u001f';
        var rest = span[(name.Length + 1)..];
        int length;
        if (value is ISpanFormattable formattable)
        {
            if (!formattable.TryFormat(rest, out length, default, null))
            {
                return false;
            }
        }
        else
        {
            var text = value as string ?? value?.ToString() ?? "";
            if (!text.TryCopyTo(rest))
            {
                return false;
            }

            length = text.Length;
        }

        if (rest.Length == length)
        {
            return false;
        }

        rest[length] = '\u001e';
        written = name.Length + length + 2;
        return true;
    }

    private Action<double> CreateChild(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var sorted = tags.ToArray().OrderBy(t => t.Key, StringComparer.Ordinal).ToArray();
        var labels = sorted.Select(t => MeterExport.PrometheusName(t.Key)).ToArray();
        var values = sorted.Select(t => t.Value?.ToString() ?? "").ToArray();
        switch (_kind)
        {
            case Kind.Histogram:
                return _factory.CreateHistogram(_name, _help, labels, new HistogramConfiguration { Buckets = _buckets }).WithLabels(values).Observe;
            case Kind.Increment:
                return _factory.CreateGauge(_name, _help, labels).WithLabels(values).Inc;
            case Kind.Total:
                return _factory.CreateGauge(_name, _help, labels).WithLabels(values).IncTo;
            default:
                return _factory.CreateGauge(_name, _help, labels).WithLabels(values).Set;
        }
    }
}
