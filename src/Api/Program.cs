using Ledger.Api.Cli;
using Ledger.Api.Endpoints;
using Ledger.Api.Infrastructure;
using Ledger.Api.Pages;

if (LedgerCli.Handles(args))
{
    return await LedgerCli.RunAsync(args);
}

var builder = WebApplication.CreateBuilder(args);
builder.AddLedgerApi();

var app = builder.Build();
app.UseLedgerApi();
app.MapSystemEndpoints();
app.MapKeysEndpoints();
app.MapCallerEndpoints();
app.MapPages();
app.MapCatalogEndpoints();
app.MapRedemptionsEndpoints();
app.MapVouchersEndpoints();
app.MapShiftCloseEndpoints();
app.MapCommunitiesEndpoints();
app.MapRulesEndpoints();
app.MapStarLevelsEndpoints();
app.MapPeriodsEndpoints();
app.MapExpiryEndpoints();
app.MapPartnersEndpoints();
app.MapSponsorshipsEndpoints();
app.MapHouseholdsEndpoints();
app.MapStatementEndpoints();
app.MapConsoleEndpoints();
app.MapAwardsEndpoints();
app.MapActivitiesEndpoints();
app.MapLeaderboardEndpoints();
app.MapHonorRollEndpoints();
app.MapStatisticsEndpoints();
app.MapAuditEndpoints();
app.MapAuditDeskEndpoints();
app.MapDocs();

return await app.RunLedgerAsync();

/// <summary>The API's entry point; public so integration tests can host it.</summary>
public partial class Program;
