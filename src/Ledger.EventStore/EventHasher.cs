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
        Hash(previousHash, new Fields(eventId, type, streamId, version, data, metadataJson, recordedAtText), hash);
        return Convert.ToHexStringLower(hash);
    }

    /// <summary>
    /// Whether <paramref name="e"/>'s stored hash follows from <paramref name="previousHash"/>: what
    /// <see cref="Compute(string, RecordedEvent)"/> compared with <see cref="RecordedEvent.Hash"/> says, without
    /// allocating. An import asks this once per event; the auditor's replay asks eight at a time (<see cref="ChainLinks"/>).
    /// </summary>
    public static bool Follows(string previousHash, RecordedEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        Span<char> at = stackalloc char[27];
        Span<byte> hash = stackalloc byte[32];
        Hash(previousHash, new Fields(e, FormatTime(e.RecordedAt, at)), hash);
        return Matches(hash, e.Hash);
    }

    /// <summary>Whether a digest is the one a stored hash (lower-case hex) names.</summary>
    internal static bool Matches(ReadOnlySpan<byte> digest, string storedHash)
    {
        Span<char> hex = stackalloc char[64];
        Convert.TryToHexStringLower(digest, hex, out var written);
        return hex[..written].SequenceEqual(storedHash);
    }

    /// <summary>Formats like <see cref="FormatTime(DateTimeOffset)"/> into <paramref name="destination"/> (27 chars), by hand: it runs once per event.</summary>
    internal static ReadOnlySpan<char> FormatTime(DateTimeOffset time, Span<char> destination)
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

    private static void Hash(string previousHash, Fields fields, Span<byte> hash)
    {
        var total = MaxCanonicalLength(previousHash, fields);
        var rented = total > 2048 ? ArrayPool<byte>.Shared.Rent(total) : null;
        var buffer = rented is null ? stackalloc byte[2048] : rented.AsSpan();
        try
        {
            var length = WriteCanonical(previousHash, fields, buffer);
            if (length < 0)
            {
                throw new FormatException($"The previous hash '{previousHash}' is not hexadecimal.");
            }

            SHA256.HashData(buffer[..length], hash);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>
    /// Room enough for the canonical bytes: an upper bound (UTF-8 takes at most 3 bytes per UTF-16 char) instead of
    /// counting each field's bytes first, which was a second pass over every field of every event of a replay.
    /// </summary>
    private static int MaxCanonicalLength(string previousHash, Fields fields) =>
        previousHash.Length / 2 + 7 * 4 + 36 + 20
        + 3 * (fields.Type.Length + fields.StreamId.Length + fields.Data.Length + fields.MetadataJson.Length + fields.RecordedAtText.Length);

    /// <summary>
    /// THE canonical bytes of the chain, for appends, imports and the replay alike: the previous hash's bytes, then
    /// each field as a 4-byte big-endian length and its UTF-8. Returns their length, or -1 if
    /// <paramref name="previousHash"/> is not hex or the bytes do not fit (<see cref="MaxCanonicalLength"/> always fits).
    /// </summary>
    internal static int WriteCanonical(string previousHash, Fields fields, Span<byte> destination)
    {
        var at = previousHash.Length / 2;
        if (at > destination.Length || Convert.FromHexString(previousHash, destination[..at], out _, out _) != OperationStatus.Done)
        {
            return -1;
        }

        Span<char> id = stackalloc char[36];
        fields.EventId.TryFormat(id, out _, "D");
        Span<char> version = stackalloc char[20];
        fields.Version.TryFormat(version, out var versionLength, default, CultureInfo.InvariantCulture);
        var fits = Field(destination, ref at, id) && Field(destination, ref at, fields.Type) && Field(destination, ref at, fields.StreamId)
                   && Field(destination, ref at, version[..versionLength]) && Field(destination, ref at, fields.Data)
                   && Field(destination, ref at, fields.MetadataJson) && Field(destination, ref at, fields.RecordedAtText);
        return fits ? at : -1;
    }

    private static bool Field(Span<byte> destination, ref int at, ReadOnlySpan<char> field)
    {
        if (destination.Length - at < 4 || !Encoding.UTF8.TryGetBytes(field, destination[(at + 4)..], out var length))
        {
            return false;
        }

        BinaryPrimitives.WriteInt32BigEndian(destination[at..], length);
        at += 4 + length;
        return true;
    }

    /// <summary>The fields of one event as the chain covers them, the time already formatted.</summary>
    internal readonly ref struct Fields(
        Guid eventId, string type, string streamId, long version, string data, string metadataJson, ReadOnlySpan<char> recordedAtText)
    {
        public Fields(RecordedEvent e, ReadOnlySpan<char> recordedAtText)
            : this(e.EventId, e.Type, e.StreamId, e.StreamVersion, e.Data, e.MetadataJson, recordedAtText)
        {
        }

        public Guid EventId { get; } = eventId;

        public string Type { get; } = type;

        public string StreamId { get; } = streamId;

        public long Version { get; } = version;

        public string Data { get; } = data;

        public string MetadataJson { get; } = metadataJson;

        public ReadOnlySpan<char> RecordedAtText { get; } = recordedAtText;
    }

    /// <summary>Recomputes a recorded event's hash from <paramref name="previousHash"/>.</summary>
    public static string Compute(string previousHash, RecordedEvent e) =>
        Compute(previousHash, e.EventId, e.Type, e.StreamId, e.StreamVersion, e.Data, e.MetadataJson, e.RecordedAt);
}
