using Ledger.Api.Tests.Support;
using Ledger.Common;
using Ledger.EventStore;
using Ledger.Households;

namespace Ledger.Api.Tests.Cli;

/// <summary><c>verify</c> on a ledger a forger appended to: a host of its own, since every later verify on it would fail.</summary>
public abstract class CliTamperContract<TApi>(TApi api) : IClassFixture<TApi>
    where TApi : LedgerApiFactory
{
    [Fact]
    public async Task Verify_lists_what_it_found_in_a_table_and_exits_1_once_the_ledger_is_tampered_with()
    {
        await DomainSetup.CreateAsync(api, "cli-tamper", "T1");
        Assert.Equal(0, (await CliRun.OnAsync(api, "verify")).ExitCode);
        var registry = LedgerModule.CreateEventTypeRegistry(Redemption.RedemptionModule.Assembly);
        await api.Store.AppendAsync(StreamIds.Household("T1"), ExpectedVersion.Exactly(1),
            [registry.ToNewEvent(new PointsDeducted("cli-tamper", "clean-up", 1, 30, 30, "户主T1", null), new EventMetadata("key:forger"))]);

        var result = await CliRun.OnAsync(api, "verify");

        Assert.Equal((1, ""), (result.ExitCode, result.Error));
        Assert.Contains("negative-balance", result.Out);
        Assert.Contains("household-T1", result.Out);
        Assert.Matches(@"verify: \d+ events in \d+ streams, head hash [0-9a-f]{64}: 1 problem\(s\) found\.\s*$", result.Out);
    }
}

public sealed class CliTamperOnSqlite(SqliteApi api) : CliTamperContract<SqliteApi>(api);

public sealed class CliTamperOnPostgres(PostgresApi api) : CliTamperContract<PostgresApi>(api);
