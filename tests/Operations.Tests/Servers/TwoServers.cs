using Ledger.Operations.Tests.Support;
using Ledger.Testing;

namespace Ledger.Operations.Tests.Servers;

/// <summary>The keys of one community set up for a test: its committee, a clerk, and the district's auditor.</summary>
public sealed record CommunityKeys(string Id, string Committee, string Clerk, string Auditor);

/// <summary>
/// Two API servers as a district runs them: the built <c>Ledger.Api.dll</c> twice, each its own process on a free port,
/// both on one throwaway PostgreSQL database with the same admin key, started at the same moment (both create or
/// migrate the schema). Every test takes a community of its own, so they share the servers without sharing outcomes.
/// </summary>
public sealed class TwoServers : IAsyncLifetime
{
    public const string AdminKey = "lgr_two-servers-admin-key-long-enough-000000";

    private readonly PostgresEventStoreFactory _databases = new();
    private readonly string _folder = Directory.CreateTempSubdirectory("ledger-two-servers-").FullName;

    /// <summary>The first server.</summary>
    public ApiProcess A { get; private set; } = null!;

    /// <summary>The second server.</summary>
    public ApiProcess B { get; private set; } = null!;

    /// <summary>Both servers.</summary>
    public IReadOnlyList<ApiProcess> Both => [A, B];

    /// <summary>A superuser's connection string to the servers' database.</summary>
    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        ConnectionString = await _databases.CreateDatabaseAsync();
        (A, B) = (Start("a"), Start("b"));
        await Task.WhenAll(A.WaitUntilHealthyAsync(TimeSpan.FromSeconds(90)), B.WaitUntilHealthyAsync(TimeSpan.FromSeconds(90)));
    }

    /// <summary>Every line either server has printed, marked with the server's name.</summary>
    public IEnumerable<string> Log => A.Output.Concat(A.Error).Select(l => "a: " + l).Concat(B.Output.Concat(B.Error).Select(l => "b: " + l));

    /// <summary>The admin on <paramref name="server"/>.</summary>
    public static ServerClient Admin(ApiProcess server) => new(server.Address, AdminKey);

    /// <summary>Registers community <paramref name="id"/> through server A with a catalog of <paramref name="items"/>.</summary>
    public async Task<CommunityKeys> CommunityAsync(string id, params (string Sku, long Points, long Stock)[] items)
    {
        using var admin = Admin(A);
        await admin.SetUpAsync("/api/communities", new { id, name = "双机社区 " + id, district = "龙湖区", street = "外砂街道" });
        var keys = new CommunityKeys(id, await IssueAsync(admin, "committee", id), await IssueAsync(admin, "clerk", id), await IssueAsync(admin, "auditor", null));
        using var committee = new ServerClient(A.Address, keys.Committee);
        foreach (var (sku, points, stock) in items)
        {
            await committee.SetUpAsync($"/api/communities/{id}/catalog", new { sku, name = "商品 " + sku, kind = "goods", points, stock });
        }

        return keys;
    }

    /// <summary>Opens household <paramref name="passbook"/> in <paramref name="keys"/>'s community with <paramref name="points"/> points.</summary>
    public async Task HouseholdAsync(CommunityKeys keys, string passbook, long points)
    {
        using var committee = new ServerClient(A.Address, keys.Committee);
        await committee.SetUpAsync($"/api/communities/{keys.Id}/households", new { passbook, headName = "张伟", members = new[] { "李娜" } });
        if (points > 0)
        {
            var rule = "opening-" + points;
            await committee.PostAsync($"/api/communities/{keys.Id}/rules", new { id = rule, name = "开户积分", category = "开户", points }, $"{keys.Id}/{rule}");
            await committee.SetUpAsync($"/api/communities/{keys.Id}/awards", new { passbook, ruleId = rule });
        }
    }

    /// <summary>Issues a key through <paramref name="admin"/>; returns the secret.</summary>
    public static async Task<string> IssueAsync(ServerClient admin, string role, string? communityId) =>
        (await admin.SetUpAsync("/api/keys", new { role, communityId, label = "双机 " + role })).GetProperty("key").GetString()!;

    public async Task DisposeAsync()
    {
        // The logs stay for a failure's reader; the database goes with the throwaway server.
        await File.WriteAllLinesAsync(Path.Combine(_folder, "servers.log"), Log);
        await Task.WhenAll(A.StopAsync(), B.StopAsync());
        await A.DisposeAsync();
        await B.DisposeAsync();
        _databases.Dispose();
    }

    private ApiProcess Start(string name)
    {
        var folder = Directory.CreateDirectory(Path.Combine(_folder, name)).FullName;
        return ApiProcess.Start(folder, new Dictionary<string, string>
        {
            ["Ledger:Store"] = "postgres", ["ConnectionStrings:Ledger"] = ConnectionString, ["Ledger:AdminKey"] = AdminKey,
        });
    }
}

/// <summary>The tests that share one pair of servers.</summary>
[CollectionDefinition(Name)]
public sealed class TwoServersCollection : ICollectionFixture<TwoServers>
{
    public const string Name = "two API servers on one PostgreSQL";
}
