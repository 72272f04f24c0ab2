using Ledger.Common;
using Ledger.EventStore;
using Ledger.EventStore.Projections;
using Redemption;

namespace Ledger.Api.Infrastructure;

/// <summary>The read models of the process: inline ones go into the store's options, async ones to the daemon.</summary>
/// <param name="Inline">Kept in each append's own transaction.</param>
/// <param name="Async">Run by <see cref="ProjectionDaemon"/> behind the global feed.</param>
public sealed record LedgerProjections(IReadOnlyList<IProjection> Inline, IReadOnlyList<IProjection> Async)
{
    /// <summary>The ledger's and the supermarket's read models; <paramref name="registry"/> knows both modules' events.</summary>
    public static LedgerProjections Domain(EventTypeRegistry registry) => new(
        [.. LedgerModule.InlineProjections(), .. RedemptionModule.InlineProjections()],
        [.. LedgerModule.AsyncProjections(registry), .. RedemptionModule.AsyncProjections()]);
}

/// <summary>Registers the projection daemon and the hosted service that runs it for the life of the host.</summary>
public static class ProjectionComposition
{
    /// <summary>
    /// Registers <see cref="LedgerProjections"/>, the one <see cref="ProjectionDaemon"/> (endpoints wait on it with
    /// <see cref="ProjectionDaemon.WaitForAsync"/>) and its hosted service. Call after the store's start-up service,
    /// so the daemon starts on an initialised store.
    /// </summary>
    public static IServiceCollection AddLedgerProjections(this IServiceCollection services)
    {
        services.AddSingleton(sp => LedgerProjections.Domain(sp.GetRequiredService<EventTypeRegistry>()));
        services.AddSingleton(sp => new ProjectionDaemon(
            sp.GetRequiredService<ILedgerStore>(),
            sp.GetRequiredService<EventStoreOptions>(),
            sp.GetRequiredService<LedgerProjections>().Async,
            logger: sp.GetRequiredService<ILoggerFactory>().CreateLogger<ProjectionDaemon>()));
        services.AddHostedService<ProjectionDaemonService>();
        services.AddHostedService<ProjectionLagSampler>();
        return services;
    }

    /// <summary>
    /// Read-your-writes for endpoints answered from async projections: waits (briefly) until each has applied the
    /// ledger's head as it is now. A projection still behind after the wait is answered as it stands.
    /// </summary>
    public static async Task CatchUpToHeadAsync(this ProjectionDaemon daemon, ILedgerStore store, CancellationToken cancellationToken, params string[] projections)
    {
        var head = (await store.ReadHeadAsync(cancellationToken)).Position;
        foreach (var projection in projections)
        {
            await daemon.WaitForAsync(projection, head, ReadYourWritesTimeout, cancellationToken);
        }
    }

    private static readonly TimeSpan ReadYourWritesTimeout = TimeSpan.FromSeconds(5);
}

/// <summary>Starts the daemon with the host and stops it, letting a batch in progress roll back, on shutdown.</summary>
internal sealed class ProjectionDaemonService(LedgerStartup startup, ProjectionDaemon daemon) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await startup.EnsureStartedAsync(cancellationToken);
        await daemon.StartAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => daemon.StopAsync(cancellationToken);
}
