using Ledger.Testing;
using System.Text.Json;
using Ledger.Activities;
using Ledger.Common;
using Ledger.Communities;
using Ledger.EventStore;
using Ledger.HonorRolls;
using Ledger.Households;
using Ledger.Keys;
using Ledger.Leaderboards;
using Ledger.Sponsorships;
using Ledger.Tests.Domain.Support;

namespace Ledger.Tests.Domain;

/// <summary>
/// The stored JSON of every ledger event type is approved in <c>Approvals/</c>, so a change to a released event's
/// shape shows in review (and a new event type cannot ship without an approved shape).
/// </summary>
public sealed class EventShapeApprovals
{
    // Only a key's SHA-256 is ever stored, never the key.
    private const string SampleKeyHash = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    private static readonly EventTypeRegistry Registry = LedgerModule.CreateEventTypeRegistry();

    private static readonly Dictionary<string, object> Samples = new[]
    {
        (object)new CommunityRegistered("jinhai", "津海社区", "龙湖区", "龙腾街道", "Asia/Shanghai"),
        new PointsItemDefined("jinhai", "clean-up", 2, "人居环境整治", "人居环境", 10, 30),
        new DeductionPolicySet("jinhai", DeductionPolicy.StopAtZero),
        new StarLevelsSet("jinhai", 2, [new StarLevel(1, 100), new StarLevel(2, 300), new StarLevel(3, 600)]),
        new StarLevelReached("jinhai", 2, 300, 305, Guid.Parse("0195a3b4-0000-7000-8000-000000000002"), 2),
        new HouseholdOpened("JH-0001", "jinhai", "陈伟", ["陈伟", "林秀英"], "龙腾街道津海路1号"),
        new PointsAwarded("jinhai", "clean-up", 2, 10, "林秀英", "清理楼道", new DateOnly(2025, 3, 14), 1, new DateOnly(2026, 12, 31)),
        new PointsDeducted("jinhai", "litter", 1, 20, 5, "陈伟", "乱扔垃圾"),
        new ActivityPointsAwarded("jinhai", "greening-0315", "陈伟", 5, new DateOnly(2025, 3, 15), 1, new DateOnly(2026, 12, 31)),
        new PeriodClosed("jinhai", "2025-02"),
        new ExpiryPolicySet("jinhai", 1, ExpiryRules.EndOfYear, 1),
        new PointsExpired("jinhai", 15, [new ExpiredLot(Guid.Parse("0195a3b4-0000-7000-8000-000000000003"), new DateOnly(2025, 12, 31), 15)]),
        new PartnerRegistered("jinhai", "elder-barber", "长者发屋", PartnerKind.SocialOrganisation),
        new PointsRedeemed("jinhai", "0195a3b4c0de7000800000000000abcd", 100, "林秀英", "东北大米 5kg ×2、洗车 ×2"),
        new PointsRefunded("jinhai", "0195a3b4c0de7000800000000000abcd", 100, "林秀英", "东北大米 5kg ×2、洗车 ×2", "扫错了存折"),
        new EntryCorrected("jinhai", Guid.Parse("0195a3b4-0000-7000-8000-000000000001"), EntryKind.ActivityAward, "陈伟", -5,
            "未到场", null, "greening-0315"),
        new ActivityScheduled("jinhai", "greening-0315", "乡村绿化", new Organizer(OrganizerKind.SocialOrganization, "龙湖义工联"),
            new DateOnly(2025, 3, 15), 5, "aixin-points-2025"),
        new SponsorshipRecorded("jinhai", "aixin-points-2025", "aixin-market", "爱心超市", SponsorshipKind.Points, null, null, 5000, "志愿服务积分"),
        new SponsorshipPointsDrawn("jinhai", "aixin-points-2025", "greening-0315", 10, [new Participant("JH-0001", "陈伟"), new Participant("JH-0002", "王芳")]),
        new ParticipantsAdded("jinhai", "greening-0315", 5, [new Participant("JH-0001", "陈伟"), new Participant("JH-0002", "王芳")]),
        new AdminKeyGenerated(SampleKeyHash),
        new ApiKeyIssued(SampleKeyHash, Role.Partner, "jinhai", "长者发屋 前台", "elder-barber"),
        new ApiKeyRevoked(SampleKeyHash, "柜台平板丢失"),
        new HonorRollPublished("jinhai", "津海社区", "2025-Q1", 3,
            [new LeaderboardEntry(1, "JH-0001", "陈伟", 40, [new MemberPoints("林秀英", 30), new MemberPoints("陈伟", 10)]),
             new LeaderboardEntry(2, "JH-0002", "王芳", 20, [new MemberPoints("王芳", 20)]),
             new LeaderboardEntry(2, "JH-0003", "李强", 20, [new MemberPoints("李强", 20)])],
            1234, "5d41402abc4b2a76b9719d911017c592ae1f2b1c8f0e6a5b7c3d9e0f1a2b3c4d"),
    }.ToDictionary(e => Registry.NameOf(e.GetType()));

