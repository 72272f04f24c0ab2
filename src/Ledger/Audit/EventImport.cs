using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Ledger.EventStore;

namespace Ledger.Audit;

/// <summary>
/// Reads an <see cref="EventExport"/> NDJSON file back into recorded events, one line at a time (constant memory),
/// and imports it into an empty store. The store recomputes every hash before it writes and refuses the whole file
/// at the first line whose chain is broken (<see cref="ImportRefusedException"/>), leaving itself empty.
/// </summary>
public static class EventImport
{
    /// <summary>Imports <paramref name="input"/> into <paramref name="store"/>, which must be empty; returns the imported head.</summary>
    public static Task<LedgerHead> ImportAsync(IEventStoreAdmin store, Stream input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store.ImportAsync(ReadAsync(input, cancellationToken), cancellationToken);
    }

    /// <summary>The events of an export, in file order. A line that is not an event throws <see cref="ImportRefusedException"/> naming it.</summary>
    public static async IAsyncEnumerable<RecordedEvent> ReadAsync(Stream input, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var lines = new NdjsonLines(input);
        long number = 0;
        while (await lines.NextAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            number++;
            if (line.Span.Trim(" \t\r"u8).IsEmpty)
            {
                continue;
            }

            RecordedEvent parsed;
            try
            {
                parsed = Parse(line.Span);
            }
            catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or KeyNotFoundException)
            {
                throw new ImportRefusedException($"Line {number} of the export is not an event: {e.Message} Nothing was imported.", e);
            }

            yield return parsed;
        }
    }

    /// <summary>Parses one line of an export.</summary>
    public static RecordedEvent Parse(ReadOnlySpan<byte> line)
    {
        var reader = new Utf8JsonReader(line);
        Expect(reader.Read() && reader.TokenType == JsonTokenType.StartObject, "a line must be one JSON object");
        long? position = null, version = null;
        Guid? eventId = null;
        string? streamId = null, type = null, data = null, metadata = null, recordedAt = null, hash = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString();
            reader.Read();
            switch (name)
            {
                case "position": position = reader.GetInt64(); break;
                case "eventId": eventId = reader.GetGuid(); break;
                case "streamId": streamId = reader.GetString(); break;
                case "version": version = reader.GetInt64(); break;
                case "type": type = reader.GetString(); break;
                case "data": data = RawText(ref reader, line); break;
                case "dataText": data = reader.GetString(); break;
                case "metadata": metadata = RawText(ref reader, line); break;
                case "metadataText": metadata = reader.GetString(); break;
                case "recordedAt": recordedAt = reader.GetString(); break;
                case "hash": hash = reader.GetString(); break;
                default: reader.Skip(); break;
            }
        }

        var at = DateTimeOffset.ParseExact(
            Required(recordedAt, "recordedAt"), EventHasher.TimeFormat, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
        return new RecordedEvent(
            RequiredValue(eventId, "eventId"), Required(streamId, "streamId"), RequiredValue(version, "version"), RequiredValue(position, "position"),
            Required(type, "type"), Required(data, "data"), Required(metadata, "metadata"), at, Required(hash, "hash"));
    }

    /// <summary>The exact bytes of the value the reader stands on, as text: what the hash covers.</summary>
    private static string RawText(ref Utf8JsonReader reader, ReadOnlySpan<byte> line)
    {
        var start = (int)reader.TokenStartIndex;
        reader.Skip();
        return Encoding.UTF8.GetString(line[start..(int)reader.BytesConsumed]);
    }

    private static T Required<T>(T? value, string name) where T : class =>
        value ?? throw new FormatException($"It has no \"{name}\".");

    private static T RequiredValue<T>(T? value, string name) where T : struct =>
        value ?? throw new FormatException($"It has no \"{name}\".");

    private static void Expect(bool condition, string what)
    {
        if (!condition)
        {
            throw new FormatException(what + ".");
        }
    }
}
