using Ledger.EventStore;
using Ledger.EventStore.Postgres;
using Ledger.EventStore.Sqlite;
using Microsoft.Extensions.Options;

namespace Ledger.Api.Infrastructure;

/// <summary>Chooses and builds the event store from configuration.</summary>
public static class EventStoreComposition
{
    /// <summary>
    /// Registers the one <see cref="ILedgerStore"/> of the process. Configuration is read when the store is first
    /// resolved, not now, so hosts and tests that add settings after this call are honoured.
    /// </summary>
    public static IServiceCollection AddLedgerStore(this IServiceCollection services)
    {
        services.AddOptions<LedgerSettings>().BindConfiguration(LedgerSettings.Section);
        services.AddSingleton(TimeProvider.System);
        // One options object for the store and the projection daemon: its Appended signal wakes the daemon.
        services.AddSingleton(sp => new EventStoreOptions
        {
            Clock = sp.GetRequiredService<TimeProvider>(),
            InlineProjections = sp.GetService<LedgerProjections>()?.Inline ?? [],
        });
        services.AddSingleton<LedgerMetrics>();
        services.AddSingleton<ILedgerStore>(sp =>
        {
            var settings = sp.GetRequiredService<IOptions<LedgerSettings>>().Value;
            return new MeteredEventStore(Create(
                settings,
                sp.GetRequiredService<IConfiguration>().GetConnectionString(LedgerSettings.ConnectionStringName),
                sp.GetRequiredService<IHostEnvironment>().ContentRootPath,
                sp.GetRequiredService<EventStoreOptions>(),
                sp.GetService<ILoggerFactory>()), sp.GetRequiredService<LedgerMetrics>());
        });
        // Handlers ask for the narrow face they use; every one is the same store.
        services.AddSingleton<IEventStore>(sp => sp.GetRequiredService<ILedgerStore>());
        services.AddSingleton<IReadModelStore>(sp => sp.GetRequiredService<ILedgerStore>());
        services.AddSingleton<IEventStoreAdmin>(sp => sp.GetRequiredService<ILedgerStore>());
        return services;
    }

    /// <summary>Builds the configured backend; a configuration it cannot serve is reported as the store being unavailable.</summary>
    internal static ILedgerStore Create(
        LedgerSettings settings, string? connectionString, string contentRoot, EventStoreOptions options, ILoggerFactory? loggers = null) =>
        settings.Store.Trim().ToLowerInvariant() switch
        {
            "sqlite" => CreateSqlite(Path.GetFullPath(settings.SqlitePath, contentRoot), options),
            "postgres" => CreatePostgres(
                string.IsNullOrWhiteSpace(connectionString)
                    ? throw new EventStoreUnavailableException(
                        $"Ledger:Store is 'postgres' but ConnectionStrings:{LedgerSettings.ConnectionStringName} is not set.")
                    : connectionString,
                options,
                loggers),
            _ => throw new EventStoreUnavailableException($"Ledger:Store is '{settings.Store}'; use 'sqlite' or 'postgres'."),
        };

    private static ILedgerStore CreateSqlite(string path, EventStoreOptions options) =>
        new SqliteEventStore(new SqliteEventStoreSettings(path), options);

    private static ILedgerStore CreatePostgres(string connectionString, EventStoreOptions options, ILoggerFactory? loggers)
    {
        try
        {
            return new PostgresEventStore(new PostgresEventStoreSettings(connectionString) { LoggerFactory = loggers }, options);
        }
        catch (ArgumentException ex)
        {
            // Npgsql refuses a malformed connection string here; to the operator it is a store that cannot be opened.
            throw new EventStoreUnavailableException(
                $"ConnectionStrings:{LedgerSettings.ConnectionStringName} is not a valid connection string: {ex.Message}", ex);
        }
    }
}
