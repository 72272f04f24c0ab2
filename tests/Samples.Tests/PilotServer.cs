using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Ledger.Samples.Tests;

/// <summary>
/// The real API on Kestrel at 127.0.0.1 and a random port, on a SQLite file in a temporary folder of its own, so the
/// sample reaches it as it reaches any server: through a socket, with HttpClient.
/// </summary>
public sealed class PilotServer : WebApplicationFactory<Program>
{
    /// <summary>The admin key the server is started with.</summary>
    public const string AdminKey = "lgr_samples-test-admin-key-long-enough-00";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "ledger-samples-tests", Guid.NewGuid().ToString("N"));

    private PilotServer() => UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));

    /// <summary>Where the server listens, e.g. <c>http://127.0.0.1:40123/</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Starts a server on a new SQLite file.</summary>
    public static PilotServer Start()
    {
        var server = new PilotServer();
        server.StartServer();
        var address = server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        server.BaseAddress = new Uri(address.EndsWith('/') ? address : address + "/");
        return server;
    }

    /// <summary>A client of the JSON API sending <paramref name="apiKey"/>.</summary>
    public HttpClient CreateApiClient(string apiKey)
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        return client;
    }

    /// <inheritdoc />
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Ledger:Store", "sqlite");
        builder.UseSetting("Ledger:SqlitePath", Path.Combine(_folder, "ledger.db"));
        builder.UseSetting("Ledger:AdminKey", AdminKey);
        // Request logs of a few thousand requests would drown the test output; warnings and errors still show.
        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
    }

    /// <inheritdoc />
    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open is the operating system's to clean; it is under the temporary folder.
        }
    }
}
