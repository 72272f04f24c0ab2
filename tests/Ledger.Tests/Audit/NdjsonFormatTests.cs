using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Ledger.Audit;
using Ledger.EventStore;

namespace Ledger.Tests.Audit;

public sealed class NdjsonFormatTests
{
    private static readonly DateTimeOffset At = new DateTimeOffset(2025, 3, 14, 6, 7, 8, TimeSpan.Zero).AddTicks(1_234_560);

    [Fact]
    public async Task Lines_read_back_to_the_same_events_whatever_their_length_and_without_a_final_line_break()
    {
        RecordedEvent[] events =
        [
            Recorded(1, """{"note":"张三 \"quoted\" \\ back"}"""),
            Recorded(2, "{\"big\":\"" + new string('积', 100_000) + "\"}"),
            Recorded(5, "  {\"padded\":true}\t"),
            Recorded(6, "not json at all"),
        ];

        var text = string.Join('\n', events.Select(Line));
        var read = await EventImport.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(text))).ToListAsync();

        Assert.Equal(events, read);
    }

    [Fact]
    public async Task A_line_that_is_not_an_event_is_refused_with_its_number()
    {
        var text = Line(Recorded(1, "{}")) + "\n" + """{"position":2,"eventId":"x"}""" + "\n";

        var refused = await Assert.ThrowsAsync<ImportRefusedException>(
            async () => await EventImport.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(text))).ToListAsync());

        Assert.StartsWith("Line 2 of the export is not an event", refused.Message, StringComparison.Ordinal);
    }

    private static RecordedEvent Recorded(long position, string data) =>
        new(Guid.NewGuid(), "household-张三", position, position, "PointsAwarded.v1", data, """{"principal":"key:柜台"}""", At, new string('a', 64));

    private static string Line(RecordedEvent e)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            EventExport.WriteLine(writer, e);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
