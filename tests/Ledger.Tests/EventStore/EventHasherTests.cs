using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Ledger.EventStore;

namespace Ledger.Tests.EventStore;

/// <summary>
/// The hash chain is what auditors check, so its bytes must never drift: the one-buffer implementation must give
/// exactly what the field-by-field definition gives, for any text and any size.
/// </summary>
public sealed class EventHasherTests
{
    private static readonly DateTimeOffset At = new DateTimeOffset(2025, 3, 14, 6, 7, 8, TimeSpan.Zero).AddTicks(1_234_567);

    [Fact]
    public void A_known_event_hashes_to_a_value_computed_outside_this_code_base()
    {
        var hash = EventHasher.Compute(
            EventHasher.GenesisHash, Guid.Parse("0195a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b"), "PointsAwarded.v1", "household-HB001", 1,
            """{"points":10,"note":"打扫卫生"}""", """{"principal":"key:committee"}""", At);

        // Computed independently (Python hashlib over the same length-prefixed fields), not by this code base.
        Assert.Equal("670c541a811f7edfc2ce281afe3fd1ee1d1978d2dfd321ce9e7b75c761d80e4b", hash);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(40)]
    [InlineData(1_000)]
    [InlineData(5_000)]
    public void Hashes_equal_the_field_by_field_definition_for_any_text_and_size(int dataLength)
    {
        var random = new Random(dataLength);
        var previous = EventHasher.GenesisHash;
        for (var i = 1; i <= 20; i++)
        {
            var data = RandomText(random, dataLength);
            var metadata = RandomText(random, random.Next(0, 300));
            var id = Guid.NewGuid();
            var version = i * 1_000_000_007L;
            var expected = Reference(previous, id, "T.v1", "stream-积分", version, data, metadata, At.AddTicks(i * 13));

            Assert.Equal(expected, EventHasher.Compute(previous, id, "T.v1", "stream-积分", version, data, metadata, At.AddTicks(i * 13)));
            previous = expected;
        }
    }

    [Fact]
    public void A_malformed_previous_hash_is_refused()
    {
        Assert.Throws<FormatException>(() => EventHasher.Compute("xyz", Guid.NewGuid(), "T.v1", "s", 1, "{}", "{}", At));
    }

    private static string RandomText(Random random, int length)
    {
        const string alphabet = "abcXYZ019{}\":,\\ 积分超市粮油茶具洗车家政😀";
        var text = new StringBuilder(length);
        while (text.Length < length)
        {
            var start = random.Next(alphabet.Length - 2);
            text.Append(char.IsHighSurrogate(alphabet[start]) ? alphabet.Substring(start, 2) : alphabet[start].ToString());
        }

        return text.ToString();
    }

    /// <summary>The chain's definition, written out plainly: SHA-256 of the previous hash and each length-prefixed field.</summary>
    private static string Reference(
        string previousHash, Guid eventId, string type, string streamId, long version, string data, string metadataJson, DateTimeOffset recordedAt)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(Convert.FromHexString(previousHash));
        var time = EventHasher.Truncate(recordedAt).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
        foreach (var field in new[] { eventId.ToString("D"), type, streamId, version.ToString(CultureInfo.InvariantCulture), data, metadataJson, time })
        {
            var bytes = Encoding.UTF8.GetBytes(field);
            var length = new byte[4];
            BinaryPrimitives.WriteInt32BigEndian(length, bytes.Length);
            sha.AppendData(length);
            sha.AppendData(bytes);
        }

        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }
}
