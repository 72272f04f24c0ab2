using Ledger.Api.Infrastructure;
using Ledger.EventStore;
using Ledger.Keys;
using Ledger.Testing;

namespace Ledger.Api.Tests;

public sealed class AdminKeyBootstrapTests(SqliteEventStoreFactory stores) : IClassFixture<SqliteEventStoreFactory>
{
    private static readonly EventTypeRegistry EventTypes = new([.. MediatorComposition.LedgerAssemblies]);

    [Fact]
    public async Task The_first_start_without_a_configured_key_prints_a_new_key_once_and_stores_only_its_hash()
    {
        var store = await stores.CreateStoreAsync();
        var output = new StringWriter();

        var hash = await new AdminKeyBootstrap(store, EventTypes).EnsureAsync(configuredKey: null, output);

        var line = Assert.Single(output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith(AdminKeyBootstrap.ShownOncePrefix, line);
        var key = line[AdminKeyBootstrap.ShownOncePrefix.Length..];
        Assert.StartsWith(ApiKeys.KeyPrefix, key);
        Assert.True(key.Length >= 40, "The generated key should carry at least 256 bits.");
        Assert.Equal(ApiKeys.Hash(key), hash);
        var stored = Assert.Single(await store.ReadStreamToListAsync(ApiKeys.AdminStreamId));
        Assert.Equal("AdminKeyGenerated.v1", stored.Type);
        Assert.Contains(hash, stored.Data);
        Assert.DoesNotContain(key, stored.Data + stored.MetadataJson);
    }

    [Fact]
    public async Task A_second_start_prints_nothing_and_keeps_the_first_key()
    {
        var store = await stores.CreateStoreAsync();
        var first = await new AdminKeyBootstrap(store, EventTypes).EnsureAsync(null, new StringWriter());
        var output = new StringWriter();

        var second = await new AdminKeyBootstrap(store, EventTypes).EnsureAsync(null, output);

        Assert.Equal("", output.ToString());
        Assert.Equal(first, second);
        Assert.Single(await store.ReadStreamToListAsync(ApiKeys.AdminStreamId));
    }

    [Fact]
    public async Task A_configured_key_is_used_as_is_and_nothing_is_printed_or_stored()
    {
        var store = await stores.CreateStoreAsync();
        var output = new StringWriter();

        var hash = await new AdminKeyBootstrap(store, EventTypes).EnsureAsync("configured-admin-key", output);

        Assert.Equal(ApiKeys.Hash("configured-admin-key"), hash);
        Assert.Equal("", output.ToString());
        Assert.Empty(await store.ReadStreamToListAsync(ApiKeys.AdminStreamId));
    }

    [Fact]
    public async Task Instances_starting_together_on_one_store_agree_on_one_key_and_only_its_maker_prints_it()
    {
        var store = await stores.CreateStoreAsync();
        var outputs = Enumerable.Range(0, 4).Select(_ => new StringWriter()).ToArray();

        var hashes = await Task.WhenAll(outputs.Select(o => Task.Run(() => new AdminKeyBootstrap(store, EventTypes).EnsureAsync(null, o))));

        Assert.Single(hashes.Distinct());
        var printed = Assert.Single(outputs, o => o.ToString().Length > 0).ToString().Trim();
        Assert.Equal(hashes[0], ApiKeys.Hash(printed[AdminKeyBootstrap.ShownOncePrefix.Length..]));
        Assert.Single(await store.ReadStreamToListAsync(ApiKeys.AdminStreamId));
    }
}
