using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Ledger.EventStore;

/// <summary>
/// The per-stream hash chain: hash(n) = SHA-256(hash(n-1) ‖ canonical bytes of event n), with 32 zero bytes
/// before the first event. The canonical bytes are each field as a 4-byte big-endian length and its UTF-8:
/// event id, type, stream, version, data, metadata, recorded-at. Lengths make the encoding unambiguous,
/// so no two different events share canonical bytes.
/// The global position is deliberately left out: an import into an empty store reproduces every hash even
/// where PostgreSQL's sequence leaves different gaps.
/// </summary>
public static class EventHasher
{
    /// <summary>The "previous hash" of a stream's first event: 64 zeros.</summary>
    public static readonly string GenesisHash = new('0', 64);

    /// <summary>The text form of a recorded-at time inside the hash: UTC to the microsecond.</summary>
    public const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'";

    /// <summary>Truncates a time to the microsecond in UTC, the precision both backends store.</summary>
    public static DateTimeOffset Truncate(DateTimeOffset time)
    {
        var utc = time.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - utc.Ticks % 10, TimeSpan.Zero);
    }

    /// <summary>Formats a recorded-at time as the hash covers it.</summary>
    public static string FormatTime(DateTimeOffset time) => Truncate(time).ToString(TimeFormat, CultureInfo.InvariantCulture);

    /// <summary>Computes an event's hash from the previous one in its stream.</summary>
    public static string Compute(
        string previousHash, Guid eventId, string type, string streamId, long version,
        string data, string metadataJson, DateTimeOffset recordedAt)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(Convert.FromHexString(previousHash));
        Span<byte> length = stackalloc byte[4];
        foreach (var field in new[]
                 {
                     eventId.ToString("D"), type, streamId, version.ToString(CultureInfo.InvariantCulture),
                     data, metadataJson, FormatTime(recordedAt),
                 })
        {
            var bytes = Encoding.UTF8.GetBytes(field);
            BinaryPrimitives.WriteInt32BigEndian(length, bytes.Length);
            sha.AppendData(length);
            sha.AppendData(bytes);
        }

        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    /// <summary>Recomputes a recorded event's hash from <paramref name="previousHash"/>.</summary>
    public static string Compute(string previousHash, RecordedEvent e) =>
        Compute(previousHash, e.EventId, e.Type, e.StreamId, e.StreamVersion, e.Data, e.MetadataJson, e.RecordedAt);
}
