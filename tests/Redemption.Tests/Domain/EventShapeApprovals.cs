using Ledger.Testing;
using System.Text.Json;
using Ledger.EventStore;
using Redemption.Catalog;
using Redemption.Redemptions;
using Redemption.Tests.Domain.Support;
using static Redemption.Tests.Domain.Support.TestData;

namespace Redemption.Tests.Domain;

/// <summary>
/// The stored JSON of every supermarket event type is approved in <c>Approvals/</c>: a change to a released event's shape
/// shows in review, and a new event type cannot ship without an approved shape. The household's payment and refund are
/// the ledger's events, approved with them in Ledger.Tests.
/// </summary>
public sealed class EventShapeApprovals
{
    private static readonly EventTypeRegistry Registry = new(RedemptionModule.Assembly);

    private static readonly RedemptionLine CarWashLine =
        new(CarWash, "洗车", CatalogItemKind.Service, 1, 20, 2, 40, [$"{Rid}-1", $"{Rid}-2"]);

    private static readonly Dictionary<string, object> Samples = new[]
    {
        (object)new CatalogItemListed(CommunityId, CarWash, 2, "洗车", CatalogItemKind.Service, 20, 10, "car-wash-partner", 1500),
        new StockReceived(CommunityId, Rice, 40, "中秋捐赠", "aixin-rice-2025", "aixin-market"),
        new CatalogItemWithdrawn(CommunityId, Rice, 3, "供应商停产"),
        new CatalogItemRedeemed(CommunityId, Rice, Rid, 2, CatalogItemKind.Goods, 2),
        new CatalogItemReturned(CommunityId, Rice, Rid, CatalogItemKind.Goods, 2),
        Recorded(RiceLine(2), CarWashLine) with { Member = Spouse },
        new RedemptionCancelled(Rid, CommunityId, Passbook, 100, "扫错了存折", "key:committee01", "评议小组", Now.AddHours(3), new DateOnly(2025, 3, 15)),
        new VoucherFulfilled(Rid, CommunityId, $"{Rid}-2", CarWash, ClerkId, ClerkName, Now.AddHours(1), new DateOnly(2025, 3, 15)),
    }.ToDictionary(e => Registry.NameOf(e.GetType()));

    public static TheoryData<string> EventTypes => new(Registry.CurrentNames.Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(EventTypes))]
    public void The_stored_json_of_each_event_type_matches_its_approved_file(string type)
    {
        Assert.True(Samples.TryGetValue(type, out var sample), $"{type} has no sample here: add one, and approve its shape.");
        Approval.Verify(type, JsonSerializer.Serialize(sample, sample.GetType(), LedgerJson.Options));
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

    public static TheoryData<string> EarlierEventTypes => new(Registry.Names.Except(Registry.CurrentNames).Order(StringComparer.Ordinal));

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
        Assert.Equal(
            JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(stored)!.Keys,
            JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(JsonSerializer.Serialize(read, read.GetType(), LedgerJson.Options))!.Keys);
    }

    [Fact]
    public void A_listing_recorded_before_partners_names_no_provider()
    {
        var stored = File.ReadAllText(Path.Combine(ApprovalsFolder(), "CatalogItemListed.v1.verified.json"));
        var listed = JsonSerializer.Deserialize<CatalogItemListed>(stored, LedgerJson.Options)!;

        Assert.Null(listed.ProviderId);
        Assert.Null(listed.SettlementFen);
        Assert.Null(ServiceProvision.Of(listed));
    }

    private static string ApprovalsFolder([System.Runtime.CompilerServices.CallerFilePath] string file = "") =>
        Path.Combine(Path.GetDirectoryName(file)!, "Approvals");
}
