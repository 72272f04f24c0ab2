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
        Span<byte> hash = stackalloc byte[32];
        Hash(previousHash, eventId, type, streamId, version, data, metadataJson, recordedAtText, hash);
        return Convert.ToHexStringLower(hash);
    }

    /// <summary>
    /// Whether <paramref name="e"/>'s stored hash follows from <paramref name="previousHash"/>: what
    /// <see cref="Compute(string, RecordedEvent)"/> compared with <see cref="RecordedEvent.Hash"/> says, without
    /// allocating. The auditor's replay and an import ask this once per event of the whole ledger.
    /// </summary>
    public static bool Follows(string previousHash, RecordedEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        Span<char> at = stackalloc char[27];
        Span<byte> hash = stackalloc byte[32];
        Hash(previousHash, e.EventId, e.Type, e.StreamId, e.StreamVersion, e.Data, e.MetadataJson, FormatTime(e.RecordedAt, at), hash);
        Span<char> hex = stackalloc char[64];
        Convert.TryToHexStringLower(hash, hex, out _);
        return hex.SequenceEqual(e.Hash);
    }

    /// <summary>Formats like <see cref="FormatTime(DateTimeOffset)"/> into <paramref name="destination"/> (27 chars), by hand: it runs once per event.</summary>
    private static ReadOnlySpan<char> FormatTime(DateTimeOffset time, Span<char> destination)
    {
        var utc = Truncate(time).UtcDateTime;
        Digits(destination[..4], utc.Year);
        destination[4] = '-';
        Digits(destination.Slice(5, 2), utc.Month);
        destination[7] = '-';
        Digits(destination.Slice(8, 2), utc.Day);
        destination[10] = 'T';
        Digits(destination.Slice(11, 2), utc.Hour);
        destination[13] = ':';
        Digits(destination.Slice(14, 2), utc.Minute);
        destination[16] = ':';
        Digits(destination.Slice(17, 2), utc.Second);
        destination[19] = '.';
        Digits(destination.Slice(20, 6), (int)(utc.Ticks % TimeSpan.TicksPerSecond / 10));
        destination[26] = 'Z';
        return destination[..27];
    }

    private static void Digits(Span<char> destination, int value)
    {
        for (var i = destination.Length - 1; i >= 0; i--, value /= 10)
        {
            destination[i] = (char)('0' + value % 10);
        }
    }

    private static void Hash(
        string previousHash, Guid eventId, string type, string streamId, long version,
        string data, string metadataJson, ReadOnlySpan<char> recordedAtText, Span<byte> hash)
    {
        Span<char> id = stackalloc char[36];
        eventId.TryFormat(id, out _, "D");
        Span<char> versionText = stackalloc char[20];
        version.TryFormat(versionText, out var versionLength, default, CultureInfo.InvariantCulture);
        var previousLength = previousHash.Length / 2;
        // An upper bound (UTF-8 takes at most 3 bytes per UTF-16 char) instead of counting each field's bytes first:
        // the replay hashes every event of the ledger, and counting was a second pass over every field.
        var total = previousLength + 7 * 4 + 36 + versionLength
                    + 3 * (type.Length + streamId.Length + data.Length + metadataJson.Length + recordedAtText.Length);
        var rented = total > 2048 ? ArrayPool<byte>.Shared.Rent(total) : null;
        var buffer = rented is null ? stackalloc byte[2048] : rented.AsSpan();
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
            SHA256.HashData(buffer[..at], hash);
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
