using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Ledger.EventStore;

namespace Ledger.Audit;

/// <summary>
/// Writes the whole ledger as NDJSON, one event per line in global order, streaming in constant memory:
/// <c>{"position":1,"eventId":"…","streamId":"…","version":1,"type":"…","data":{…},"metadata":{…},"recordedAt":"…Z","hash":"…"}</c>.
/// <c>data</c> and <c>metadata</c> are the stored JSON text itself, byte for byte, so the file reads as JSON and
/// every hash can be recomputed from the line alone. A text that could not sit on one line as it is (a line break
/// between its tokens, white space at its ends, or not JSON at all) goes as a string in <c>dataText</c> /
/// <c>metadataText</c> instead. <see cref="EventImport"/> reads either form back to the same text.
/// </summary>
public static class EventExport
{
    private const int FlushAt = 64 * 1024;

    private static readonly JsonWriterOptions Options = new()
    {
        // Chinese names stay legible; JSON escaping still covers quotes, backslashes and control characters.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    /// <summary>
    /// Writes every event up to the head the export saw when it started (so the file is one ledger state even while
    /// the server appends) to <paramref name="output"/>; returns that head. Progress reports events written.
    /// </summary>
    public static async Task<LedgerHead> WriteAsync(
        IEventStore store, Stream output, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(output);
        var head = await store.ReadHeadAsync(cancellationToken).ConfigureAwait(false);
        var buffer = new ArrayBufferWriter<byte>(FlushAt * 2);
        await using var writer = new Utf8JsonWriter(buffer, Options);
        long events = 0;
        await foreach (var e in store.ReadAllAsync(0, cancellationToken).ConfigureAwait(false))
        {
            if (e.Position > head.Position)
            {
                break;
            }

            WriteLine(writer, e);
            writer.Flush();
            buffer.Write("\n"u8);
            writer.Reset(buffer);
            if (buffer.WrittenCount >= FlushAt)
            {
                await output.WriteAsync(buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
                buffer.ResetWrittenCount();
                progress?.Report(events + 1);
            }

            events++;
        }

        await output.WriteAsync(buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        progress?.Report(events);
        return head;
    }

    /// <summary>Writes one event's line (without its line break).</summary>
    public static void WriteLine(Utf8JsonWriter writer, RecordedEvent e)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(e);
        writer.WriteStartObject();
        writer.WriteNumber("position"u8, e.Position);
        writer.WriteString("eventId"u8, e.EventId);
        writer.WriteString("streamId"u8, e.StreamId);
        writer.WriteNumber("version"u8, e.StreamVersion);
        writer.WriteString("type"u8, e.Type);
        WriteJsonText(writer, "data", e.Data);
        WriteJsonText(writer, "metadata", e.MetadataJson);
        writer.WriteString("recordedAt"u8, EventHasher.FormatTime(e.RecordedAt));
        writer.WriteString("hash"u8, e.Hash);
        writer.WriteEndObject();
    }

    private static void WriteJsonText(Utf8JsonWriter writer, string name, string text)
    {
        var rented = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(text.Length));
        try
        {
            var utf8 = rented.AsSpan(0, Encoding.UTF8.GetBytes(text, rented));
            if (FitsOnOneLineAsIs(utf8))
            {
                writer.WritePropertyName(name);
                writer.WriteRawValue(utf8, skipInputValidation: true);
            }
            else
            {
                writer.WriteString(name + "Text", text);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>True when <paramref name="utf8"/> is exactly one JSON value with nothing around it and no line break in it.</summary>
    private static bool FitsOnOneLineAsIs(ReadOnlySpan<byte> utf8)
    {
        if (utf8.IsEmpty || IsWhiteSpace(utf8[0]) || IsWhiteSpace(utf8[^1]) || utf8.IndexOfAny((byte)'\r', (byte)'\n') >= 0)
        {
            return false;
        }

        try
        {
            var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
            return reader.Read() && reader.TrySkip() && !reader.Read() && reader.BytesConsumed == utf8.Length;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static bool IsWhiteSpace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n';
}
