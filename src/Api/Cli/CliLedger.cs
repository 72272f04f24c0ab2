using System.CommandLine;
using Ledger.Api.Infrastructure;
using Ledger.EventStore;
using Ledger.EventStore.Projections;

namespace Ledger.Api.Cli;

/// <summary>
/// The ledger a verb works on: the store the server would open (same <c>appsettings</c>, environment and defaults),
/// unless <c>--store</c>, <c>--sqlite-path</c> or <c>--connection</c> say otherwise; with the same event types, read
/// models and checks as the server.
/// </summary>
public sealed class CliLedger : IAsyncDisposable
{
    /// <summary><c>--store sqlite|postgres</c>.</summary>
    public static readonly Option<string?> StoreOption = new("--store")
    {
        Description = "sqlite or postgres (default: Ledger:Store, as the server reads it).",
        Arity = ArgumentArity.ExactlyOne,
    };

    /// <summary><c>--sqlite-path</c>.</summary>
    public static readonly Option<string?> SqlitePathOption = new("--sqlite-path")
    {
        Description = "The SQLite file (default: Ledger:SqlitePath, data/ledger.db).",
        Arity = ArgumentArity.ExactlyOne,
    };

    /// <summary><c>--connection</c>.</summary>
    public static readonly Option<string?> ConnectionOption = new("--connection")
    {
        Description = "The PostgreSQL connection string (default: ConnectionStrings:Ledger).",
        Arity = ArgumentArity.ExactlyOne,
    };

    private CliLedger(ILedgerStore store, EventStoreOptions options, EventTypeRegistry registry, LedgerProjections projections)
    {
        Store = store;
        Registry = registry;
        Projections = new ProjectionDaemon(store, options, projections.Async);
    }

    /// <summary>The store, initialised.</summary>
    public ILedgerStore Store { get; }

    /// <summary>Every event type of the ledger and the supermarket.</summary>
    public EventTypeRegistry Registry { get; }

    /// <summary>The projection runner over every read model (not started: verbs drive it themselves).</summary>
    public ProjectionDaemon Projections { get; }

    /// <summary>The checks of <c>verify</c>, as the server composes them.</summary>
    public AuditChecks Checks => new(Store, Registry, Projections);

    /// <summary>Adds the store options to <paramref name="command"/>.</summary>
    public static Command WithStoreOptions(Command command)
    {
        command.Options.Add(StoreOption);
        command.Options.Add(SqlitePathOption);
        command.Options.Add(ConnectionOption);
        return command;
    }

    /// <summary>
    /// Opens the store the options and configuration name. A SQLite file that does not exist is refused unless
    /// <paramref name="mayCreate"/>: a mistyped path must not read as an empty, intact ledger.
    /// </summary>
    public static async Task<CliLedger> OpenAsync(ParseResult parse, bool mayCreate, CancellationToken cancellationToken)
    {
        var (settings, connectionString, contentRoot) = ReadConfiguration(parse);
        if (!mayCreate && IsSqlite(settings) && SqlitePath(settings, contentRoot) is var path && !File.Exists(path))
        {
            throw new CliFailure($"There is no ledger at {path}: give --sqlite-path, or --store postgres --connection.");
        }

        var registry = new EventTypeRegistry([.. MediatorComposition.LedgerAssemblies]);
        var projections = LedgerProjections.Domain(registry);
        var options = new EventStoreOptions { InlineProjections = projections.Inline };
        var store = EventStoreComposition.Create(settings, connectionString, contentRoot, options);
        try
        {
            await store.InitializeAsync(cancellationToken);
        }
        catch
        {
            await DisposeStoreAsync(store);
            throw;
        }

        return new CliLedger(store, options, registry, projections);
    }

    /// <summary>True when <paramref name="settings"/> name the embedded SQLite store.</summary>
    public static bool IsSqlite(LedgerSettings settings) => settings.Store.Trim().Equals("sqlite", StringComparison.OrdinalIgnoreCase);

    /// <summary>The SQLite file <paramref name="settings"/> name, as the server resolves it.</summary>
    public static string SqlitePath(LedgerSettings settings, string contentRoot) => Path.GetFullPath(settings.SqlitePath, contentRoot);

    /// <summary>
    /// The store settings, PostgreSQL connection string and content root the server would use, overridden by the
    /// verb's <c>--store</c>, <c>--sqlite-path</c> and <c>--connection</c>.
    /// </summary>
    public static (LedgerSettings Settings, string? ConnectionString, string ContentRoot) ReadConfiguration(ParseResult parse)
    {
        // The server's own configuration sources, in its order; nothing is started.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [] });
        var overrides = new Dictionary<string, string?>();
        void Override(string key, string? value)
        {
            if (value is not null)
            {
                overrides[key] = value;
            }
        }

        Override($"{LedgerSettings.Section}:Store", parse.GetValue(StoreOption));
        Override($"{LedgerSettings.Section}:SqlitePath", parse.GetValue(SqlitePathOption));
        Override($"ConnectionStrings:{LedgerSettings.ConnectionStringName}", parse.GetValue(ConnectionOption));
        builder.Configuration.AddInMemoryCollection(overrides);
        var settings = builder.Configuration.GetSection(LedgerSettings.Section).Get<LedgerSettings>() ?? new LedgerSettings();
        return (settings, builder.Configuration.GetConnectionString(LedgerSettings.ConnectionStringName), builder.Environment.ContentRootPath);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await Projections.DisposeAsync();
        await DisposeStoreAsync(Store);
    }

    private static async ValueTask DisposeStoreAsync(ILedgerStore store)
    {
        if (store is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }
    }
}
