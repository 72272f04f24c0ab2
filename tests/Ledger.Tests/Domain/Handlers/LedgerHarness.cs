using Microsoft.Extensions.Time.Testing;
using Ledger.Common;
using Ledger.Communities.DefinePointsItem;
using Ledger.Communities.RegisterCommunity;
using Ledger.EventStore;
using Ledger.EventStore.Projections;
using Ledger.Households.OpenHousehold;
using Ledger.Tests.EventStore;
using Ledger.Testing;
using MediatR;
using static Ledger.Tests.Domain.Support.TestData;

namespace Ledger.Tests.Domain.Handlers;

/// <summary>
/// Runs the ledger's MediatR handlers on a real, fresh store of the given backend with the community directory inline. Handlers are
/// found by scanning the ledger assembly, the way the API composes them, and built per request with that request's context.
/// </summary>
public sealed class LedgerHarness
{
    private static readonly HandlerMediator Mediator = new(LedgerModule.Assembly);

    private LedgerHarness(ILedgerStore store, EventStoreOptions options, FakeTimeProvider clock)
    {
        Store = store;
        Clock = clock;
        Projections = new ProjectionDaemon(store, options, LedgerModule.AsyncProjections(Registry));
    }

    /// <summary>Rebuilds and compares every projection; runs the async ones with <see cref="ProjectionDaemon.CatchUpAsync"/>.</summary>
    public ProjectionDaemon Projections { get; }

    public ILedgerStore Store { get; }

    public FakeTimeProvider Clock { get; }

    public EventTypeRegistry Registry { get; } = LedgerModule.CreateEventTypeRegistry(typeof(LedgerHarness).Assembly);

    public static Principal Admin { get; } = new("admin", Role.Admin, null, "admin");

    public static Principal Committee(string communityId = CommunityId) => new($"key:committee-{communityId}", Role.Committee, communityId, "评议小组");

    public static Principal Clerk(string communityId = CommunityId) => new($"key:clerk-{communityId}", Role.Clerk, communityId, "超市管理员");

    public static Principal Auditor { get; } = new("key:auditor", Role.Auditor, null, "审计");

    public static async Task<LedgerHarness> CreateAsync(IEventStoreFactory factory)
    {
        var clock = new FakeTimeProvider(Now);
        var options = new EventStoreOptions { Clock = clock, InlineProjections = LedgerModule.InlineProjections() };
        return new LedgerHarness(await factory.CreateStoreAsync(options), options, clock);
    }

    /// <summary>Sends <paramref name="request"/> through MediatR as <paramref name="principal"/>.</summary>
    public Task<Result<T>> Send<T>(IRequest<Result<T>> request, Principal principal, string? idempotencyKey = null, string? requestHash = null) =>
        Send(request, new FixedCommandContext(
            principal, $"corr-{Guid.NewGuid():N}",
            idempotencyKey is null ? null : new ClientIdempotency($"{principal.Id}:{idempotencyKey}", requestHash ?? "hash-1")));

    /// <summary>Sends <paramref name="request"/> through MediatR with <paramref name="context"/>, against <paramref name="store"/> if given.</summary>
    public Task<Result<T>> Send<T>(IRequest<Result<T>> request, ICommandContext context, ILedgerStore? store = null)
    {
        var services = new Dictionary<Type, object>
        {
            [typeof(ILedgerStore)] = store ?? Store,
            [typeof(EventTypeRegistry)] = Registry,
            [typeof(TimeProvider)] = Clock,
            [typeof(ICommandContext)] = context,
        };
        return Mediator.Send(request, services);
    }

    /// <summary>Registers 津海社区 with its clean-up (10, cap 30) and litter (-20) items and opens <paramref name="passbooks"/>.</summary>
    public async Task SeedAsync(params string[] passbooks)
    {
        Ok(await Send(new RegisterCommunityCommand(CommunityId, "津海社区", "龙湖区", "龙腾街道"), Admin));
        Ok(await Send(new DefinePointsItemCommand(CommunityId, CleanUp, "人居环境整治", "人居环境", 10, 30), Committee()));
        Ok(await Send(new DefinePointsItemCommand(CommunityId, Litter, "乱扔垃圾", "扣分", -20), Committee()));
        foreach (var passbook in passbooks.DefaultIfEmpty(Passbook))
        {
            Ok(await Send(new OpenHouseholdCommand(CommunityId, passbook, Head, [Spouse, Child]), Committee()));
        }
    }

    /// <summary>Asserts success and returns the value.</summary>
    public static T Ok<T>(Result<T> result) => ResultAssert.Ok(result);

    /// <summary>Asserts the problem slug.</summary>
    public static void Fails<T>(Result<T> result, string slug) => ResultAssert.Fails(result, slug);

    public Task<List<RecordedEvent>> ReadAllAsync() => Store.ReadAllEventsAsync();
}
