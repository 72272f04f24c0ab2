using System.Globalization;
using Ledger.EventStore;

namespace Ledger.Benchmarks;

/// <summary>
/// The realistic append: one points award (small JSON with Chinese text) with its metadata, to a household's
/// stream. The pgbench script benchmarks/pgbench/append.sql writes the same payload and picks households the
/// same way, so the store and the yardstick do the same work.
/// </summary>
public static class Workload
{
    /// <summary>The stored type name of the award.</summary>
    public const string EventType = "PointsAwarded.v1";

    private static readonly EventMetadata Metadata = new("key:3f2a9c1e7b5d", CorrelationId: null);

    /// <summary>The stream of household number <paramref name="household"/>.</summary>
    public static string StreamOf(int household) => "household-HH" + household.ToString("D6", CultureInfo.InvariantCulture);

    /// <summary>
    /// The award's JSON, as the domain would serialise it. Byte-for-byte the same as the pgbench script's payload.
    /// </summary>
    public static string Payload(int household) =>
        "{\"passbook\":\"HH" + household.ToString("D6", CultureInfo.InvariantCulture) +
        "\",\"communityId\":\"longhu-waisha\",\"ruleId\":\"env-cleanup\",\"ruleVersion\":3,\"points\":10," +
        "\"member\":\"陈美玲\",\"note\":\"参加环境整治志愿服务\"}";

    /// <summary>One new award for <paramref name="household"/>, with a fresh id and correlation id.</summary>
    public static NewEvent Award(int household) =>
        new(Guid.CreateVersion7(), EventType, Payload(household), Metadata with { CorrelationId = Guid.NewGuid().ToString("N") });

    /// <summary>
    /// The households writer <paramref name="writer"/> of <paramref name="writers"/> appends to: every
    /// <paramref name="writers"/>-th one, so writers never race for a stream (each knows its streams' versions, as a
    /// handler that just loaded the stream does) and yet all of them share the tables, indexes and WAL.
    /// Same formula as append.sql: h = client_id + 1 + clients * random(0, (households - 1) / clients).
    /// </summary>
    public static int[] HouseholdsOf(int writer, int writers, int households) =>
        Enumerable.Range(0, (households - 1) / writers + 1).Select(k => writer + 1 + writers * k).ToArray();
}
