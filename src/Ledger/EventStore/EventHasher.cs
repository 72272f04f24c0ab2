using System.Buffers;
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
        string data, string metadataJson, DateTimeOffset recordedAt) =>
        Compute(previousHash, eventId, type, streamId, version, data, metadataJson, FormatTime(recordedAt));

    /// <summary>
    /// As <see cref="Compute(string, Guid, string, string, long, string, string, DateTimeOffset)"/> with the time already
    /// formatted: an append formats its one time once, and a replay of the whole ledger hashes every event, so the
    /// canonical bytes are laid out in one buffer and hashed in one call instead of field by field.
    /// </summary>
    internal static string Compute(
        string previousHash, Guid eventId, string type, string streamId, long version,
        string data, string metadataJson, string recordedAtText)
    {
        Span<char> id = stackalloc char[36];
        eventId.TryFormat(id, out _, "D");
        Span<char> versionText = stackalloc char[20];
        version.TryFormat(versionText, out var versionLength, default, CultureInfo.InvariantCulture);
        var previousLength = previousHash.Length / 2;
        var utf8 = Encoding.UTF8;
        var total = previousLength + 7 * 4 + 36 + utf8.GetByteCount(type) + utf8.GetByteCount(streamId) + versionLength
                    + utf8.GetByteCount(data) + utf8.GetByteCount(metadataJson) + utf8.GetByteCount(recordedAtText);
        var rented = total > 1024 ? ArrayPool<byte>.Shared.Rent(total) : null;
        var buffer = rented is null ? stackalloc byte[1024] : rented.AsSpan();
        try
        {
            // Same bytes as before: a malformed previous hash throws FormatException here as FromHexString always did.
            if (Convert.FromHexString(previousHash, buffer[..previousLength], out _, out _) != System.Buffers.OperationStatus.Done)
            {
                _ = Convert.FromHexString(previousHash);
            }

            var at = previousLength;
            at += Field(buffer[at..], id);
            at += Field(buffer[at..], type);
            at += Field(buffer[at..], streamId);
            at += Field(buffer[at..], versionText[..versionLength]);
            at += Field(buffer[at..], data);
            at += Field(buffer[at..], metadataJson);
            at += Field(buffer[at..], recordedAtText);
            Span<byte> hash = stackalloc byte[32];
            SHA256.HashData(buffer[..at], hash);
            return Convert.ToHexStringLower(hash);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private static int Field(Span<byte> destination, ReadOnlySpan<char> field)
    {
        var length = Encoding.UTF8.GetBytes(field, destination[4..]);
        BinaryPrimitives.WriteInt32BigEndian(destination, length);
        return 4 + length;
    }

    /// <summary>Recomputes a recorded event's hash from <paramref name="previousHash"/>.</summary>
    public static string Compute(string previousHash, RecordedEvent e) =>
        Compute(previousHash, e.EventId, e.Type, e.StreamId, e.StreamVersion, e.Data, e.MetadataJson, e.RecordedAt);
}
