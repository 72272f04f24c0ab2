using System.Diagnostics;

namespace Ledger.Operations.Tests.Servers;

/// <summary>Keys across servers: a key revoked through one server is refused by the other within 5 s (PRODUCT.md, keys).</summary>
[Collection(TwoServersCollection.Name)]
public sealed class TwoServersKeyTests(TwoServers servers)
{
    [Fact]
    public async Task A_key_revoked_on_one_server_is_refused_by_the_other_within_five_seconds()
    {
        await servers.CommunityAsync("revocation");
        using var admin = TwoServers.Admin(servers.A);
        var issued = await admin.SetUpAsync("/api/keys", new { role = "clerk", communityId = "revocation", label = "丢失的平板" });
        var key = issued.GetProperty("key").GetString()!;
        using var onA = new ServerClient(servers.A.Address, key);
        using var onB = onA.On(servers.B.Address);
        // Server B has just read the key, so it believes it for a while without reading again: what the bound is for.
        Assert.Equal(200, (await onB.GetAsync("/api/me")).Status);

        var revoked = await admin.PostAsync($"/api/keys/{issued.GetProperty("keyId").GetString()}/revoke", new { reason = "柜台平板丢失" });
        var clock = Stopwatch.StartNew();

        Assert.True(revoked.Succeeded, revoked.ToString());
        Assert.Equal(401, (await onA.GetAsync("/api/me")).Status);
        var status = 200;
        while (clock.Elapsed < TimeSpan.FromSeconds(6) && (status = (await onB.GetAsync("/api/me")).Status) == 200)
        {
            await Task.Delay(50);
        }

        Assert.Equal(401, status);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"server B still accepted the key {clock.Elapsed.TotalSeconds:0.0} s after its revocation");
        Assert.Equal(401, (await onB.GetAsync("/api/me")).Status);
    }
}
