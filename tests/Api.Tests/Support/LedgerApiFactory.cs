using System.Net.Http.Headers;
using Ledger.Api.Infrastructure;
using Ledger.EventStore;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Ledger.Api.Tests.Support;

/// <summary>
/// Hosts the real API on a store of the given backend, configured as production configures it, with a known admin
/// key and the operator console captured. Use it as a class fixture through one of its backend subclasses.
/// </summary>
public class LedgerApiFactory(StoreBackend backend) : WebApplicationFactory<Program>, IAsyncLifetime
{
    /// <summary>The admin key every test host is configured with.</summary>
    public const string AdminKey = "lgr_test-admin-key-that-is-long-enough-000";

    private IReadOnlyDictionary<string, string?>? _settings;

    /// <summary>The store backend.</summary>
    public StoreBackend Backend { get; } = backend;

    /// <summary>What the host printed for the operator (a generated admin key would show here).</summary>
    public StringWriter OperatorOutput { get; } = new();

    /// <summary>Wraps the composed store (to inject faults); set before the host starts.</summary>
    public Func<ILedgerStore, ILedgerStore>? DecorateStore { get; init; }

    /// <summary>The clock the server runs on (a test's fake clock, shared by several hosts); the system clock when null.</summary>
    public TimeProvider? Clock { get; init; }

    /// <summary>Extra configuration, applied after the backend's.</summary>
    public IDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>();

    /// <summary>The configuration that points this host at its store (for a second host on the same store).</summary>
    public IReadOnlyDictionary<string, string?> StoreSettings =>
        _settings ?? throw new InvalidOperationException("Call InitializeAsync before reading the store's settings.");

    /// <summary>The host's store.</summary>
    public ILedgerStore Store => Services.GetRequiredService<ILedgerStore>();

    /// <summary>A client sending <paramref name="apiKey"/> (none when null).</summary>
    public HttpClient CreateClient(string? apiKey)
    {
        var client = CreateClient();
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Add(ApiKeyAuthenticationHandler.HeaderName, apiKey);
        }

        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return client;
    }

    /// <summary>A client holding the admin key.</summary>
    public HttpClient CreateAdminClient() => CreateClient(AdminKey);

    /// <inheritdoc />
    public virtual async Task InitializeAsync() => _settings = await Backend.PrepareAsync();

    /// <inheritdoc />
    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        await Backend.DisposeAsync();
    }

    /// <inheritdoc />
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        var settings = _settings ?? throw new InvalidOperationException("Call InitializeAsync before starting the host.");
        foreach (var (key, value) in settings.Concat(Settings))
        {
            builder.UseSetting(key, value);
        }

        if (!Settings.ContainsKey("Ledger:AdminKey"))
        {
            builder.UseSetting("Ledger:AdminKey", AdminKey);
        }

        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton(new OperatorConsole(OperatorOutput));
            if (Clock is { } clock)
            {
                services.Replace(ServiceDescriptor.Singleton(clock));
            }
            if (DecorateStore is { } decorate)
            {
                var composed = services.Last(d => d.ServiceType == typeof(ILedgerStore));
                services.Replace(ServiceDescriptor.Singleton<ILedgerStore>(sp =>
                    decorate((ILedgerStore)composed.ImplementationFactory!(sp))));
            }
        });
    }
}

/// <summary>Another server on the store of an existing host (several API servers, one ledger).</summary>
public sealed class SecondHost : LedgerApiFactory
{
    /// <summary>Another server of <paramref name="first"/>'s ledger, on its clock.</summary>
    public SecondHost(LedgerApiFactory first)
        : base(new SharedStoreBackend(first.StoreSettings)) => Clock = first.Clock;
}

/// <summary>The API on a fresh SQLite file.</summary>
public sealed class SqliteApi() : LedgerApiFactory(new SqliteBackend());

/// <summary>The API on a fresh PostgreSQL database.</summary>
public sealed class PostgresApi() : LedgerApiFactory(new PostgresBackend());
