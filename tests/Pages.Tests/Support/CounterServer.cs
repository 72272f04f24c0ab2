using System.Net;
using System.Net.Http.Headers;
using Ledger.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Ledger.Pages.Tests.Support;

/// <summary>
/// The real API on Kestrel at 127.0.0.1 and a random port, so a browser can reach it (the in-memory TestServer is
/// invisible to Chromium). The store is configured as production configures it: a SQLite file or a PostgreSQL database.
/// </summary>
public sealed class CounterServer : WebApplicationFactory<Program>
{
    /// <summary>The admin key the server is started with.</summary>
    public const string AdminKey = "lgr_pages-test-admin-key-long-enough-0000";

    private readonly IReadOnlyDictionary<string, string?> _settings;

    private CounterServer(IReadOnlyDictionary<string, string?> settings)
    {
        _settings = settings;
        UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
    }

    /// <summary>Where the server listens, e.g. <c>http://127.0.0.1:40123/</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Starts a server on a new SQLite file in <paramref name="folder"/>.</summary>
    public static CounterServer StartOnSqlite(string folder) => Start(new Dictionary<string, string?>
    {
        ["Ledger:Store"] = "sqlite",
        ["Ledger:SqlitePath"] = Path.Combine(folder, "ledger.db"),
    });

    /// <summary>Starts a server on a new database of the test run's throwaway PostgreSQL server.</summary>
    public static async Task<CounterServer> StartOnPostgresAsync() => Start(new Dictionary<string, string?>
    {
        ["Ledger:Store"] = "postgres",
        ["ConnectionStrings:Ledger"] = await new PostgresEventStoreFactory().CreateDatabaseAsync(),
    });

    /// <summary>A client of the JSON API sending <paramref name="apiKey"/>.</summary>
    public HttpClient CreateApiClient(string? apiKey)
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        }

        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return client;
    }

    /// <inheritdoc />
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.UseSetting("Ledger:AdminKey", AdminKey);
        // The operator console and request logs would drown the test output; warnings and errors still show.
        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
    }

    private static CounterServer Start(IReadOnlyDictionary<string, string?> settings)
    {
        var server = new CounterServer(settings);
        server.StartServer();
        var address = server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        server.BaseAddress = new Uri(address.EndsWith('/') ? address : address + "/");
        return server;
    }
}
