using System.Security.Cryptography;
using Ledger.EventStore;

namespace Ledger.Tests.EventStore;

/// <summary>The eight-lane SHA-256 must give exactly what SHA-256 gives, whatever the lengths side by side.</summary>
public sealed class Sha256LanesTests
{
    private const int Lane = 2048;

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(8)]
    public void Every_lane_equals_SHA256_of_its_message_for_any_mix_of_lengths(int messages)
    {
        var random = new Random(messages);
        for (var round = 0; round < 200; round++)
        {
            var lengths = Enumerable.Range(0, messages).Select(_ => random.Next(0, Lane - 9 + 1)).ToArray();
            AssertLanesHash(random, lengths);
        }
    }

    [Fact]
    public void Lengths_at_the_padding_edges_hash_correctly()
    {
        // 55 bytes still take one block, 56 need two; a lane's last fitting message is its room less the padding.
        AssertLanesHash(new Random(7), [0, 55, 56, 63, 64, 119, 120, Lane - 9]);
    }

    [Fact]
    public void A_message_without_room_for_its_padding_is_refused()
    {
        var buffer = new byte[Sha256Lanes.Count * Lane];
        var digests = new byte[32];

        Assert.Throws<ArgumentException>(() => Sha256Lanes.Hash(buffer, Lane, [Lane - 8], digests));
    }

    private static void AssertLanesHash(Random random, int[] lengths)
    {
        var buffer = new byte[Sha256Lanes.Count * Lane];
        random.NextBytes(buffer);
        var messages = lengths.Select((length, i) => buffer.AsSpan(i * Lane, length).ToArray()).ToArray();
        var digests = new byte[lengths.Length * 32];

        Sha256Lanes.Hash(buffer, Lane, lengths, digests);

        for (var i = 0; i < lengths.Length; i++)
        {
            Assert.Equal(Convert.ToHexString(SHA256.HashData(messages[i])), Convert.ToHexString(digests.AsSpan(i * 32, 32)));
        }
    }
}
