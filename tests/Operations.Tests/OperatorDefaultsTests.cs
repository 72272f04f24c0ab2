using System.Net;
using System.Net.Sockets;
using Ledger.Operations.Tests.Support;

namespace Ledger.Operations.Tests;

/// <summary>
/// What an operator meets first, on the real executable: help and verbs that never serve, a taken port in one line,
/// a log whose first line is the generated admin key and which has one line per request.
/// </summary>
public sealed class OperatorDefaultsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ledger-ops-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private Dictionary<string, string> OnSqlite => new() { ["Ledger:SqlitePath"] = Path.Combine(_folder, "ledger.db") };

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("--urls", "http://127.0.0.1:1", "--help")]
    public async Task Help_lists_the_verbs_exits_0_and_never_serves(params string[] args)
    {
        await using var api = ApiProcess.Start(_folder, OnSqlite, args);

        Assert.Equal(0, await api.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        var help = string.Join('\n', api.Output);
        foreach (var verb in new[] { "verify", "replay", "export", "import", "rebuild", "backup" })
        {
            Assert.Contains(verb, help);
        }

        Assert.False(File.Exists(Path.Combine(_folder, "ledger.db")), "help opened (created) the ledger");
    }

    [Theory]
    [InlineData("serve-please")]
    [InlineData("verfy")]
    public async Task An_unknown_verb_lists_the_verbs_exits_2_and_never_serves(string verb)
    {
        await using var api = ApiProcess.Start(_folder, OnSqlite, [verb]);

        Assert.Equal(2, await api.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        var line = Assert.Single(api.Error);
        Assert.Contains($"'{verb}' is not a verb", line);
        Assert.Contains("verify, replay, export, import, rebuild, backup", line);
        Assert.False(File.Exists(Path.Combine(_folder, "ledger.db")), "an unknown verb opened (created) the ledger");
    }

    [Fact]
    public async Task A_port_in_use_is_one_line_naming_it_and_exit_code_1()
    {
        using var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var port = ((IPEndPoint)holder.LocalEndpoint).Port;

        await using var api = ApiProcess.Start(_folder, OnSqlite, address: new Uri($"http://127.0.0.1:{port}"));

        Assert.Equal(1, await api.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        var line = Assert.Single(api.Error);
        Assert.Contains($"127.0.0.1:{port}", line);
        Assert.Contains("in use", line);
        Assert.DoesNotContain(api.Output, l => l.Contains(" at ", StringComparison.Ordinal) || l.Contains("Exception", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_generated_admin_key_is_the_first_line_and_each_request_is_one_line()
    {
        await using var api = ApiProcess.Start(_folder, OnSqlite);
        await api.WaitUntilHealthyAsync(TimeSpan.FromSeconds(60));
        using var client = new HttpClient { BaseAddress = api.Address };
        var key = api.Output[0]["Admin key (shown once, store it now): ".Length..];
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        using (await client.PostAsync("/api/communities", JsonBody(CommunityJson))) { }
        using (await client.GetAsync("/api/communities/c1")) { }
        using (await client.GetAsync("/api/communities/nowhere")) { }
        await api.StopAsync();

        Assert.StartsWith("Admin key (shown once, store it now): lgr_", api.Output[0]);
        var afterStart = api.Output.SkipWhile(l => !l.Contains("Content root path", StringComparison.Ordinal)).Skip(1)
            .TakeWhile(l => !l.Contains("shutting down", StringComparison.Ordinal)).ToList();
        Assert.Equal(
            ["GET /health 200", "POST /api/communities 201", "GET /api/communities/c1 200", "GET /api/communities/nowhere 404"],
            afterStart.Select(RequestOf).ToList());
        Assert.All(afterStart, l => Assert.Contains("RequestLogMiddleware", l));
    }

    [Fact]
    public async Task On_postgresql_the_log_holds_no_sql_text()
    {
        using var databases = new Ledger.Testing.PostgresEventStoreFactory();
        var settings = new Dictionary<string, string>
        {
            ["Ledger:Store"] = "postgres", ["ConnectionStrings:Ledger"] = await databases.CreateDatabaseAsync(),
            ["Ledger:AdminKey"] = "lgr_operations-test-admin-key-long-enough-0",
        };
        await using var api = ApiProcess.Start(_folder, settings);
        await api.WaitUntilHealthyAsync(TimeSpan.FromSeconds(60));
        using var client = new HttpClient { BaseAddress = api.Address };
        client.DefaultRequestHeaders.Add("X-Api-Key", settings["Ledger:AdminKey"]);
        using (await client.PostAsync("/api/communities", JsonBody(CommunityJson))) { }
        using (await client.GetAsync("/api/communities/c1")) { }
        await api.StopAsync();

        Assert.Contains(api.Output, l => l.Contains("POST /api/communities 201", StringComparison.Ordinal));
        Assert.DoesNotContain(api.Output.Concat(api.Error), l =>
            l.Contains("SELECT", StringComparison.Ordinal) || l.Contains("INSERT", StringComparison.Ordinal) || l.Contains("Npgsql", StringComparison.Ordinal));
    }

    private const string CommunityJson = """{"id":"c1","name":"一村","district":"龙湖区","street":"外砂街道"}""";

    // "2026-...Z info: Ledger.Api.Infrastructure.RequestLogMiddleware[0] GET /path 200 1.2 ms" -> "GET /path 200"
    private static string? RequestOf(string line)
    {
        var at = line.IndexOf("] ", StringComparison.Ordinal);
        var words = at < 0 ? [] : line[(at + 2)..].Split(' ');
        return words.Length >= 3 ? $"{words[0]} {words[1]} {words[2]}" : null;
    }

    private static StringContent JsonBody(string json) => new(json, System.Text.Encoding.UTF8, "application/json");
}