    public static TheoryData<string> EventTypes => new(Registry.CurrentNames.Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(EventTypes))]
    public void The_stored_json_of_each_event_type_matches_its_approved_file(string type)
    {
        Assert.True(Samples.TryGetValue(type, out var sample), $"{type} has no sample here: add one, and approve its shape.");
        var json = JsonSerializer.Serialize(sample, sample.GetType(), LedgerJson.Options);
        Approval.Verify(type, json);
    }

    [Fact]
    public void Every_event_round_trips_through_its_stored_json()
    {
        foreach (var (type, sample) in Samples)
        {
            var json = JsonSerializer.Serialize(sample, sample.GetType(), LedgerJson.Options);
            var back = JsonSerializer.Deserialize(json, Registry.TypeOf(type)!, LedgerJson.Options)!;
            Assert.Equal(json, JsonSerializer.Serialize(back, back.GetType(), LedgerJson.Options));
        }
    }

    [Fact]
    public void The_household_events_keep_the_movement_kind_out_of_their_json()
    {
        var json = JsonSerializer.Serialize(new PointsRedeemed("jinhai", "r1", 1, "陈伟", "x"), LedgerJson.Options);
        Assert.DoesNotContain("kind", json, StringComparison.OrdinalIgnoreCase);
    }

    public static TheoryData<string> EarlierEventTypes =>
        new(Registry.Names.Except(Registry.CurrentNames).Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(EarlierEventTypes))]
    public void Each_earlier_shape_still_reads_as_its_current_type_with_the_added_fields_absent(string type)
    {
        // The earlier shape's approved file is the JSON such events hold in every ledger recorded before the change.
        var stored = File.ReadAllText(Path.Combine(ApprovalsFolder(), $"{type}.verified.json"));
        var read = JsonSerializer.Deserialize(stored, Registry.TypeOf(type)!, LedgerJson.Options)!;
        var current = Registry.NameOf(read.GetType());

        Assert.NotEqual(type, current);
        Assert.Equal(type[..type.IndexOf('.')], current[..current.IndexOf('.')]);
        switch (read)
        {
            // A .v1 earning has no business date, and no earning before .v3 pinned an expiry policy: it never expires.
            case IPinnedEarning earning:
                Assert.Equal(stored.Contains("\"occurredOn\"", StringComparison.Ordinal), Assert.IsAssignableFrom<IDatedEntry>(read).OccurredOn is not null);
                Assert.Null(earning.ExpiresOn);
                break;
            case ApiKeyIssued issued:
                Assert.Null(issued.PartnerId);
                break;
            case ActivityScheduled scheduled:
                Assert.Null(scheduled.SponsorshipId);
                break;
            default:
                Assert.Fail($"{type} reads as {current}: say here which fields it added, and that they are absent from the earlier shape.");
                break;
        }

        Assert.Equal(
            JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(stored)!.Keys,
            JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(JsonSerializer.Serialize(read, read.GetType(), LedgerJson.Options))!.Keys);
    }

    private static string ApprovalsFolder([System.Runtime.CompilerServices.CallerFilePath] string file = "") =>
        Path.Combine(Path.GetDirectoryName(file)!, "Approvals");
}
