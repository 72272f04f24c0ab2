using Microsoft.Extensions.Time.Testing;
using Ledger.Common;
using Ledger.Communities.DefinePointsItem;
using Ledger.Communities.RegisterCommunity;
using Ledger.EventStore;
using Ledger.EventStore.Projections;
using Ledger.Households.AwardPoints;
using Ledger.Households.OpenHousehold;
using Redemption.Catalog;
using Redemption.Catalog.ListCatalogItem;
using Redemption.Common;
using Redemption.Redemptions;
using Redemption.Redemptions.Redeem;
using Ledger.Testing;
using MediatR;
using static Redemption.Tests.Domain.Support.TestData;

namespace Redemption.Tests.Handlers;

/// <summary>
/// Runs the ledger's and the supermarket's MediatR handlers on a fresh store of one backend, with every inline read
/// model, as the API composes them; each request is built with its own context. Validation is the API's pipeline step
/// and is specified separately.
/// </summary>
public sealed class Shop
{
    private static readonly HandlerMediator Mediator = new(LedgerModule.Assembly, RedemptionModule.Assembly);

    private Shop(ILedgerStore store, EventStoreOptions options, FakeTimeProvider clock)
    {
        Store = store;
        Options = options;
        Clock = clock;
        Projections = new ProjectionDaemon(store, options, [.. LedgerModule.AsyncProjections(Registry), .. RedemptionModule.AsyncProjections()]);
    }

    /// <summary>Rebuilds and compares every projection; runs the async ones with <see cref="ProjectionDaemon.CatchUpAsync"/>.</summary>
    public ProjectionDaemon Projections { get; }

    public ILedgerStore Store { get; }

    public EventStoreOptions Options { get; }

    public FakeTimeProvider Clock { get; }

    public EventTypeRegistry Registry { get; } = LedgerModule.CreateEventTypeRegistry(RedemptionModule.Assembly);

    /// <summary>This shop's stream-state caches: one per process in the API, so one per shop here.</summary>
    public RedemptionStreamCaches Caches { get; init; } = new();

    public static Principal Admin { get; } = new("admin", Role.Admin, null, "admin");

    public static Principal Committee(string communityId = CommunityId) => new($"key:committee-{communityId}", Role.Committee, communityId, "评议小组");

    public static Principal Clerk(string communityId = CommunityId, int counter = 1) =>
        new($"key:clerk-{communityId}-{counter}", Role.Clerk, communityId, $"超市管理员 {counter}号柜台");

    public static Principal Auditor { get; } = new("key:auditor", Role.Auditor, null, "审计");

    /// <summary>A shop whose clock starts at <paramref name="start"/> (<c>TestData.Now</c> unless given) and only moves on.</summary>
    public static async Task<Shop> CreateAsync(IEventStoreFactory factory, DateTimeOffset? start = null)
    {
        var clock = new FakeTimeProvider(start ?? Now);
        var options = new EventStoreOptions
        {
            Clock = clock,
            InlineProjections = [.. LedgerModule.InlineProjections(), .. RedemptionModule.InlineProjections()],
        };
        return new Shop(await factory.CreateStoreAsync(options), options, clock);
    }

    /// <summary>A second server on the same database: the same store and clock, caches of its own.</summary>
    public Shop OtherServer(RedemptionStreamCaches? caches = null) => new(Store, Options, Clock) { Caches = caches ?? new() };

    /// <summary>This server (its caches) on the same store seen through <paramref name="wrap"/>, a test decorator.</summary>
    public Shop Through(Func<ILedgerStore, ILedgerStore> wrap) => new(wrap(Store), Options, Clock) { Caches = Caches };

    /// <summary>Sends as <paramref name="principal"/>, with a fresh idempotency key unless one is given (or <paramref name="noKey"/>).</summary>
    public Task<Result<T>> Send<T>(IRequest<Result<T>> request, Principal principal, string? idempotencyKey = null, string requestHash = "hash-1",
        bool noKey = false) =>
        Send(request, new FixedCommandContext(principal, $"corr-{Guid.NewGuid():N}",
            noKey ? null : new ClientIdempotency($"{principal.Id}:{idempotencyKey ?? Guid.NewGuid().ToString("N")}", requestHash)));

    public Task<Result<T>> Send<T>(IRequest<Result<T>> request, ICommandContext context)
    {
        var services = new Dictionary<Type, object>
        {
            [typeof(ILedgerStore)] = Store,
            [typeof(EventTypeRegistry)] = Registry,
            [typeof(TimeProvider)] = Clock,
            [typeof(ICommandContext)] = context,
            [typeof(RedemptionStreamCaches)] = Caches,
        };
        return Mediator.Send(request, services);
    }

    /// <summary>
    /// 津海社区 with households JH-0001.. each holding <paramref name="balance"/> points, rice (10 in stock), oil (3),
    /// a car wash with 10 slots and unlimited housekeeping.
    /// </summary>
    public async Task SeedAsync(long balance = 500, int households = 1)
    {
        Ok(await Send(new RegisterCommunityCommand(CommunityId, "津海社区", "龙湖区", "龙腾街道"), Admin));
        Ok(await Send(new DefinePointsItemCommand(CommunityId, "bonus", "年度表彰", "表彰", balance), Committee()));
        for (var i = 1; i <= households; i++)
        {
            var passbook = PassbookOf(i);
            Ok(await Send(new OpenHouseholdCommand(CommunityId, passbook, Head, [Spouse]), Committee()));
            Ok(await Send(new AwardPointsCommand(CommunityId, passbook, "bonus"), Committee()));
        }

        Ok(await Send(new ListCatalogItemCommand(CommunityId, Rice, "东北大米 5kg", CatalogItemKind.Goods, 30, 10), Committee()));
        Ok(await Send(new ListCatalogItemCommand(CommunityId, Oil, "花生油 5L", CatalogItemKind.Goods, 50, 3), Committee()));
        Ok(await Send(new ListCatalogItemCommand(CommunityId, CarWash, "洗车", CatalogItemKind.Service, 20, null, 10), Committee()));
        Ok(await Send(new ListCatalogItemCommand(CommunityId, Housekeeping, "家政服务 2小时", CatalogItemKind.Service, 80), Committee()));
    }

    /// <summary>JH-0001, JH-0002, ...</summary>
    public static string PassbookOf(int n) => $"JH-{n:0000}";

    public Task<Result<RedemptionResponse>> RedeemAsync(Principal clerk, string passbook, params (string Sku, int Quantity)[] lines) =>
        Send(new RedeemCommand(CommunityId, passbook, null, [.. lines.Select(l => new RedeemLine(l.Sku, l.Quantity))]), clerk);

    public static T Ok<T>(Result<T> result) => ResultAssert.Ok(result);

    public static void Fails<T>(Result<T> result, string slug) => ResultAssert.Fails(result, slug);

    public Task<List<RecordedEvent>> ReadAllAsync() => Store.ReadAllEventsAsync();
}
